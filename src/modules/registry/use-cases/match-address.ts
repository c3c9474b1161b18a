// Placing an address someone typed (an Open311 client's address_string, a caller's words)
// on the registry's buildings and houses. pg_trgm gives Chinese no similarity, so the
// candidates come from the bigram search column (any shared bigram, best ranked first) and
// are scored here on normalised text: the typed text containing a building's address and
// name beats containing its address alone, which beats being a fragment of it. A tie
// between buildings of different grids places nothing: a guess in the wrong grid costs more
// than staff placing the case.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { buildings, houses } from '../schema.ts';
import { searchTerms } from '../text-search.ts';
import { underPath } from './common.ts';

export interface AddressMatch {
  /** The building, or null when several buildings of one grid fit equally. */
  buildingId: string | null;
  houseId: string | null;
  gridCode: string;
  orgPath: string;
  /** The building's point (the mean of the tied buildings' points); null when unplaced. */
  lng: number | null;
  lat: number | null;
  /** 0–110: 100 the address and name, 70 the address alone, up to 40 a fragment; +10 the house. */
  score: number;
}

const CANDIDATES = 200;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 北京市 海淀区 永定路东街5号院（3号楼）→ 北京市海淀区永定路东街5号院3号楼: case, width, spaces and punctuation dropped. */
export function normaliseAddress(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

interface Candidate {
  id: string;
  name: string;
  address: string;
  grid_code: string;
  org_path: string;
  lng: number | null;
  lat: number | null;
}

/** A building's whole text: its address and name, once each (a name often repeats the address). */
function fullTextOf(b: Pick<Candidate, 'address' | 'name'>): string {
  const address = normaliseAddress(b.address);
  const name = normaliseAddress(b.name);
  if (name.includes(address)) return name;
  if (address.includes(name)) return address;
  return `${address}${name}`;
}

function scoreOf(typed: string, b: Candidate): { score: number; rest: string } {
  const address = normaliseAddress(b.address);
  const full = fullTextOf(b);
  const at = full ? typed.indexOf(full) : -1;
  if (at >= 0) return { score: 100, rest: typed.slice(at + full.length) };
  const addressAt = address ? typed.indexOf(address) : -1;
  if (addressAt >= 0) return { score: 70, rest: typed.slice(addressAt + address.length) };
  if (typed.length >= 4 && full.includes(typed)) return { score: Math.round((40 * typed.length) / full.length), rest: '' };
  return { score: 0, rest: '' };
}

/** The house the rest of the text names (2单元501, 2-501, 501室), when exactly one fits. */
async function houseIn(db: Db, buildingId: string, rest: string): Promise<string | null> {
  const wanted = rest.replace(/(室|号|房)$/u, '');
  if (!wanted) return null;
  const rows = await db.select({ id: houses.id, unit: houses.unit, number: houses.number }).from(houses).where(eq(houses.buildingId, buildingId));
  const fits = rows.filter((h) => {
    const unit = normaliseAddress(h.unit).replace(/单元$/u, '');
    const number = normaliseAddress(h.number).replace(/(室|号|房)$/u, '');
    const forms = unit ? [`${unit}单元${number}`, `${unit}${number}`] : [];
    return wanted === number || forms.some((f) => wanted.endsWith(f));
  });
  return fits.length === 1 ? (fits[0]?.id ?? null) : null;
}

async function byId(db: Db, under: string, id: string): Promise<AddressMatch | null> {
  const [house] = await db.select({ id: houses.id, buildingId: houses.buildingId }).from(houses).where(and(eq(houses.id, id), underPath(houses.orgPath, under)));
  const buildingId = house?.buildingId ?? id;
  const [b] = await db.select().from(buildings).where(and(eq(buildings.id, buildingId), underPath(buildings.orgPath, under)));
  if (!b) return null;
  return { buildingId: b.id, houseId: house?.id ?? null, gridCode: b.gridCode, orgPath: b.orgPath, lng: b.lng, lat: b.lat, score: 110 };
}

/**
 * The registry's best building (and house) for an address within an org path ('' the whole
 * tree), with its grid and point: by a building or house id, or by the address text. Null
 * when nothing fits or the best fits lie in different grids.
 */
export async function matchAddress(db: Db, under: string, query: { text?: string | undefined; id?: string | undefined }): Promise<AddressMatch | null> {
  if (query.id && uuid.test(query.id)) {
    const found = await byId(db, under, query.id);
    if (found) return found;
  }
  const typed = normaliseAddress(query.text ?? '');
  const terms = searchTerms(query.text ?? '');
  if (typed.length < 2 || terms.length === 0) return null;
  const anyTerm = terms.map((t) => `'${t.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`).join(' | ');
  const rows = await queryRows<Candidate>(
    db,
    sql`select id, name, address, grid_code, org_path, lng, lat from buildings
         where ${underPath(sql`org_path`, under)} and search @@ ${anyTerm}::tsquery
         order by ts_rank(search, ${anyTerm}::tsquery) desc, id limit ${CANDIDATES}`,
  );
  const scored = rows.map((b) => ({ b, ...scoreOf(typed, b) })).filter((s) => s.score > 0);
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return null;
  // Among equal scores the longest building text is the most specific (10号楼 over 1号楼).
  const top = scored.filter((s) => s.score === best);
  const longest = Math.max(...top.map((s) => fullTextOf(s.b).length));
  const tied = best === 100 ? top.filter((s) => fullTextOf(s.b).length === longest) : top;
  const grids = new Set(tied.map((s) => s.b.grid_code));
  if (grids.size > 1) return null;
  const first = tied[0] as (typeof tied)[number];
  if (tied.length > 1) {
    const placed = tied.filter((s) => s.b.lng !== null && s.b.lat !== null);
    const mean = (pick: (c: Candidate) => number) => (placed.length ? placed.reduce((sum, s) => sum + pick(s.b), 0) / placed.length : null);
    return { buildingId: null, houseId: null, gridCode: first.b.grid_code, orgPath: first.b.org_path, lng: mean((c) => Number(c.lng)), lat: mean((c) => Number(c.lat)), score: best };
  }
  const houseId = await houseIn(db, first.b.id, first.rest);
  return {
    buildingId: first.b.id,
    houseId,
    gridCode: first.b.grid_code,
    orgPath: first.b.org_path,
    lng: first.b.lng === null ? null : Number(first.b.lng),
    lat: first.b.lat === null ? null : Number(first.b.lat),
    score: best + (houseId ? 10 : 0),
  };
}
