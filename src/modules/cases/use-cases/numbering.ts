// Where a case lies (its community, street and district) and its number: a district prefix,
// the Beijing day and a daily sequence.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { queryRows } from '../../../platform/db.ts';
import { findOrgNodes } from '../../org/index.ts';
import { categorySearchKeys, type CaseRules } from '../settings.ts';
import { beijingDay } from './common.ts';

const placeCache = new WeakMap<Db, Map<string, { at: number; value: PlaceInfo }>>();
export interface PlaceInfo {
  communityCode: string | null;
  streetCode: string | null;
  districtCode: string | null;
  districtName: string | null;
}

/** The community, street and district an org path lies in (cached a minute: the tree rarely changes). */
export async function placeCodesOf(db: Db, orgPath: string): Promise<PlaceInfo> {
  let perDb = placeCache.get(db);
  if (!perDb) placeCache.set(db, (perDb = new Map()));
  const hit = perDb.get(orgPath);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const codes = orgPath.split('.');
  const nodes = await findOrgNodes(db, codes);
  const of = (level: string) => nodes.find((n) => n.level === level);
  const value = {
    communityCode: of('community')?.code ?? null,
    streetCode: of('street')?.code ?? null,
    districtCode: of('district')?.code ?? null,
    districtName: of('district')?.name ?? null,
  };
  perDb.set(orgPath, { at: Date.now(), value });
  return value;
}

/** The short prefix of a district's case numbers: configured, else its name's initials (海淀区 → HD). */
export function numberPrefix(rules: CaseRules, districtCode: string | null, districtName: string | null): string {
  if (districtCode && rules.settings.numberPrefixes[districtCode]) return rules.settings.numberPrefixes[districtCode] as string;
  const base = (districtName ?? '').replace(/(自治县|自治旗|新区|区|县|市|旗)$/, '');
  const initials = base ? categorySearchKeys(base).nameInitials : '';
  return (initials || 'GZ').toUpperCase().slice(0, 4);
}

/**
 * The next case number of a district for a day: PREFIX + YYYYMMDD + '-' + 6-digit daily
 * sequence. The counter row is taken with an atomic upsert in its own statement, so
 * concurrent intakes never share a number and do not wait on each other's transactions
 * (a failed intake leaves a gap, as hotline numbering does).
 */
export async function nextCaseNumber(db: Db, prefix: string, at: Date): Promise<string> {
  const day = beijingDay(at);
  const [row] = await queryRows<{ seq: number }>(
    db,
    sql`insert into case_number_counters (prefix, day, seq) values (${prefix}, ${`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`}::date, 1)
        on conflict (prefix, day) do update set seq = case_number_counters.seq + 1
        returning seq`,
  );
  return `${prefix}${day}-${String(row?.seq ?? 1).padStart(6, '0')}`;
}
