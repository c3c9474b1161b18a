// The ratings page's list and ledger: filtered by period (Beijing days), centre, item and
// level within the asker's scope, a bad period named by its field, and the .xlsx with each
// bad rating's rectification deadline; exporting needs services.export.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../../test/helpers.ts';
import type { RatingView } from '../contract/ratings.ts';
import { serviceRatings } from '../schema/ratings.ts';
import { ratingRectifications } from '../schema/ratings.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let street: Session;
let community: Session;
let leader: Session;

const D = '110000.110100.110108';
const A1 = `${D}.110108001.110108001001`;
const B1 = `${D}.110108002.110108002001`;
let n = 0;
async function rating(orgPath: string, centreCode: string, level: number, at: string, itemCode = 'GZ-GL-001') {
  n++;
  const [row] = await ctx.database.db
    .insert(serviceRatings)
    .values({ subjectKind: 'application', subjectId: `s${n}`, subjectNumber: `SJ20260301-${String(n).padStart(5, '0')}`, itemCode, itemName: itemCode === 'GZ-GL-001' ? '高龄津贴申领' : '居住证明开具', centreCode, orgPath, channel: 'counter', level, dimensions: {}, comment: `意见${n}`, createdAt: new Date(at) })
    .returning();
  if (level <= 2) await ctx.database.db.insert(ratingRectifications).values({ ratingId: row!.id, orgPath, status: 'awaiting_callback', deadline: new Date('2026-03-31T16:00:00Z') });
}

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const numbers = async (s: Session, query: string) => (await get(s, `/api/services/ratings?${query}`)).json<{ items: RatingView[] }>().items.map((r) => r.subjectNumber).sort();

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  [street, community, leader] = await Promise.all([actorSession(ctx, 'street_staff', '110108001'), actorSession(ctx, 'community_staff', '110108001001'), actorSession(ctx, 'leader', '110108001')]);
  await rating(A1, '110108001001', 5, '2026-03-09T15:59:00Z'); // 1: Beijing 2026-03-09 23:59
  await rating(A1, '110108001001', 2, '2026-03-09T16:00:00Z'); // 2: Beijing 2026-03-10 00:00
  await rating(A1, '110108001001', 1, '2026-03-12T02:00:00Z', 'GZ-ZM-001'); // 3
  await rating(`${D}.110108001`, '110108001', 4, '2026-03-12T02:00:00Z'); // 4: the street's own centre
  await rating(B1, '110108002001', 2, '2026-03-12T02:00:00Z'); // 5: another street
});

describe('the ratings list', () => {
  it('filters by a period of Beijing days, centre, item and level, within scope', async () => {
    expect(await numbers(street, '')).toEqual(['SJ20260301-00001', 'SJ20260301-00002', 'SJ20260301-00003', 'SJ20260301-00004']);
    expect(await numbers(street, 'from=2026-03-10&to=2026-03-10')).toEqual(['SJ20260301-00002']);
    expect(await numbers(street, 'to=2026-03-09')).toEqual(['SJ20260301-00001']);
    expect(await numbers(street, 'centre=110108001')).toEqual(['SJ20260301-00004']);
    expect(await numbers(street, 'item=GZ-ZM-001')).toEqual(['SJ20260301-00003']);
    expect(await numbers(street, 'level=2')).toEqual(['SJ20260301-00002']);
    expect(await numbers(community, '')).toEqual(['SJ20260301-00001', 'SJ20260301-00002', 'SJ20260301-00003']);
    // Another street's centre named as a filter still shows nothing out of scope.
    expect(await numbers(street, 'centre=110108002001')).toEqual([]);
  });

  it('names a period that ends before it starts, or a malformed day', async () => {
    const backwards = await get(street, '/api/services/ratings?from=2026-03-10&to=2026-03-09');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields[0].field).toBe('querystring.to');
    const malformed = await get(street, '/api/services/ratings?from=2026-3-1');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.fields[0].field).toBe('querystring.from');
  });
});

describe('a rating’s rectification record', () => {
  it('is found by the rated application’s number, within scope', async () => {
    const found = await get(street, '/api/services/rectifications?number=SJ20260301-00003');
    expect(found.json<{ items: { rating: RatingView }[] }>().items.map((r) => r.rating.subjectNumber)).toEqual(['SJ20260301-00003']);
    expect((await get(street, '/api/services/rectifications?number=SJ20260301-00005')).json<{ total: number }>().total).toBe(0);
  });
});

describe('the ratings ledger (.xlsx)', () => {
  it('exports the filtered ratings with each bad one’s rectification status and deadline', async () => {
    const res = await get(street, '/api/services/ratings/export.xlsx?from=2026-03-10&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('好差评台账')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['评价时间', '评价等级', '整改状态', '整改期限']));
    const rows: string[][] = [];
    sheet.eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(rows.map((r) => r[1]).sort()).toEqual(['SJ20260301-00002', 'SJ20260301-00003', 'SJ20260301-00004']);
    const bad = rows.find((r) => r[1] === 'SJ20260301-00002')!;
    expect(bad[5]).toBe('不满意');
    expect(bad[8]).toBe('待回访');
    expect(bad[9]).toBe('2026-04-01 00:00');
    expect(bad[0]).toBe('2026-03-10 00:00');
  });

  it('is refused to a role without services.export', async () => {
    expect((await get(leader, '/api/services/ratings/export.xlsx')).statusCode).toBe(403);
    expect((await get(leader, '/api/services/ratings')).statusCode).toBe(200);
  });
});
