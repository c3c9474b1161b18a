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

// Numbers are handed out from blocks: one upsert of the (prefix, day) counter row reserves
// BLOCK numbers for this process, so the row is touched once per block instead of once per
// intake (it was the hot spot: two thirds of intake time waiting on it under load). Several
// processes each hold their own block; a process that stops leaves the rest of its block
// unused, a gap as hotline numbering allows.
const BLOCK = 100;
interface NumberBlock {
  next: number;
  last: number;
}
const blocks = new WeakMap<Db, Map<string, NumberBlock | Promise<NumberBlock>>>();

async function reserveBlock(db: Db, prefix: string, day: string): Promise<NumberBlock> {
  const [row] = await queryRows<{ seq: number }>(
    db,
    sql`insert into case_number_counters (prefix, day, seq) values (${prefix}, ${`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`}::date, ${BLOCK})
        on conflict (prefix, day) do update set seq = case_number_counters.seq + ${BLOCK}
        returning seq`,
  );
  const last = Number(row?.seq ?? BLOCK);
  return { next: last - BLOCK + 1, last };
}

/**
 * The next case number of a district for a day: PREFIX + YYYYMMDD + '-' + 6-digit daily
 * sequence, taken from this process's block of the day (a new block is reserved in its own
 * statement, outside any intake transaction, so concurrent intakes never share a number).
 */
export async function nextCaseNumber(db: Db, prefix: string, at: Date): Promise<string> {
  const day = beijingDay(at);
  const key = `${prefix}|${day}`;
  let perDb = blocks.get(db);
  if (!perDb) blocks.set(db, (perDb = new Map()));
  for (;;) {
    const held = perDb.get(key);
    if (held && !(held instanceof Promise) && held.next <= held.last) {
      const seq = held.next++;
      return `${prefix}${day}-${String(seq).padStart(6, '0')}`;
    }
    if (held instanceof Promise) {
      await held.catch(() => undefined);
      continue;
    }
    // One reservation at a time per key: callers arriving meanwhile wait for it and share the block.
    const reserving = reserveBlock(db, prefix, day);
    perDb.set(key, reserving);
    try {
      perDb.set(key, await reserving);
    } catch (error) {
      perDb.delete(key);
      throw error;
    }
    // Yesterday's blocks are of no more use.
    if (perDb.size > 1000) for (const k of perDb.keys()) if (!k.endsWith(day) && k !== key) perDb.delete(k);
  }
}
