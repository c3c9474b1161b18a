import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { createConfiguredCipher } from '../../app.ts';
import { actOnCase, getCase, type CaseDeps } from './index.ts';
import { makeCase } from '../../../test/factories.ts';
import { sweepDeadlines } from './clock.ts';
import { inGA1, setupCaseWorld } from './test-support.ts';

const world = await setupCaseWorld();
const { ctx, call, ok } = world;
const db = ctx.database.db;
const deps: CaseDeps = { db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };

const actorOf = (who: string): Actor => world.people[who]?.actor as Actor;

/** Beijing wall-clock time as an instant. */
const bj = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const show = (d: Date | string | null) => (d ? new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null);

const resident = actorOf('resident');
const community = actorOf('communityA1');
const dept = actorOf('dept');

async function handlingCaseAt(accepted: string, categoryCode = '0501') {
  const row = await makeCase(deps, resident, { categoryCode, ...inGA1 }, bj(accepted));
  await actOnCase(deps, community, row.id, { action: 'accept' }, bj(accepted));
  await actOnCase(deps, community, row.id, { action: 'register' }, bj(accepted));
  await actOnCase(deps, community, row.id, { action: 'dispatch', targetUnitId: '110108D01' }, bj(accepted));
  await actOnCase(deps, dept, row.id, { action: 'acknowledge' }, bj(accepted));
  return row.id;
}

const deadlineOf = async (id: string) => show((await getCase(deps, community, id)).sla.deadlineAt);

describe('time limits on the working-day calendar', () => {
  it('counts 5 working days across National Day 2026 with the Saturday make-up day (调休)', async () => {
    // Accepted Wed 30 Sep 10:00; 1–7 Oct off; Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13.
    const id = await handlingCaseAt('2026-09-30 10:00');
    expect(await deadlineOf(id)).toBe('2026-10-13 17:30');
  });

  it('stops the clock while suspended and adds approved extensions', async () => {
    const id = await handlingCaseAt('2026-09-30 10:00');
    await actOnCase(deps, community, id, { action: 'suspend', reason: '等待鉴定' }, bj('2026-10-08 10:00'));
    expect((await getCase(deps, community, id)).sla).toMatchObject({ stage: 'handle', deadlineAt: null });
    await actOnCase(deps, community, id, { action: 'resume' }, bj('2026-10-09 10:00'));
    // 7 working hours suspended (8 Oct 10:00–17:30 less lunch, 9 Oct 09:00–10:00): one working day later.
    expect(await deadlineOf(id)).toBe('2026-10-14 17:30');
    await actOnCase(deps, dept, id, { action: 'request_extension', extension: { unit: 'working_days', amount: 2 }, reason: '需协调' }, bj('2026-10-09 10:30'));
    await actOnCase(deps, community, id, { action: 'approve_extension' }, bj('2026-10-09 11:00'));
    expect(await deadlineOf(id)).toBe('2026-10-16 17:30');
  });

  it('follows a year edited through the API', async () => {
    // Pretend 2027's notice made Fri 8 Jan a holiday and Sat 9 Jan a working day.
    const before = await handlingCaseAt('2027-01-06 10:00');
    expect(await deadlineOf(before)).toBe('2027-01-13 17:30');
    const years = await ok(call('district', 'GET', '/api/cases/calendar'));
    const y2027 = years.find((y: { year: number }) => y.year === 2027);
    expect(y2027.provisional).toBe(true);
    const saved = await call('district', 'PUT', '/api/cases/calendar/2027', { holidays: [...y2027.holidays, '2027-01-08'], workdays: ['2027-01-09'], source: '国办发明电〔2026〕X号 (test)' });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await handlingCaseAt('2027-01-06 10:00');
    // Thu 7, Sat 9, Mon 11, Tue 12, Wed 13 — the holiday and the make-up day cancel out.
    expect(await deadlineOf(after)).toBe('2027-01-13 17:30');
    const after2 = await handlingCaseAt('2027-01-07 10:00');
    // Sat 9, Mon 11, Tue 12, Wed 13, Thu 14.
    expect(await deadlineOf(after2)).toBe('2027-01-14 17:30');
    const bad = await call('district', 'PUT', '/api/cases/calendar/2027', { holidays: ['2027-02-30'], workdays: ['2027-01-06'], source: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CALENDAR_INVALID');
    expect((await call('streetA', 'PUT', '/api/cases/calendar/2027', { holidays: [], workdays: [], source: 'x' })).statusCode).toBe(403);
    expect((await call('district', 'DELETE', '/api/cases/calendar/2027')).statusCode).toBe(204);
  });

  it('says where each year and each day came from: the package, the hand table, an override or the weekend rule', async () => {
    const years = await ok(call('streetA', 'GET', '/api/cases/calendar'));
    const of = (year: number) => years.find((y: { year: number }) => y.year === year);
    expect(of(2026)).toMatchObject({ origin: 'package', edited: false });
    expect(of(2026).names['2026-10-01']).toBe('国庆节');
    expect(of(2027)).toMatchObject({ origin: 'table', provisional: true });
    const days = await ok(call('streetA', 'GET', '/api/cases/calendar/2026/days'));
    expect(days).toHaveLength(365);
    const day = (date: string) => days.find((d: { date: string }) => d.date === date);
    expect(day('2026-10-01')).toEqual({ date: '2026-10-01', working: false, kind: 'holiday', origin: 'package', name: '国庆节' });
    expect(day('2026-10-10')).toEqual({ date: '2026-10-10', working: true, kind: 'workday', origin: 'package', name: '国庆节' });
    expect(day('2026-10-17')).toEqual({ date: '2026-10-17', working: false, kind: 'weekend', origin: 'weekend_rule', name: null });
    // An administrator's edit overrides the year, and its days say so.
    expect((await call('district', 'PUT', '/api/cases/calendar/2027', { holidays: ['2027-01-01'], workdays: [], source: 'test notice' })).statusCode).toBe(200);
    const edited = await ok(call('streetA', 'GET', '/api/cases/calendar'));
    expect(edited.find((y: { year: number }) => y.year === 2027)).toMatchObject({ origin: 'override', edited: true });
    expect((await ok(call('streetA', 'GET', '/api/cases/calendar/2027/days')))[0]).toMatchObject({ date: '2027-01-01', kind: 'holiday', origin: 'override' });
    expect((await call('district', 'DELETE', '/api/cases/calendar/2027')).statusCode).toBe(204);
    expect((await call(null, 'GET', '/api/cases/calendar/2026/days')).statusCode).toBe(401);
    expect((await call('district', 'GET', '/api/cases/calendar/1999/days')).statusCode).toBe(400);
  });

  it('uses a time limit set per category', async () => {
    const res = await call('district', 'PUT', '/api/cases/time-limits', { categoryCode: '0503', stage: 'handle', limit: { unit: 'working_hours', amount: 3 }, yellowAt: 0.5, redAt: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const id = await handlingCaseAt('2026-11-23 11:00', '0503');
    // Mon 11:00 + 3 working hours: 11–12, 13:30–15:30.
    expect(await deadlineOf(id)).toBe('2026-11-23 15:30');
    const bad = await call('district', 'PUT', '/api/cases/time-limits', { categoryCode: '0503', stage: 'handle', limit: { unit: 'working_days', amount: 1.5 }, yellowAt: 0.5, redAt: 1 });
    expect(bad.json().error.code).toBe('TIME_LIMIT_INVALID');
  });
});

describe('warnings, overdue marks and automatic supervision', () => {
  it('warns, marks overdue, supervises yellow and then red, telling the parties', async () => {
    const id = await handlingCaseAt('2026-11-02 10:00');
    expect(await deadlineOf(id)).toBe('2026-11-09 17:30');
    // Nothing is due yet.
    await sweepDeadlines(deps, bj('2026-11-03 10:00'));
    expect((await getCase(deps, community, id)).timeline.at(-1)?.action).toBe('acknowledge');
    const warned = await sweepDeadlines(deps, bj('2026-11-09 11:00'));
    expect(warned.warnings).toBeGreaterThanOrEqual(1);
    expect((await getCase(deps, community, id)).timeline.at(-1)).toMatchObject({ action: 'warning', details: { level: 'yellow' } });
    await sweepDeadlines(deps, bj('2026-11-09 17:40'));
    const overdue = await getCase(deps, community, id);
    expect(overdue.timeline.slice(-2).map((t) => t.action)).toEqual(['overdue', 'auto_supervise']);
    expect(overdue.supervisionLevel).toBe('yellow');
    expect(overdue.sla.isOverdue).toBe(true);
    // Two working days after the deadline it turns red, and leaders hear of it.
    await sweepDeadlines(deps, bj('2026-11-11 17:00'));
    expect((await getCase(deps, community, id)).supervisionLevel).toBe('yellow');
    await sweepDeadlines(deps, bj('2026-11-11 17:31'));
    expect((await getCase(deps, community, id)).supervisionLevel).toBe('red');
    // Nothing is marked twice.
    await sweepDeadlines(deps, bj('2026-11-12 10:00'));
    const actions = (await getCase(deps, community, id)).timeline.map((t) => t.action);
    expect(actions.filter((a) => a === 'overdue')).toHaveLength(1);
    expect(actions.filter((a) => a === 'auto_supervise')).toHaveLength(2);
    // What each party was told, read as they read it: their own notifications over HTTP.
    const kindsFor = async (who: string) =>
      ((await ok(call(who, 'GET', '/api/notifications?limit=200'))).items as { kind: string; subjectId: string | null }[]).filter((n) => n.subjectId === id).map((n) => n.kind);
    expect(await kindsFor('dept')).toEqual(expect.arrayContaining(['case.dispatch', 'case.warning', 'case.overdue', 'case.auto_supervise']));
    expect(await kindsFor('leader')).toContain('case.auto_supervise');
  });

  it('is taken once when two workers sweep at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => handlingCaseAt('2026-11-16 10:00')));
    const results = await Promise.all([sweepDeadlines(deps, bj('2026-11-24 09:00'), 4), sweepDeadlines(deps, bj('2026-11-24 09:00'), 4), sweepDeadlines(deps, bj('2026-11-24 09:00'), 4)]);
    // Repeat until nothing is left, as the job does.
    while (((r) => r.overdue + r.warnings + r.supervised)(await sweepDeadlines(deps, bj('2026-11-24 09:00'))) > 0);
    expect(results.reduce((n, r) => n + r.overdue, 0)).toBeGreaterThan(0);
    const rows = await queryRows<{ case_id: string; n: number }>(
      db,
      sql`select case_id, count(*)::int as n from case_timeline where action = 'overdue' and case_id in ${ids} group by case_id`,
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('a suspended case is not marked', async () => {
    const id = await handlingCaseAt('2026-11-02 10:00');
    await actOnCase(deps, community, id, { action: 'suspend', reason: '等待' }, bj('2026-11-03 10:00'));
    await sweepDeadlines(deps, bj('2026-12-20 10:00'));
    expect((await getCase(deps, community, id)).timeline.map((t) => t.action)).not.toContain('overdue');
  });
});

describe('indicators', () => {
  it('counts from the timeline per street and per department', async () => {
    const res = await ok(call('district', 'GET', `/api/cases/indicators?under=110108&from=2026-09-01T00:00:00%2B08:00&to=2026-12-31T00:00:00%2B08:00`));
    const streetA = res.units.find((u: { code: string }) => u.code === '110108001');
    expect(streetA.accepted).toBeGreaterThan(5);
    expect(streetA.overdueCount).toBeGreaterThanOrEqual(7);
    expect(streetA.responseRate).toBe(1);
    expect(res.units.find((u: { code: string }) => u.code === '110108002').accepted).toBe(0);
    const depts = await ok(call('district', 'GET', `/api/cases/indicators?under=110108&groupBy=departments&from=2026-09-01T00:00:00%2B08:00&to=2026-12-31T00:00:00%2B08:00`));
    expect(depts.units.map((u: { code: string }) => u.code)).toEqual(['110108D01', '110108D02']);
    expect(depts.units[0].dispatched).toBeGreaterThan(5);
    expect((await call('communityA1', 'GET', '/api/cases/indicators')).statusCode).toBe(403);
  });

  it('computes closure, rework, extension and satisfaction rates', async () => {
    const at = '2026-12-01 10:00';
    const close = async (opts: { rework?: boolean; extend?: boolean; rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' }) => {
      const id = await handlingCaseAt(at, '0601');
      if (opts.extend) {
        await actOnCase(deps, dept, id, { action: 'request_extension', extension: { unit: 'working_days', amount: 1 }, reason: 'r' }, bj(at));
        await actOnCase(deps, community, id, { action: 'approve_extension' }, bj(at));
      }
      const photo = (await ok(world.upload('dept'), 201)).id as string;
      await actOnCase(deps, dept, id, { action: 'feedback', text: 'done', photos: [photo] }, bj(at));
      if (opts.rework) {
        await actOnCase(deps, community, id, { action: 'verify_fail', reason: 'again' }, bj(at));
        const p2 = (await ok(world.upload('dept'), 201)).id as string;
        await actOnCase(deps, dept, id, { action: 'feedback', text: 'done', photos: [p2] }, bj(at));
      }
      await actOnCase(deps, community, id, { action: 'verify_pass' }, bj('2026-12-02 10:00'));
      await actOnCase(deps, resident, id, { action: 'rate', rating: opts.rating }, bj('2026-12-02 11:00'));
    };
    await close({ rating: 'satisfied' });
    await close({ rework: true, rating: 'basically_satisfied' });
    await close({ extend: true, rating: 'unsatisfied' });
    await close({ rating: 'satisfied' });
    const res = await ok(call('district', 'GET', `/api/cases/indicators?under=110108001&from=2026-12-02T00:00:00%2B08:00&to=2026-12-03T00:00:00%2B08:00`));
    const a1 = res.units.find((u: { code: string }) => u.code === '110108001001');
    expect(a1).toMatchObject({ closed: 4, onTimeClosureRate: 1, reworkRate: 0.25, extensionRate: 0.25, rated: 4, satisfactionRate: 0.75, satisfiedRate: 0.5, resolutionRate: 0.75 });
    expect(a1.averageHandlingHours).toBe(24);
    expect(res.total.closed).toBe(4);
  });
});
