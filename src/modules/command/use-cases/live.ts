// What the map and the wall show live: open cases as points, each grid's load, the leader's
// to-do, and the cases reported since the wall last looked.
import type { Db } from '../../../platform/db.ts';
import { scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { findOrgNodes } from '../../org/index.ts';
import { openTopicsUnder } from '../../assessment/index.ts';
import { resolveArea } from '../area.ts';
import { awaitingInstruction, gridLoads, liveCasePoints, redSupervised } from '../case-reads.ts';
import { listWarnings } from './warnings.ts';
import type { LeaderTodoView, MapView } from '../contract.ts';

/** Points beyond this make the map unreadable and the answer heavy; the newest are kept. */
export const MAP_LIMIT = 5_000;

export async function commandMap(db: Db, actor: Actor, under: string | undefined): Promise<MapView> {
  const area = await resolveArea(db, actor, under);
  const [points, grids] = await Promise.all([liveCasePoints(db, area, MAP_LIMIT + 1), gridLoads(db, area)]);
  return { cases: points.slice(0, MAP_LIMIT), truncated: points.length > MAP_LIMIT, grids };
}

/** Governance topics (每月一题) still open in the leader's area, from the assessment module. */
async function topicsForLeader(db: Db, paths: string[]): Promise<LeaderTodoView['topics']> {
  const topics = await openTopicsUnder(db, paths);
  return { total: topics.length, items: topics.slice(0, TODO_ITEMS).map((t) => ({ id: t.id, title: t.title })) };
}

const TODO_ITEMS = 10;

export async function leaderTodo(db: Db, actor: Actor): Promise<LeaderTodoView> {
  const paths = scopePaths(actor, 'case.instruct');
  // A leader's tier is the level they are granted on: a district leader instructs district-level cases.
  const nodes = await findOrgNodes(db, paths.map((p) => p.split('.').at(-1) ?? p));
  const tierOf = new Map(nodes.map((n) => [n.orgPath, n.level === 'district' ? 'district' : n.level === 'street' ? 'street' : 'grid']));
  const areas = paths.map((p) => ({ orgPath: p, tier: tierOf.get(p) ?? 'district' }));
  const [awaiting, red, warnings, topics] = await Promise.all([
    awaitingInstruction(db, areas, TODO_ITEMS),
    redSupervised(db, paths, TODO_ITEMS),
    listWarnings(db, actor, { page: 1, pageSize: TODO_ITEMS, state: 'open' }),
    topicsForLeader(db, paths),
  ]);
  return { awaitingInstruction: awaiting, redSupervised: red, openWarnings: { total: warnings.total, items: warnings.items }, topics };
}
