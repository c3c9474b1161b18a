// HTTP of participatory budgets: staff keep them; a verified resident chooses for their household.
import { z } from 'zod';
import { route, routeTable } from '../../../platform/route.ts';
import { idParam } from '../contract/common.ts';
import { verifiedResidentOf, verifiedResidentOrNull } from '../residents.ts';
import { budgetActionBody, budgetListQuery, budgetPage, budgetProjectBody, budgetView, choiceBody, createBudgetBody, feasibilityBody, myBudgetList, progressBody } from './contract.ts';
import { actOnBudget, addBudgetProject, chooseProjects, createBudget, getBudget, listBudgets, myBudgets, recordBudgetProgress, reviewBudgetProject } from './budgets.ts';

const base = '/api/participation/budgets';
const projectParam = z.object({ id: z.uuid(), projectId: z.uuid() });

export const budgetRoutes = routeTable('participation budgets', [
  route({ method: 'GET', url: base, summary: 'Participatory budgets in my part of the tree', access: 'participation.read', query: budgetListQuery, response: budgetPage, handle: ({ actor, db, query }) => listBudgets(db, actor, query) }),
  route({ method: 'POST', url: base, summary: "A community's yearly amount", access: 'participation.manage', body: createBudgetBody, response: budgetView, status: 201, handle: ({ actor, db, body }) => createBudget(db, actor, body) }),
  route({ method: 'GET', url: `${base}/:id`, summary: 'A budget with its projects, votes and accounts', access: 'participation.read', params: idParam, response: budgetView, handle: ({ actor, db, params }) => getBudget(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/projects`, summary: 'Add a project with its cost', access: 'participation.manage', params: idParam, body: budgetProjectBody, response: budgetView, status: 201, handle: ({ actor, db, params, body }) => addBudgetProject(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/projects/:projectId/review`, summary: "Record a project's feasibility review", access: 'participation.manage', params: projectParam, body: feasibilityBody, response: budgetView, handle: ({ actor, db, params, body }) => reviewBudgetProject(db, actor, params.id, params.projectId, body) }),
  route({ method: 'POST', url: `${base}/:id/projects/:projectId/progress`, summary: "A winner's progress and a line of its public accounts", access: 'participation.manage', params: projectParam, body: progressBody, response: budgetView, handle: ({ actor, db, params, body }) => recordBudgetProgress(db, actor, params.id, params.projectId, body) }),
  route({ method: 'POST', url: `${base}/:id/actions`, summary: 'Review, open voting, decide the winners', access: 'participation.manage', params: idParam, body: budgetActionBody, response: budgetView, handle: ({ actor, db, params, body }) => actOnBudget(db, actor, params.id, body.action) }),
  route({ method: 'GET', url: '/api/participation/my/budgets', summary: "My community's budgets and my household's choice", access: 'participation.take_part', response: myBudgetList, handle: async ({ actor, db }) => {
    const voter = await verifiedResidentOrNull(db, actor);
    return voter ? myBudgets(db, voter) : { verified: false, items: [] };
  } }),
  route({
    method: 'POST', url: '/api/participation/my/budgets/:id/choice', summary: "My household's choice of projects, within the amount", access: 'participation.take_part', params: idParam, body: choiceBody, response: myBudgetList, status: 201,
    handle: async ({ actor, db, params, body }) => chooseProjects(db, actor, await verifiedResidentOf(db, actor), params.id, body),
  }),
]);
