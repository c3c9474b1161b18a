// "Mine to do": the to-do rules of the workflow (todoRules in workflow.ts) as one branch per
// grant and rule, and the states the actor's to-do board groups its cases by.
//
// The to-do is the union of its branches, never their OR: an OR of conditions on different
// columns defeats every index, while each branch alone is one partial index (migration
// 0022) over the open states it waits in, so the to-do costs what the open backlog holds.
import { sql, type SQL } from 'drizzle-orm';
import { permissionsOf } from '../../../platform/auth/roles.ts';
import { underPaths, type Actor, type Grant } from '../../../platform/auth/scope.ts';
import type { CaseRelation, CaseState, TodoStates } from '../contract.ts';
import { todoRules, todoStatesFor, type TodoRule } from '../workflow.ts';
import { cases } from '../schema.ts';
import { orgUnitOfGrant } from '../policies.ts';

/** The relation of a to-do rule for one grant: 'anyone' is the grant's part of the tree; null: no case can match. */
function relationCondition(actor: Actor, grant: Grant, relation: CaseRelation): SQL | null {
  const orgUnit = orgUnitOfGrant(grant);
  switch (relation) {
    case 'anyone':
      return underPaths(cases.orgPath, [grant.orgPath]);
    case 'reporter':
      return actor.id ? sql`${cases.reporterUserId} = ${actor.id}` : null;
    case 'dispatcher':
      return orgUnit === null ? null : sql`${cases.dispatcherUnit} = ${orgUnit}`;
    case 'handling_org_unit':
      return orgUnit === null ? null : sql`${cases.handlingUnit} = ${orgUnit}`;
  }
}

/**
 * The states as literals: a partial index is used only when the planner can prove the
 * query's condition implies the index's, which it cannot for a bound parameter. The states
 * come from the workflow's own table, never from a request.
 */
function statesIn(states: readonly CaseState[]): SQL {
  return sql.raw(`"cases"."state" in (${states.map((s) => `'${s}'`).join(', ')})`);
}

function ruleCondition(actor: Actor, grant: Grant, rule: TodoRule): SQL | null {
  const relation = relationCondition(actor, grant, rule.relation);
  if (!relation) return null;
  const parts = [relation];
  if (rule.states) parts.push(statesIn(rule.states));
  if (rule.pendingExtension) parts.push(sql`${cases.pendingExtension} is not null`);
  return sql`(${sql.join(parts, sql` and `)})`;
}

export interface TodoBranch {
  condition: SQL;
  /**
   * The branch keeps only cases the actor may read anyway (its grant's own part of the tree,
   * or a resident's own reports): the visibility condition adds nothing but planning time.
   */
  visibleByItself: boolean;
}

function visibleByItself(grant: Grant, rule: TodoRule): boolean {
  if (!permissionsOf(grant.role).includes('case.read')) return false;
  if (grant.role === 'resident') return rule.relation === 'reporter';
  return rule.relation === 'anyone' && grant.role !== 'department_handler';
}

/** The to-do's branches: one per grant and rule the actor holds (none: nothing to do). */
export function todoBranches(actor: Actor): TodoBranch[] {
  const branches: TodoBranch[] = [];
  for (const grant of actor.grants) {
    const held = permissionsOf(grant.role);
    for (const rule of todoRules) {
      const condition = held.includes(rule.permission) ? ruleCondition(actor, grant, rule) : null;
      if (condition) branches.push({ condition, visibleByItself: visibleByItself(grant, rule) });
    }
  }
  return branches;
}

/**
 * The ids of the to-do's cases the actor may see (`visible`) meeting `filters`: each branch
 * on its own index, then united. With `top`, each branch gives only its first `top.limit` in
 * the list's order — the list's first `top.limit` rows are among them — so a page reads
 * branches × limit rows at most.
 */
export function todoIds(branches: TodoBranch[], visible: SQL, filters: SQL, top?: { order: SQL; limit: number }): SQL {
  return todoRows(branches, visible, filters, sql`${cases.id}`, top);
}

/**
 * As todoIds, with `columns` of each case instead of its id: a page takes its rows from the
 * branches themselves (each branch reads the row anyway), not from a second look-up by id.
 * The union still keeps each case once, since a case's columns are the same in every branch.
 */
export function todoRows(branches: TodoBranch[], visible: SQL, filters: SQL, columns: SQL, top?: { order: SQL; limit: number }): SQL {
  const selects = branches.map((branch) => {
    const where = branch.visibleByItself ? sql`${filters} and ${branch.condition}` : sql`${visible} and ${filters} and ${branch.condition}`;
    return top ? sql`(select ${columns} from ${cases} where ${where} order by ${top.order} limit ${top.limit})` : sql`(select ${columns} from ${cases} where ${where})`;
  });
  return sql.join(selects, sql` union `);
}

/** The states the actor's to-do board groups its cases by. */
export function todoStates(actor: Actor): TodoStates {
  return { states: todoStatesFor(actor.grants.flatMap((g) => permissionsOf(g.role))) };
}
