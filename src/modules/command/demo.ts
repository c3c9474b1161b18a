// The command centre's demo: plants a surge (a dozen reports of one category in the focus grid
// this morning) and runs the early-warning rules, so the command centre opens with a warning to
// look at. The year of demo cases is folded into the daily rollup by the job cases.rollup in its
// first round after the server starts; until then readers count the unfolded entries themselves.
import { fromEarlierLoader, type DemoContext } from '../../platform/module.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { createCase, loadCaseRules } from '../cases/index.ts';
import { findOrgUnit, listGridPlacesUnder, pointInside } from '../org/index.ts';
import { detectWarnings } from './use-cases/detect.ts';
import { ensureRules } from './use-cases/rules.ts';

const SURGE_CASES = 12;
/** 占道经营 and the like would do; the first leaf under city management is always there. */
const SURGE_TITLES = ['小区门口占道经营', '流动摊贩占道', '早市摊位占用人行道', '商铺店外经营', '夜市摊点堵塞通道', '路口摆摊影响通行'];

export async function loadCommandDemo({ db, pii, state, counts, progress }: DemoContext): Promise<void> {
  await ensureRules(db);
  const district = await findOrgUnit(db, fromEarlierLoader(state, 'district').code);
  const gridCode = fromEarlierLoader(state, 'grid').code;
  if (!district) return;
  const grid = (await listGridPlacesUnder(db, district.orgPath)).find((g) => g.gridCode === gridCode);
  const rules = await loadCaseRules(db);
  const category = [...rules.categories.values()].find((c) => c.parentCode && c.active);
  if (grid && category) {
    progress('command: planting a surge');
    const staff: Actor = { kind: 'system', id: null, name: 'demo', displayName: '演示数据', grants: [{ role: 'district_staff', orgPath: district.orgPath }], mustChangePassword: false };
    for (let i = 0; i < SURGE_CASES; i++) {
      // Spread over the middle of the grid's box, so the points cluster without sitting on each other.
      const f = (k: number) => 0.35 + ((i * k) % 7) / 25;
      const [lng, lat] = pointInside(grid.geometry, grid.minLng + (grid.maxLng - grid.minLng) * f(3), grid.minLat + (grid.maxLat - grid.minLat) * f(5));
      await createCase({ db, pii, dataDir: '' }, staff, {
        title: SURGE_TITLES[i % SURGE_TITLES.length] as string,
        description: '演示：同一网格同一类别今日集中上报',
        categoryCode: category.code,
        lng,
        lat,
        source: 'staff',
      });
    }
  }
  const raised = await detectWarnings(db);
  counts.warnings = raised;
}
