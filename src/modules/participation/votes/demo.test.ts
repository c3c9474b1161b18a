// part-b's demo loader on the test tree: it runs quickly and leaves each screen and the board with data.
import { describe, expect, it } from 'vitest';
import { createConfiguredCipher } from '../../../app.ts';
import type { DemoContext } from '../../../platform/module.ts';
import { seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { readBoard } from '../board/board.ts';
import { fourHouseholds } from './households.fixture.ts';
import { loadVotingDemo } from './demo.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const a = await fourHouseholds(ctx, '翠微路28号院7号楼', 3);
await fourHouseholds(ctx, '翠微路28号院8号楼', 4);

describe('votes, meetings, budget and convention demo', () => {
  it('publishes a meeting, a vote that met its quorum, one that did not, a budget and a convention, in a few seconds', async () => {
    const demo: DemoContext = {
      db: ctx.database.db, pii: createConfiguredCipher(ctx.config), districtCode: '110108', password: 'Demo#Pass2026', progress: () => undefined, counts: {},
      state: { district: { code: '110108', name: '海淀区' }, street: { code: '110108001', name: '万寿路街道' }, community: { code: '110108001001', name: '翠微路社区' }, accounts: [], userIds: {} },
    };
    const started = performance.now();
    await loadVotingDemo(demo);
    const ms = performance.now() - started;
    console.log(`part-b demo: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(10_000);
    const board = await readBoard(ctx.database.db, '110108001001', { page: 1, pageSize: 50 });
    const kinds = board.items.map((i) => `${i.kind}:${i.status}`).sort();
    expect(kinds).toEqual(['budget:decided', 'convention:in_force', 'meeting_result:published', 'vote_result:no_quorum', 'vote_result:passed']);
    expect(board.items.find((i) => i.kind === 'meeting_result')?.facts).toMatchObject({ byProxy: 1, resolutions: 2, resolutionsDone: 1 });
    for (const h of a.heads) expect(JSON.stringify(board)).not.toContain(h.name);
  });
});
