// The reporter's identity: masked for everyone on the case page (intake staff and leaders
// too), revealed only with a reason and audited, hidden entirely from those who may not
// see the reporter; the hotline's caller history applies the same rule.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { setupCaseWorld, type CaseView } from './test-support.ts';

const world = await setupCaseWorld();
const { ctx, call, ok, report, step, caseIn } = world;
const db = ctx.database.db;
const clear = { name: '王女士', phone: '13812345678' };

const reveals = () =>
  queryRows<{ username: string; result: string; targetId: string; details: { reason?: string } }>(
    db,
    sql`select actor_name as username, result, target_id as "targetId", details from audit_log where action = 'case.reporter_reveal' order by id`,
  );

describe('reporter identity on the case page', () => {
  it('is masked for intake staff, the hotline and leaders, hidden from a grid worker and a department, and clear only to the reporter', async () => {
    const c = await caseIn('dispatched');
    for (const who of ['hotline', 'communityA1', 'streetA', 'district', 'leader']) {
      const view = (await ok(call(who, 'GET', `/api/cases/${c.id}`))) as CaseView;
      expect(view.reporter, who).toMatchObject({ name: '王*', phone: '138******78', revealed: false });
      expect(view.reporterHidden, who).toBe(false);
      expect(JSON.stringify(view), who).not.toContain(clear.phone);
      expect(JSON.stringify(view), who).not.toContain(clear.name);
    }
    for (const who of ['gridWorker', 'dept']) {
      const view = (await ok(call(who, 'GET', `/api/cases/${c.id}`))) as CaseView;
      expect(view.reporter, who).toBeNull();
      expect(view.reporterHidden, who).toBe(true);
      // Neither the number nor its masked form ('138' alone also turns up in random ids).
      expect(JSON.stringify(view), who).not.toContain(clear.phone);
      expect(JSON.stringify(view), who).not.toContain('138***');
    }
    const own = (await ok(call('resident', 'GET', `/api/cases/${c.id}`))) as CaseView;
    expect(own.reporter).toMatchObject({ ...clear, revealed: true });
    // The case list never carries the reporter.
    const list = await call('communityA1', 'GET', '/api/cases?pageSize=50');
    expect(list.body).not.toContain(clear.phone);
    expect(list.body).not.toContain(clear.name);
  });

  it('reveals with a reason to intake staff and leaders, audited with the reason; refuses without one', async () => {
    const c = await report('hotline');
    const before = (await reveals()).length;
    const noReason = await call('communityA1', 'POST', `/api/cases/${c.id}/reporter/reveal`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields[0].field).toBe('body.reason');
    expect(noReason.body).not.toContain(clear.phone);
    expect((await call('communityA1', 'POST', `/api/cases/${c.id}/reporter/reveal`, {})).statusCode).toBe(400);
    expect(await reveals()).toHaveLength(before);
    for (const [who, reason] of [['communityA1', '回访核实诉求'], ['hotline', '来电人要求回电'], ['leader', '督办需联系群众']] as const) {
      const shown = await ok(call(who, 'POST', `/api/cases/${c.id}/reporter/reveal`, { reason }));
      expect(shown, who).toMatchObject({ ...clear, revealed: true });
    }
    const entries = (await reveals()).slice(before);
    expect(entries.map((e) => [e.username, e.result, e.targetId, e.details.reason])).toEqual([
      [world.people.communityA1?.username, 'success', c.id, '回访核实诉求'],
      [world.people.hotline?.username, 'success', c.id, '来电人要求回电'],
      [world.people.leader?.username, 'success', c.id, '督办需联系群众'],
    ]);
    // Still masked afterwards: a reveal is for that moment, not a change of the case.
    expect(((await ok(call('communityA1', 'GET', `/api/cases/${c.id}`))) as CaseView).reporter).toMatchObject({ name: '王*', revealed: false });
  });

  it('refuses a grid worker and a department the reveal unless the contact was shared, and audits the refusal', async () => {
    const c = await caseIn('dispatched');
    const before = (await reveals()).length;
    for (const who of ['gridWorker', 'dept']) {
      const res = await call(who, 'POST', `/api/cases/${c.id}/reporter/reveal`, { reason: '想联系报告人' });
      expect(res.statusCode, who).toBe(403);
      expect(res.body).not.toContain(clear.phone);
    }
    expect((await call('gridWorkerA2', 'POST', `/api/cases/${c.id}/reporter/reveal`, { reason: '想联系报告人' })).statusCode).toBe(403);
    const denied = (await reveals()).slice(before);
    expect(denied.map((e) => [e.username, e.result])).toEqual([
      [world.people.gridWorker?.username, 'denied'],
      [world.people.dept?.username, 'denied'],
    ]);
    const shared = await caseIn('registered');
    await step('communityA1', shared.id, 'dispatch', { targetUnitId: '110108D01', shareReporterContact: true });
    expect(((await ok(call('dept', 'GET', `/api/cases/${shared.id}`))) as CaseView).reporter).toMatchObject({ name: '王*', phone: '138******78' });
    expect(await ok(call('dept', 'POST', `/api/cases/${shared.id}/reporter/reveal`, { reason: '上门处置需联系' }))).toMatchObject(clear);
  });
});

describe('the hotline caller history', () => {
  const phone = '13900003333';

  it('takes the phone only in a POST body', async () => {
    expect((await call('hotline', 'GET', `/api/cases/hotline/caller?phone=${phone}`)).statusCode).toBe(404);
  });

  it('gives the hotline the caller’s cases with the name and phone masked, and audits the look-up', async () => {
    const c = await report('hotline', { reporter: { name: '赵先生', phone } });
    const history = await ok(call('hotline', 'POST', '/api/cases/hotline/caller', { phone: '139-0000-3333' }));
    expect(history).toMatchObject({ phone: '139******33', callerName: '赵*' });
    expect(history.cases.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(JSON.stringify(history)).not.toContain(phone);
    expect(JSON.stringify(history)).not.toContain('赵先生');
    const [audit] = await queryRows<{ details: Record<string, unknown> }>(
      db,
      sql`select details from audit_log where action = 'registry.identifier_lookup' and details->>'context' = 'hotline' order by id desc limit 1`,
    );
    expect(audit?.details).toMatchObject({ kinds: ['phone'], masked: ['139******33'], resultCount: 1 });
    expect(JSON.stringify(audit)).not.toContain(phone);
  });

  it('tells a grid worker nothing about a reporter hidden from them (the probe got the name and the cases)', async () => {
    const c = await report('hotline', { reporter: { name: '钱阿姨', phone: '13900004444' } });
    expect(((await ok(call('gridWorker', 'GET', `/api/cases/${c.id}`))) as CaseView).reporterHidden).toBe(true);
    const history = await ok(call('gridWorker', 'POST', '/api/cases/hotline/caller', { phone: '13900004444' }));
    expect(history).toEqual({ phone: '139******44', callerName: null, cases: [] });
    // A department cannot take calls at all.
    expect((await call('dept', 'POST', '/api/cases/hotline/caller', { phone: '13900004444' })).statusCode).toBe(403);
  });
});
