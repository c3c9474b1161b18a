// part-a's demo loader on the test tree: quick, set-based, and it leaves each screen and the board with data.
import { describe, expect, it } from 'vitest';
import { createConfiguredCipher } from '../../../app.ts';
import type { DemoContext } from '../../../platform/module.ts';
import { makeActor, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { readBoard } from '../board/board.ts';
import { fourHouseholds } from '../votes/households.fixture.ts';
import { participationIndexOf } from '../points/points.ts';
import { loadNeedsDemo } from './demo.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const a = await fourHouseholds(ctx, '翠微路28号院9号楼', 5);
const staff = await makeActor(ctx.database, 'community_staff', '110108001001');
const resident = await makeActor(ctx.database, 'resident', '110108001001');

describe('needs, micro-wishes, proposals and points demo', () => {
  it('loads needs of every class, three wishes and five proposals across the lifecycle in a few seconds', async () => {
    const demo: DemoContext = {
      db: ctx.database.db, pii: createConfiguredCipher(ctx.config), districtCode: '110108', password: 'Demo#Pass2026', progress: () => undefined, counts: {},
      state: { community: { code: '110108001001', name: '翠微路社区' }, accounts: [], userIds: { community: staff.actor.id!, resident: resident.actor.id! } },
    };
    const started = performance.now();
    await loadNeedsDemo(demo);
    const ms = performance.now() - started;
    console.log(`part-a demo: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(10_000);
    expect(demo.counts).toMatchObject({ '需求 / needs': 32, '微心愿 / micro-wishes': 3, '提案 / proposals': 5 });
    const board = await readBoard(ctx.database.db, '110108001001', { page: 1, pageSize: 50 });
    const statuses = board.items.filter((i) => i.kind === 'proposal').map((i) => i.status).sort();
    // The submitted proposal is not public yet.
    expect(statuses).toEqual(['completed', 'implementing', 'in_review', 'not_accepted']);
    expect(board.items.filter((i) => i.kind === 'micro_wish').map((i) => i.status).sort()).toEqual(['claimed', 'fulfilled', 'open']);
    for (const h of a.heads) expect(JSON.stringify(board)).not.toContain(h.name);
    const index = await participationIndexOf(ctx.database.db, staff.actor, {});
    expect(index.rows[0]).toMatchObject({ communityCode: '110108001001', proposals: 5 });
    expect(index.rows[0]!.participants).toBeGreaterThan(0);
  });
});
