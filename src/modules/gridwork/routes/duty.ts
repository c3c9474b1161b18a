// HTTP of the duty lists: the district's rule tables, occasions announced by community
// staff, and a worker's due items.
import { route, routeTable } from '../../../platform/route.ts';
import { attendOccasionBody, createDutyRuleBody, createOccasionBody, dutyItemList, dutyItemQuery, dutyRuleList, dutyRuleListQuery, dutyRuleView, idParam, occasionView, updateDutyRuleBody } from '../contract.ts';
import { z } from 'zod';
import { attendOccasion, createDutyRule, createOccasion, listDutyRules, updateDutyRule } from '../use-cases/duty-rules.ts';
import { listDutyItems } from '../use-cases/duty-items.ts';

export const dutyRoutes = routeTable('gridwork', [
  route({
    method: 'GET',
    url: '/api/gridwork/duty-rules',
    summary: "A district's duty rule table (九必访 / 六必到 / 九必报); defaults until the district edits it",
    access: 'gridwork.read',
    query: dutyRuleListQuery,
    response: dutyRuleList,
    handle: ({ actor, query, db }) => listDutyRules(db, actor, query),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/duty-rules',
    summary: "Add a rule to a district's table (district staff)",
    access: 'gridwork.manage',
    body: createDutyRuleBody,
    response: dutyRuleView,
    status: 201,
    handle: ({ actor, body, db }) => createDutyRule(db, actor, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/gridwork/duty-rules/:id',
    summary: 'Change a rule (district staff), naming the version read',
    access: 'gridwork.manage',
    params: idParam,
    body: updateDutyRuleBody,
    response: dutyRuleView,
    handle: ({ actor, params, body, db }) => updateDutyRule(db, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/occasions',
    summary: 'Announce an attend or report occasion in a grid or every grid of a community (community staff)',
    access: 'gridwork.write',
    body: createOccasionBody,
    response: z.object({ items: z.array(occasionView) }),
    status: 201,
    handle: ({ actor, body, db }) => createOccasion(db, actor, body),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/occasions/:id/attend',
    summary: 'Record that I attended an occasion in my grid',
    access: 'gridwork.write',
    params: idParam,
    body: attendOccasionBody,
    response: occasionView,
    handle: ({ actor, params, body, db }) => attendOccasion(db, actor, params.id, body.note),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/duty-items',
    summary: "My due items of a week (or, for staff above their grids, a worker's), with what is overdue",
    access: 'signed-in',
    query: dutyItemQuery,
    response: dutyItemList,
    handle: ({ actor, query, db }) => listDutyItems(db, actor, query),
  }),
]);
