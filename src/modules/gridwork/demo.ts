// The demo's grid work: worker accounts for the focus street's other grids, a day of
// patrols (yesterday and this morning) with tracks walked up and down inside each grid,
// the district's default duty table with a few occasions, a week of work logs and a month
// of attendance with one approved leave. The `grid` account has no patrol under way, so a
// visitor can start one.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { fromEarlierLoader, type DemoAccount, type DemoContext } from '../../platform/module.ts';
import { provisionUser } from '../accounts/index.ts';
import { bboxOf, findOrgUnit, gridsOfCommunity, gridsUnder, whoServes, type GridRef } from '../org/index.ts';
import { gridworkDefaults } from './contract.ts';
import { attendance, dutyRules, leaves, occasions, patrols, trackPoints, workLogs } from './schema.ts';
import { coverageShare, trackLengthMeters } from './track.ts';
import { addDays, chinaDay, chinaDayStart, gridGeometry } from './use-cases/common.ts';
import { ensureDefaultRules } from './use-cases/duty-rules.ts';

/** Workers with a patrol in the demo: the focus grid's and up to four more of its community. */
const MAX_WORKERS = 5;

const logLines = [
  { seen: '3号楼楼道堆放纸箱，影响通行', heard: '居民反映夜间有电动车在楼道充电', done: '劝导清理堆物，登记充电隐患' },
  { seen: '小区东门路灯不亮', heard: '老人反映晚上出门不便', done: '拍照上报路灯损坏' },
  { seen: '独居老人王大爷精神尚好', heard: '希望社区组织体检', done: '上门走访，转告社区卫生站' },
  { seen: '垃圾桶站满溢', heard: '', done: '联系物业加运一次' },
  { seen: '新搬来两户租户', heard: '房东未登记租户信息', done: '上门采集人口信息' },
  { seen: '', heard: '居民反映楼上漏水多日未修', done: '约双方到居委会调解' },
  { seen: '共享单车堆在消防通道', heard: '', done: '通知运维公司清运' },
];

/** A walk up and down the grid's box (inset a tenth), lanes about 60 m apart, one fix every ~40 m. */
function zigzag(grid: { minLng: number; minLat: number; maxLng: number; maxLat: number }, start: Date, lanes: number, seed: number) {
  const inset = (a: number, b: number) => [a + (b - a) * 0.1, b - (b - a) * 0.1] as const;
  const [x0, x1] = inset(grid.minLng, grid.maxLng);
  const [y0, y1] = inset(grid.minLat, grid.maxLat);
  const laneStep = 60 / (111_320 * Math.cos((y0 * Math.PI) / 180));
  const pointStep = 40 / 111_320;
  const points: { lng: number; lat: number; accuracy: number; recordedAt: Date }[] = [];
  let t = start.getTime();
  for (let lane = 0; lane < lanes; lane++) {
    const lng = Math.min(x1, x0 + (lane + (seed % 3)) * laneStep);
    const steps = Math.max(2, Math.floor((y1 - y0) / pointStep));
    for (let s = 0; s <= steps; s++) {
      const f = lane % 2 === 0 ? s / steps : 1 - s / steps;
      points.push({ lng, lat: y0 + (y1 - y0) * f, accuracy: 5 + ((s * 7 + seed) % 15), recordedAt: new Date(t) });
      t += 35_000;
    }
  }
  return points;
}

async function patrolOf(db: Db, worker: { id: string; name: string }, grid: GridRef, start: Date, lanes: number, seed: number) {
  const geometry = await gridGeometry(db, grid);
  const track = zigzag(bboxOf(geometry), start, lanes, seed);
  const last = track.at(-1) as (typeof track)[number];
  const [row] = await db
    .insert(patrols)
    .values({
      workerId: worker.id, workerName: worker.name, gridCode: grid.code, orgPath: grid.orgPath, status: 'ended', startedAt: start, endedAt: new Date(last.recordedAt.getTime() + 60_000),
      distanceMeters: trackLengthMeters(track), coverage: coverageShare(geometry, track, gridworkDefaults.coverageBufferMeters), pointCount: track.length,
      lastLng: last.lng, lastLat: last.lat, lastAt: last.recordedAt,
    })
    .returning({ id: patrols.id });
  await db.insert(trackPoints).values(track.map((p) => ({ ...p, patrolId: (row as { id: string }).id })));
}

/** The gridwork module's demo loader. */
export async function loadGridworkDemo(demo: DemoContext): Promise<void> {
  const { db, state, progress, counts } = demo;
  const district = fromEarlierLoader(state, 'district');
  const community = fromEarlierLoader(state, 'community');
  const focus = fromEarlierLoader(state, 'grid');
  const userIds = fromEarlierLoader(state, 'userIds');
  progress('网格员的一天 / grid work: patrols, duty items, work logs, attendance');
  const districtNode = await findOrgUnit(db, district.code);
  if (districtNode) await ensureDefaultRules(db, district.code, districtNode.orgPath);

  // The focus community's grids first, then the street's others, for a few workers to compare.
  const street = fromEarlierLoader(state, 'street');
  const streetPath = (await findOrgUnit(db, street.code))?.orgPath;
  const streetGrids = streetPath ? await gridsUnder(db, [streetPath]) : [];
  const grids = [...(await gridsOfCommunity(db, community.code)), ...streetGrids.filter((g) => g.communityCode !== community.code)];
  const focusGrid = grids.find((g) => g.code === focus.code) as GridRef;
  const workers: { id: string; name: string; grid: GridRef }[] = [{ id: userIds.grid as string, name: state.gridWorkerName ?? '网格员', grid: focusGrid }];
  const added: DemoAccount[] = [];
  for (const grid of grids.filter((g) => g.code !== focus.code).slice(0, MAX_WORKERS - 1)) {
    const username = `grid${workers.length + 1}`;
    const name = (await whoServes(db, grid.code, 'grid_worker'))[0]?.name ?? `${grid.name}网格员`;
    const account: DemoAccount = { username, displayName: name, role: 'grid_worker', orgCode: grid.code, orgName: grid.name };
    const { user } = await provisionUser(db, { ...account, password: demo.password });
    added.push(account);
    userIds[username] = user.id;
    workers.push({ id: user.id, name, grid });
  }
  state.accounts = [...(state.accounts ?? []), ...added];

  const now = new Date();
  const today = chinaDay(now);
  let patrolCount = 0;
  for (const [i, w] of workers.entries()) {
    // Yesterday 09:00 and, for all but the `grid` account, this morning (or just before now).
    await patrolOf(db, w, w.grid, new Date(chinaDayStart(addDays(today, -1)).getTime() + (9 * 60 + i * 7) * 60_000), 4 + (i % 3), i);
    patrolCount++;
    if (i > 0) {
      const morning = new Date(Math.min(chinaDayStart(today).getTime() + (8 * 60 + 30 + i * 5) * 60_000, now.getTime() - 2 * 3600_000));
      await patrolOf(db, w, w.grid, morning, 3 + (i % 2), i + 5);
      patrolCount++;
    }
  }

  // Occasions: one to attend and one to report in the focus grid, and one overdue elsewhere.
  const rules = await db.select().from(dutyRules).where(eq(dutyRules.districtCode, district.code));
  const rule = (name: string) => rules.find((r) => r.name === name);
  const staff = { createdByName: `${community.name}工作人员`, createdById: userIds.community ?? null };
  const attendRule = rule('居民生病住院');
  const reportRule = rule('消防隐患');
  const funeralRule = rule('居民家中有丧事');
  const occasionRows = [
    attendRule && { ruleId: attendRule.id, kind: 'attend' as const, title: '6号楼张奶奶住院，请探望', gridCode: focusGrid.code, orgPath: focusGrid.orgPath, dueAt: new Date(now.getTime() + 40 * 3600_000), createdAt: new Date(now.getTime() - 8 * 3600_000) },
    reportRule && { ruleId: reportRule.id, kind: 'report' as const, title: '排查2号楼电动车飞线充电', gridCode: focusGrid.code, orgPath: focusGrid.orgPath, dueAt: new Date(now.getTime() + 1 * 3600_000), createdAt: new Date(now.getTime() - 1 * 3600_000) },
    funeralRule && workers[1] && { ruleId: funeralRule.id, kind: 'attend' as const, title: '9号楼刘家丧事', gridCode: workers[1].grid.code, orgPath: workers[1].grid.orgPath, dueAt: new Date(now.getTime() - 2 * 3600_000), createdAt: new Date(now.getTime() - 26 * 3600_000) },
  ].filter((o): o is NonNullable<typeof o> => Boolean(o));
  if (occasionRows.length > 0) await db.insert(occasions).values(occasionRows.map((o) => ({ ...o, ...staff })));

  // A week of work logs (not today's for `grid`, so the phone shows an empty entry to write).
  const logs = workers.flatMap((w, i) =>
    Array.from({ length: 7 }, (_, d) => d).filter((d) => d > 0 || i > 0).map((d) => {
      const line = logLines[(i + d) % logLines.length] as (typeof logLines)[number];
      return { workerId: w.id, workerName: w.name, gridCode: w.grid.code, orgPath: w.grid.orgPath, day: addDays(today, -d), ...line, caseIds: [] };
    }),
  );
  await db.insert(workLogs).values(logs);

  // A month of attendance on weekdays, with a few missed check-outs, and one approved leave day.
  const leaveDay = addDays(today, -3);
  const days: (typeof attendance.$inferInsert)[] = [];
  for (const [i, w] of workers.entries()) {
    for (let d = 30; d >= 1; d--) {
      const day = addDays(today, -d);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6 || (i === 1 && day === leaveDay)) continue;
      const start = chinaDayStart(day).getTime();
      days.push({
        workerId: w.id, workerName: w.name, gridCode: w.grid.code, orgPath: w.grid.orgPath, day,
        checkInAt: new Date(start + (8 * 60 + 20 + ((d * 7 + i * 3) % 25)) * 60_000), checkInDistance: 0,
        checkOutAt: (d + i) % 11 === 0 ? null : new Date(start + (17 * 60 + 35 + ((d * 5 + i) % 30)) * 60_000), checkOutDistance: 0,
      });
    }
  }
  await db.insert(attendance).values(days);
  const second = workers[1];
  if (second) {
    await db.insert(leaves).values({ kind: 'leave', workerId: second.id, workerName: second.name, gridCode: second.grid.code, orgPath: second.grid.orgPath, fromDay: leaveDay, toDay: leaveDay, reason: '带孩子看病', status: 'approved', decidedByName: staff.createdByName, decidedAt: new Date(chinaDayStart(leaveDay).getTime() - 86_400_000) });
  }
  const pendingWorker = workers[2];
  if (pendingWorker) {
    await db.insert(leaves).values({ kind: 'leave', workerId: pendingWorker.id, workerName: pendingWorker.name, gridCode: pendingWorker.grid.code, orgPath: pendingWorker.grid.orgPath, fromDay: addDays(today, 2), toDay: addDays(today, 3), reason: '回老家办事', status: 'pending' });
  }
  counts.patrols = patrolCount;
  counts.workLogs = logs.length;
  counts.attendanceDays = days.length;
}
