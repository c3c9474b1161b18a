// Who may see which case, who acts on it as what, and who sees the reporter: the one place
// the cases module turns an actor's grants into conditions.
//
// Beyond the org-path scope every module uses: a department sees only what was dispatched
// to it (a row in case_handlers, with its code in `handled_by` too), a resident only the cases they reported, and any unit
// a case was dispatched to sees it even outside its own part of the tree.
import { sql, type SQL } from 'drizzle-orm';
import { coversPath, underPaths, type Actor, type Grant } from '../../platform/auth/scope.ts';
import { permissionsOf, type Permission } from '../../platform/auth/roles.ts';
import { caseActorOf, workflowPermissions, type CaseActor } from './workflow.ts';
import { caseHandlers, cases, type CaseRow } from './schema.ts';

/** The code of the org unit a grant is on (a grid, community, street, district or department), or null for the whole tree. */
export function orgUnitOfGrant(grant: Grant): string | null {
  return grant.orgPath === '' ? null : (grant.orgPath.split('.').at(-1) ?? null);
}

/** Whether a role lets its holder take any workflow action. */
function actsInWorkflow(grant: Grant): boolean {
  return permissionsOf(grant.role).some((p) => workflowPermissions.has(p));
}

/** The workflow's id for the actor: the user id, or the API key's. */
export function caseActorId(actor: Actor): string {
  return actor.kind === 'api_key' ? `apikey:${actor.id}` : (actor.id ?? 'system');
}

function grantsWith(actor: Actor, permission: Permission): Grant[] {
  return actor.grants.filter((g) => permissionsOf(g.role).includes(permission));
}

/**
 * SQL keeping the cases dispatched to the org unit, through case_handlers (btree): a
 * department's list is a range of that table, not a GIN array filter over every case.
 */
export function dispatchedTo(orgUnit: string): SQL {
  return sql`exists (select 1 from ${caseHandlers} where ${caseHandlers.caseId} = ${cases.id} and ${caseHandlers.unit} = ${orgUnit})`;
}

/**
 * The department whose dispatched cases hold everything the actor may read (a department
 * handler on one department), or null: its lists can walk case_handlers in time order.
 */
export function onlyDepartmentOf(actor: Actor): string | null {
  const reading = grantsWith(actor, 'case.read');
  const [only] = reading;
  return reading.length === 1 && only?.role === 'department_handler' ? orgUnitOfGrant(only) : null;
}

/** SQL keeping the cases the actor may read. */
export function visibleCases(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const grant of grantsWith(actor, 'case.read')) {
    const orgUnit = orgUnitOfGrant(grant);
    if (grant.role === 'resident') {
      parts.push(actor.id ? sql`${cases.reporterUserId} = ${actor.id}` : sql`false`);
    } else if (grant.orgPath === '') {
      return sql`true`;
    } else if (orgUnit === null) {
      parts.push(underPaths(cases.orgPath, [grant.orgPath]));
    } else if (grant.role === 'department_handler') {
      parts.push(dispatchedTo(orgUnit));
    } else {
      // The array arm stays: with the path it makes one bitmap OR of two indexes, which a
      // subquery on case_handlers would turn into a filter on every row scanned.
      parts.push(sql`(${underPaths(cases.orgPath, [grant.orgPath])} or ${cases.handledBy} && ${sql.param([orgUnit])}::text[])`);
    }
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

type Relatable = Pick<CaseRow, 'orgPath' | 'handledBy' | 'dispatcherUnit' | 'handlingUnit' | 'coUnits' | 'reporterUserId'>;

function grantRelates(actor: Actor, grant: Grant, row: Relatable): boolean {
  if (grant.role === 'resident') return actor.id !== null && row.reporterUserId === actor.id;
  if (grant.orgPath === '') return true;
  const orgUnit = orgUnitOfGrant(grant);
  const orgUnits = [...row.handledBy, row.dispatcherUnit, row.handlingUnit, ...row.coUnits];
  if (orgUnit !== null && orgUnits.includes(orgUnit)) return true;
  return grant.role !== 'department_handler' && coversPath(grant.orgPath, row.orgPath);
}

/** Whether the actor may read the case (the same rule as visibleCases, for one loaded row). */
export function canSeeCase(actor: Actor, row: Relatable): boolean {
  return grantsWith(actor, 'case.read').some((g) => grantRelates(actor, g, row));
}

/**
 * The ways the actor can act on this case: one workflow actor per role they hold on an org
 * unit that relates to the case, grouped by org unit in the order of the grants. The
 * service tries each; the table decides by permission and relation.
 */
export function caseActorsFor(actor: Actor, row: Relatable): CaseActor[] {
  const byOrgUnit = new Map<string, CaseActor[]>();
  for (const grant of actor.grants) {
    if (!actsInWorkflow(grant) || !grantRelates(actor, grant, row)) continue;
    // A resident acts as the reporter, for no org unit.
    const orgUnit = grant.role === 'resident' ? null : orgUnitOfGrant(grant);
    const key = orgUnit ?? '';
    byOrgUnit.set(key, [...(byOrgUnit.get(key) ?? []), caseActorOf(caseActorId(actor), grant.role, orgUnit)]);
  }
  return [...byOrgUnit.values()].flat();
}

const reporterViewers = new Set(['hotline_operator', 'community_staff', 'street_staff', 'district_staff', 'leader']);

/**
 * Whether the actor sees the reporter's name and phone: the reporter, intake and
 * dispatching staff and leaders do; handling units (departments, grid workers) only when
 * the dispatcher shared the contact because they need it.
 */
export function seesReporter(actor: Actor, row: Relatable & Pick<CaseRow, 'reporterShared'>): boolean {
  if (actor.id !== null && row.reporterUserId === actor.id) return true;
  return actor.grants.some((g) => {
    if (!grantRelates(actor, g, row)) return false;
    if (reporterViewers.has(g.role)) return g.role !== 'community_staff' || g.orgPath === '' || coversPath(g.orgPath, row.orgPath) || orgUnitOfGrant(g) === row.dispatcherUnit;
    return row.reporterShared && (g.role === 'department_handler' || g.role === 'grid_worker');
  });
}

/** The handling tier of a case registered or dispatched by a unit of this level. */
export function tierOfLevel(level: string): 'grid' | 'street' | 'district' {
  if (level === 'grid' || level === 'community') return 'grid';
  if (level === 'street') return 'street';
  return 'district';
}
