// The area a command-centre question is about: a division (district, street, community: cases
// lying under its org path) or a department (cases it led). The caller must hold
// command.read on it; without `under` it is the actor's own first area.
import { AppError } from '../../platform/errors.ts';
import { assertInScope, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db.ts';
import { findOrgUnit } from '../org/index.ts';
import type { AreaView } from './contract.ts';
import { addDays, beijingDate as beijingDay } from '../../platform/beijing-time.ts';
import type { DayRange } from '../cases/index.ts';

export interface Area extends AreaView {
  orgPath: string;
  isDepartment: boolean;
}

export async function resolveArea(db: Db, actor: Actor, under: string | undefined): Promise<Area> {
  const scopes = scopePaths(actor, 'command.read');
  if (scopes.length === 0) throw new AppError('FORBIDDEN', { permission: 'command.read' });
  const code = under ?? scopes[0]?.split('.').at(-1);
  const orgUnit = code ? await findOrgUnit(db, code) : undefined;
  if (!orgUnit) throw new AppError('NOT_FOUND', { what: code ?? '' });
  assertInScope(actor, 'command.read', orgUnit.orgPath);
  return { code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, orgPath: orgUnit.orgPath, isDepartment: orgUnit.level === 'department' };
}

/** The whole tree, for the detection job (it looks everywhere). */
export const wholeTree: Area = { code: '', name: '', level: 'root', orgPath: '', isDepartment: false };

const DAY_MS = 86_400_000;

export { beijingDate as beijingDay, beijingDayStart as dayStart, addDays } from '../../platform/beijing-time.ts';
export type { DayRange } from '../cases/index.ts';

const periodError = (field: string, message: string) => new AppError('VALIDATION_FAILED', { fields: [{ field, message }], summary: `${field}: ${message}` });

/** A period in whole Beijing days: by default the last 30 days, today included. */
export function periodDays(from: Date | undefined, to: Date | undefined, now = new Date()): DayRange {
  const end = to ? beijingDay(new Date(to.getTime() - 1)) : beijingDay(now);
  const toDay = addDays(end, 1);
  const fromDay = from ? beijingDay(from) : addDays(toDay, -30);
  if (fromDay >= toDay) throw periodError('querystring.to', '结束时间须晚于开始时间 / to must be after from');
  if (Date.parse(toDay) - Date.parse(fromDay) > 800 * DAY_MS) throw periodError('querystring.from', '期间不能超过 800 天 / the period may not exceed 800 days');
  return { from: fromDay, to: toDay };
}

/** The period of the same length just before. */
export function previousPeriod(range: DayRange): DayRange {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS);
  return { from: addDays(range.from, -days), to: range.from };
}
