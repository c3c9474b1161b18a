// The command centre's read-only questions to cases' tables that cases' own API does not
// answer in bulk: live cases for the map, each grid's load, cases reported since a cursor
// (the wall's stream) and the leader's to-do. Nothing here writes to cases.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { openCaseStates } from '../cases/index.ts';
import type { Area } from './area.ts';
import type { GridLoad, MapCase } from './contract.ts';

export { openCaseStates };

/** Keeps the cases of an area: lying under a division, or led by a department. */
export function caseAreaFilter(area: Area, alias = 'c'): SQL {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  if (area.isDepartment) return sql`${col('handling_unit')} = ${area.code}`;
  return area.orgPath === '' ? sql`true` : sql`${col('org_path')} like ${`${area.orgPath}.%`}`;
}

const mapColumns = sql`c.id, c.number, c.title, c.category_code as "categoryCode", c.state, c.sla_level as "slaLevel", c.lng, c.lat, c.created_at as "createdAt"`;

/** The newest live cases of the area with a point, at most `limit`. */
export async function liveCasePoints(db: Db, area: Area, limit: number): Promise<MapCase[]> {
  const rows = await queryRows<MapCase & { createdAt: string | Date }>(
    db,
    sql`select ${mapColumns} from cases c
      where c.state in ${openCaseStates} and ${caseAreaFilter(area)} and c.lng is not null and c.lat is not null
      order by c.created_at desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

/** Live and overdue cases per grid of the area. */
export async function gridLoads(db: Db, area: Area): Promise<GridLoad[]> {
  const rows = await queryRows<{ gridCode: string; open: number; overdue: number }>(
    db,
    sql`select c.grid_code as "gridCode", count(*)::int as open, count(*) filter (where c.overdue_at is not null)::int as overdue
      from cases c where c.state in ${openCaseStates} and ${caseAreaFilter(area)} and c.grid_code is not null group by 1`,
  );
  return rows.map((r) => ({ ...r, overdueShare: r.open ? Math.round((r.overdue / r.open) * 1000) / 1000 : null }));
}

/** The newest timeline id: where a new stream starts. */
export async function latestTimelineId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: number | null }>(db, sql`select max(id)::int8 as id from case_timeline`);
  return Number(row?.id ?? 0);
}

/** Cases of the area reported after a timeline id (within the last day), oldest first, with the id of their report. */
export async function casesReportedAfter(db: Db, area: Area, after: number, limit = 100): Promise<(MapCase & { eventId: number })[]> {
  const rows = await queryRows<MapCase & { eventId: number; createdAt: string | Date }>(
    db,
    sql`select t.id::int8 as "eventId", ${mapColumns} from case_timeline t join cases c on c.id = t.case_id
      where t.action = 'report' and t.at > now() - interval '1 day' and t.id > ${after} and ${caseAreaFilter(area, 't')}
      order by t.id limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, eventId: Number(r.eventId), createdAt: new Date(r.createdAt) }));
}

const todoColumns = sql`c.id, c.number, c.title, c.state, c.sla_level as "slaLevel", c.created_at as "createdAt"`;
type TodoRow = { id: string; number: string; title: string; state: string; slaLevel: string; createdAt: Date };

async function todoList(db: Db, where: SQL, limit: number): Promise<{ total: number; items: TodoRow[] }> {
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases c where ${where}`);
  const items = await queryRows<TodoRow & { createdAt: string | Date }>(db, sql`select ${todoColumns} from cases c where ${where} order by c.created_at desc limit ${limit}`);
  return { total: count?.n ?? 0, items: items.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })) };
}

/**
 * Open cases at the leader's tier (a district leader: district-level cases; a street leader:
 * street-level ones) or under red supervision that no leader has instructed (批示) yet.
 */
export function awaitingInstruction(db: Db, areas: { orgPath: string; tier: string }[], limit: number) {
  if (areas.length === 0) return Promise.resolve({ total: 0, items: [] });
  const parts = areas.map((a) => sql`(c.org_path like ${`${a.orgPath}.%`} and (c.tier = ${a.tier} or c.supervision_level = 'red'))`);
  return todoList(
    db,
    sql`c.state in ${openCaseStates} and (${sql.join(parts, sql` or `)})
      and not exists (select 1 from case_timeline i where i.case_id = c.id and i.action = 'instruct')`,
    limit,
  );
}

/** Open cases under red supervision in the areas. */
export function redSupervised(db: Db, paths: string[], limit: number) {
  if (paths.length === 0) return Promise.resolve({ total: 0, items: [] });
  const parts = paths.map((p) => sql`c.org_path like ${`${p}.%`}`);
  return todoList(db, sql`c.state in ${openCaseStates} and c.supervision_level = 'red' and (${sql.join(parts, sql` or `)})`, limit);
}

/** Whether a case lying in the grid is led by, or was dispatched to, one of these org units. */
export async function gridHoldsCaseOf(db: Db, gridCode: string, orgUnitCodes: string[]): Promise<boolean> {
  if (orgUnitCodes.length === 0) return false;
  const [row] = await queryRows<{ hit: boolean }>(
    db,
    sql`select exists (select 1 from cases c where c.grid_code = ${gridCode}
      and (c.handling_unit in ${orgUnitCodes} or c.handled_by && ${sql.param(orgUnitCodes)}::text[] or c.co_units && ${sql.param(orgUnitCodes)}::text[])) as hit`,
  );
  return row?.hit ?? false;
}
