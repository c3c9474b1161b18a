// Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991) for what people read:
// days, minutes and years on ledgers, numbers and certificates, whatever the server's zone.
const OFFSET_MS = 8 * 3_600_000;

const shifted = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString();

/** The Beijing calendar year of an instant. */
export function beijingYear(at: Date = new Date()): number {
  return Number(shifted(at).slice(0, 4));
}

/** The Beijing date of an instant as YYYY-MM-DD ('' for none). */
export function beijingDate(at: Date | null): string {
  return at ? shifted(at).slice(0, 10) : '';
}

/** The Beijing date and minute of an instant as YYYY-MM-DD HH:mm ('' for none). */
export function beijingMinute(at: Date | null): string {
  return at ? shifted(at).slice(0, 16).replace('T', ' ') : '';
}

/** The instant a Beijing day (YYYY-MM-DD) starts: 16:00 UTC the day before. */
export function beijingDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

/** The day `n` days after a day (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
