// How many minutes an attendance earns (pure): the activity's scheduled time when the volunteer
// came and left within the grace of its start and end (the organiser's code or confirmation
// vouches for them); otherwise only the time actually present within the activity.

/** Minutes of lateness or early leaving that still earn the scheduled time. */
export const graceMinutes = 30;

const minute = 60_000;

export function creditedMinutes(activity: { startsAt: Date; endsAt: Date }, checkedInAt: Date, checkedOutAt: Date, grace = graceMinutes): number {
  const start = activity.startsAt.getTime();
  const end = activity.endsAt.getTime();
  const came = checkedInAt.getTime();
  const left = checkedOutAt.getTime();
  if (left <= came) return 0;
  if (came <= start + grace * minute && left >= end - grace * minute) return Math.floor((end - start) / minute);
  const overlap = Math.min(left, end) - Math.max(came, start);
  return overlap > 0 ? Math.floor(overlap / minute) : 0;
}

/** Minutes as hours with one decimal, for what people read. */
export function hoursText(minutes: number): string {
  return (Math.round(minutes / 6) / 10).toFixed(1);
}
