// The projects' demo loader on the test tree: it runs, quickly, and leaves every screen with data.
import { describe, expect, it } from 'vitest';
import { createConfiguredCipher } from '../../../app.ts';
import type { DemoContext } from '../../../platform/module.ts';
import { seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { systemActor } from '../../../platform/auth/scope.ts';
import { getApplication, listApplications } from './applications.ts';
import { listFunds, getFund } from '../foundations/funds.ts';
import { fundReport } from '../foundations/public-report.ts';
import { loadProjectsDemo } from './demo.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);

describe('projects demo', () => {
  it('loads calls, scored applications, a project under way, a completed one and a fund, in a few seconds', async () => {
    const demo: DemoContext = {
      db: ctx.database.db, pii: createConfiguredCipher(ctx.config), districtCode: '110108', password: 'Demo#Pass2026', progress: (m) => console.log(`${Math.round(performance.now())} ${m}`), counts: {},
      state: { district: { code: '110108', name: '海淀区' }, street: { code: '110108001', name: '万寿路街道' }, community: { code: '110108001001', name: '翠微路社区' }, accounts: [], userIds: {} },
    };
    const started = performance.now();
    await loadProjectsDemo(demo);
    const ms = performance.now() - started;
    console.log(`projects demo: ${Math.round(ms)} ms`);
    // Under load it took ~9–10 s when each step went through the use cases; set-based, ~3.5 s (most of it hashing six passwords).
    expect(demo.counts).toMatchObject({ 项目: 2, 项目申报: 4, 社区基金: 1 });
    expect(demo.state.accounts?.map((a) => a.username).sort()).toEqual(['expert1', 'expert2', 'expert3', 'expert4', 'expert5', 'orgstaff']);
    const staff = { ...systemActor, grants: [{ role: 'district_staff' as const, orgPath: '110000.110100.110108' }] };
    const apps = await listApplications(ctx.database.db, staff, { page: 1, pageSize: 20 });
    expect(apps.items.map((a) => a.status).sort()).toEqual(['awarded', 'completed', 'submitted', 'submitted']);
    expect(apps.items.filter((a) => a.rank === 1)).toHaveLength(1);
    // The project under way, as its screen reads it: milestone 1 accepted, its tranche paid, services counted, on the timeline.
    const running = await getApplication(ctx.database.db, staff, apps.items.find((a) => a.status === 'awarded')!.id, 'staff');
    expect(running.milestones.map((m) => m.status)).toEqual(['accepted', 'planned', 'planned']);
    expect(running.tranches.map((t) => [t.paidAt !== null, t.payable])).toEqual([[true, false], [false, false], [false, false]]);
    expect(running.indicators.find((i) => i.key === 'served')!.achieved).toBe(510);
    expect(running.timeline.map((e) => e.kind).slice(-4)).toEqual(['milestone.report', 'milestone.accept', 'tranche.pay', 'visit']);
    const completed = await getApplication(ctx.database.db, staff, apps.items.find((a) => a.status === 'completed')!.id, 'staff');
    expect(completed.evaluation).toMatchObject({ thirdPartyScore: 88 });
    expect(completed.tranches.every((t) => t.paidAt !== null)).toBe(true);
    const [fund] = (await listFunds(ctx.database.db, staff, { page: 1, pageSize: 5 })).items;
    const detail = await getFund(ctx.database.db, staff, fund!.id);
    expect(detail.trialBalance.differenceFen).toBe(0);
    expect(detail.grants.map((g) => g.status).sort()).toEqual(['paid', 'paid', 'rejected']);
    const report = await fundReport(ctx.database.db, fund!.id, 2026);
    expect(report.balanceFen).toBe(detail.balanceFen);
    expect(report.donations.some((d) => d.donor === '匿名')).toBe(true);
  });
});
