// Counts of case events per day × place × lead unit × category: the cases module's daily rollup
// and the timeline's entries it has not folded yet. The command centre reads them
// through cases' index (the rollup belongs with the timeline it folds).
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { countsBy } from '../cases/index.ts';
import type { Area, DayRange } from './area.ts';

export { countColumns, countsBy, emptyCounts, metricsOf, type CountRow, type Needs } from '../cases/index.ts';

/** The lead units of cases lying under an org path over whole days (from the rollup and the live timeline). */
export async function unitsThatLed(db: Db, orgPath: string, range: DayRange): Promise<string[]> {
  const area: Area = { code: orgPath.split('.').at(-1) ?? '', name: '', level: '', orgPath, isDepartment: false };
  const rows = await countsBy(db, area, range, sql`handling_unit`);
  return rows.filter((r) => r.key !== '').map((r) => r.key);
}
