// "Mine to do": the to-do rules of the workflow (todoRules in workflow.ts) as a condition on
// the case list, and the states the actor's to-do board groups its cases by.
import { sql, type SQL } from 'drizzle-orm';
import { permissionsOf } from '../../../platform/auth/roles.ts';
import { underPaths, type Actor, type Grant } from '../../../platform/auth/scope.ts';
import type { CaseRelation, TodoStates } from '../contract.ts';
import { todoRules, todoStatesFor, type TodoRule } from '../workflow.ts';
import { cases } from '../schema.ts';
import { orgUnitOfGrant } from '../policies.ts';

/** The relation of a to-do rule for one grant: 'anyone' is the grant's part of the tree. */
function relationCondition(actor: Actor, grant: Grant, relation: CaseRelation): SQL {
  const orgUnit = orgUnitOfGrant(grant);
  switch (relation) {
    case 'anyone':
      return underPaths(cases.orgPath, [grant.orgPath]);
    case 'reporter':
      return actor.id ? sql`${cases.reporterUserId} = ${actor.id}` : sql`false`;
    case 'dispatcher':
      return orgUnit === null ? sql`false` : sql`${cases.dispatcherUnit} = ${orgUnit}`;
    case 'handling_org_unit':
      return orgUnit === null ? sql`false` : sql`${cases.handlingUnit} = ${orgUnit}`;
  }
}

function ruleCondition(actor: Actor, grant: Grant, rule: TodoRule): SQL {
  const parts = [relationCondition(actor, grant, rule.relation)];
  if (rule.states) parts.push(sql`${cases.state} in ${rule.states}`);
  if (rule.pendingExtension) parts.push(sql`${cases.pendingExtension} is not null`);
  return sql`(${sql.join(parts, sql` and `)})`;
}

/** The to-do condition: cases that wait for the actor (intake, dispatch, handling, verification, rating). */
export function todoCondition(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const grant of actor.grants) {
    const held = permissionsOf(grant.role);
    for (const rule of todoRules) if (held.includes(rule.permission)) parts.push(ruleCondition(actor, grant, rule));
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** The states the actor's to-do board groups its cases by. */
export function todoStates(actor: Actor): TodoStates {
  return { states: todoStatesFor(actor.grants.flatMap((g) => permissionsOf(g.role))) };
}
