// Participatory budgets (民生微实事): requests and responses.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';

export const budgetStatuses = ['collecting', 'reviewing', 'voting', 'decided'] as const;
export type BudgetStatus = (typeof budgetStatuses)[number];
export const budgetActions = ['review', 'open_voting', 'decide'] as const;
export type BudgetAction = (typeof budgetActions)[number];
export const feasibilities = ['pending', 'feasible', 'not_feasible'] as const;
export type Feasibility = (typeof feasibilities)[number];

const fen = z.number().int().min(1).max(100_000_000_00);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');

export const accountLine = z.object({ item: z.string().trim().min(1).max(200), amountFen: fen, voucher: z.string().trim().min(1).max(60), on: isoDate });
export type AccountLine = z.infer<typeof accountLine>;

export const createBudgetBody = z.object({ communityCode: z.string().trim().min(1).max(40), year: z.number().int().min(2000).max(2100), title: z.string().trim().min(2).max(200), amountFen: fen });
export type CreateBudgetBody = z.infer<typeof createBudgetBody>;
export const budgetProjectBody = z.object({ title: z.string().trim().min(2).max(200), description: z.string().trim().max(4000).default(''), costFen: fen });
export type BudgetProjectBody = z.infer<typeof budgetProjectBody>;
export const feasibilityBody = z.object({ feasibility: z.enum(['feasible', 'not_feasible']), reviewNote: z.string().trim().min(1).max(2000) });
export type FeasibilityBody = z.infer<typeof feasibilityBody>;
export const budgetActionBody = z.object({ action: z.enum(budgetActions) });
export const choiceBody = z.object({ projectIds: z.array(z.uuid()).min(1).max(50) }).refine((b) => new Set(b.projectIds).size === b.projectIds.length, { path: ['projectIds'], message: '同一项目只能选一次 / a project once' });
export type ChoiceBody = z.infer<typeof choiceBody>;
export const progressBody = z.object({ progress: z.number().int().min(0).max(100), account: accountLine.optional() });
export type ProgressBody = z.infer<typeof progressBody>;

export const budgetProjectView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  costFen: z.number().int(),
  feasibility: z.enum(feasibilities),
  reviewNote: z.string().nullable(),
  votes: z.number().int(),
  won: z.boolean(),
  progress: z.number().int(),
  spentFen: z.number().int(),
  accounts: z.array(accountLine),
});
export type BudgetProjectView = z.infer<typeof budgetProjectView>;
export const budgetView = z.object({
  id: z.string(),
  communityCode: z.string(),
  year: z.number().int(),
  title: z.string(),
  amountFen: z.number().int(),
  status: z.enum(budgetStatuses),
  households: z.number().int(),
  projects: z.array(budgetProjectView),
  decidedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
});
export type BudgetView = z.infer<typeof budgetView>;
export const budgetPage = pageOf(budgetView);
export const budgetListQuery = z.object({ communityCode: z.string().max(40).optional(), ...pageQuery });
export type BudgetListQuery = z.infer<typeof budgetListQuery>;
export const myBudgetView = z.object({ budget: budgetView, chosen: z.array(z.string()).nullable() });
export const myBudgetList = z.object({ verified: z.boolean(), items: z.array(myBudgetView) });
export { budgetTransitions } from './rules.ts';
