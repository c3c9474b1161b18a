// What services2's parts share: the org path under a code the asker gave, field errors, and
// the working-day calendar the cases keep (holidays and 调休 as configured there).
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { WorkingCalendar } from '../../../platform/calendar.ts';
import { loadCaseRules } from '../../cases/index.ts';
import { placeOf } from '../../org/index.ts';

/** The org path of an org unit or grid code, or NOT_FOUND naming it. */
export async function pathUnder(db: Db, code: string): Promise<string> {
  const place = await placeOf(db, code);
  if (!place) throw new AppError('NOT_FOUND', { what: code });
  return place.orgPath;
}

/** A VALIDATION_FAILED naming one field. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { summary: field, fields: [{ field, message }] });
}

/** The platform's working-day calendar (the one case time limits use). */
export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  return (await loadCaseRules(db)).calendar;
}
