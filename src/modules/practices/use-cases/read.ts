// Public reads of the library: a filtered page, one practice, facet counts and map points.
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { practiceSources, type PracticeFacets, type PracticeFilter, type PracticeListQuery, type PracticePage, type PracticePoints, type PracticeView } from '../contract.ts';
import { ensurePracticeLibrary } from '../library.ts';
import { divisionPrefix, pointOf, provinceName } from '../places.ts';
import { practices } from '../schema.ts';

type PracticeRow = typeof practices.$inferSelect;

/** LIKE's own characters in what a user typed, escaped. */
function likeText(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE of a filter; the library is small, so a scan with ILIKE answers `q`. */
export function practiceWhere(f: PracticeFilter): SQL | undefined {
  const text = f.q ? likeText(f.q) : undefined;
  return and(
    f.year === undefined ? undefined : eq(practices.year, f.year),
    f.source ? eq(practices.source, f.source) : undefined,
    f.theme ? sql`${f.theme} = any(${practices.themes})` : undefined,
    f.division ? sql`${practices.divisionCode} like ${`${divisionPrefix(f.division)}%`}` : undefined,
    text
      ? or(ilike(practices.title, text), ilike(practices.titleEn, text), ilike(practices.summary, text), ilike(practices.placeName, text), ilike(practices.submitter, text))
      : undefined,
  );
}

/** Newest first; within a year the lists in their order (top ten, nominees, zones, studies, local). */
const listOrder = [sql`${practices.year} desc`, sql`array_position(${sql.raw(`array[${practiceSources.map((s) => `'${s}'`).join(',')}]`)}, ${practices.source})`, practices.seq, practices.id];

export function presentPractice(row: PracticeRow): PracticeView {
  const point = pointOf(row.divisionCode);
  return {
    id: row.id,
    source: row.source,
    year: row.year,
    seq: row.seq,
    title: row.title,
    titleEn: row.titleEn,
    placeName: row.placeName,
    divisionCode: row.divisionCode,
    provinceCode: row.provinceCode,
    provinceName: row.provinceCode ? provinceName(row.provinceCode) : null,
    submitter: row.submitter,
    themes: row.themes,
    summary: row.summary,
    summaryEn: row.summaryEn,
    features: row.features,
    isShipped: row.isShipped,
    lng: point?.[0] ?? null,
    lat: point?.[1] ?? null,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** A page of the library under a filter. */
export async function listPractices(db: Db, q: PracticeListQuery): Promise<PracticePage> {
  await ensurePracticeLibrary(db);
  const where = practiceWhere(q);
  return listPage(
    q,
    db.select().from(practices).where(where).orderBy(...listOrder).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(practices).where(where),
    (rows) => rows.map(presentPractice),
  );
}

/** Every practice under a filter, in list order (the export; the library stays in the hundreds). */
export async function allPractices(db: Db, f: PracticeFilter): Promise<PracticeView[]> {
  await ensurePracticeLibrary(db);
  const rows = await db.select().from(practices).where(practiceWhere(f)).orderBy(...listOrder).limit(5_000);
  return rows.map(presentPractice);
}

/** One practice by id. */
export async function getPractice(db: Db, id: string): Promise<PracticeView> {
  await ensurePracticeLibrary(db);
  const [row] = await db.select().from(practices).where(eq(practices.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `实践 ${id}` });
  return presentPractice(row);
}

/** How many practices under a filter fall in each year, source, theme and province. */
export async function practiceFacets(db: Db, f: PracticeFilter): Promise<PracticeFacets> {
  await ensurePracticeLibrary(db);
  const where = practiceWhere(f);
  const count = sql<number>`count(*)::int`;
  const [years, sources, themes, provinces, [all]] = await Promise.all([
    db.select({ key: sql<string>`${practices.year}::text`, count }).from(practices).where(where).groupBy(practices.year).orderBy(sql`${practices.year} desc`),
    db.select({ key: practices.source, count }).from(practices).where(where).groupBy(practices.source),
    db.select({ key: sql<string>`unnest(${practices.themes})`, count }).from(practices).where(where).groupBy(sql`1`).orderBy(sql`2 desc`, sql`1`),
    db.select({ key: sql<string>`coalesce(${practices.provinceCode}, '')`, count }).from(practices).where(where).groupBy(sql`1`).orderBy(sql`1`),
    db.select(countAll).from(practices).where(where),
  ]);
  const bySourceOrder = [...sources].sort((a, b) => practiceSources.indexOf(a.key) - practiceSources.indexOf(b.key));
  return {
    total: all?.total ?? 0,
    years: years.map((r) => ({ ...r, label: null })),
    sources: bySourceOrder.map((r) => ({ ...r, label: null })),
    themes: themes.map((r) => ({ ...r, label: null })),
    provinces: provinces.map((r) => ({ key: r.key, label: r.key ? provinceName(r.key) : null, count: r.count })),
  };
}

/** The map's points under a filter; practices without a place are counted, not drawn. */
export async function practicePoints(db: Db, f: PracticeFilter): Promise<PracticePoints> {
  const rows = await allPractices(db, f);
  const points = rows.flatMap((p) => (p.lng === null || p.lat === null ? [] : [{ id: p.id, title: p.title, year: p.year, source: p.source, placeName: p.placeName, lng: p.lng, lat: p.lat }]));
  return { points, unplaced: rows.length - points.length };
}
