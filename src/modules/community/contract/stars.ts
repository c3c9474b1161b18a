// Volunteer star levels (星级志愿者) by cumulative service hours. Pure, shared with the web.

/** Hours at which one reaches one to five stars, by default (the national volunteer service record practice). */
export const defaultStarThresholds = [100, 300, 600, 1000, 1500] as const;

/** The star level (0–5) for cumulative minutes: a threshold reached counts, one minute short does not. */
export function starLevel(totalMinutes: number, thresholdsHours: readonly number[] = defaultStarThresholds): number {
  return thresholdsHours.filter((hours) => totalMinutes >= hours * 60).length;
}

/** Hours still needed for the next star, or null at the top. */
export function hoursToNextStar(totalMinutes: number, thresholdsHours: readonly number[] = defaultStarThresholds): number | null {
  const next = thresholdsHours.find((hours) => totalMinutes < hours * 60);
  return next === undefined ? null : Math.ceil((next * 60 - totalMinutes) / 60);
}

/** Whether thresholds are usable: five positive whole hours, strictly rising. */
export function validStarThresholds(thresholdsHours: readonly number[]): boolean {
  return thresholdsHours.length === 5 && thresholdsHours.every((h, i) => Number.isInteger(h) && h > 0 && (i === 0 || h > thresholdsHours[i - 1]!));
}
