// Participatory budgets (民生微实事): a community's yearly amount, projects with costs and a
// feasibility review, one choice per household within the amount, winners by votes within the
// amount, and each winner's progress and public accounts.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { invalidField as invalid } from '../places.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import { householdsWithAdults } from '../../registry/index.ts';
import type { BudgetListQuery, BudgetProjectBody, BudgetView, ChoiceBody, CreateBudgetBody, FeasibilityBody, ProgressBody, BudgetAction } from './contract.ts';
import { checkChoice, nextBudgetStatus, pickWinners } from './rules.ts';
import { participationBudgetChoices, participationBudgetProjects, participationBudgets } from './schema.ts';
import type { VerifiedResident as Voter } from '../residents.ts';

type BudgetRow = typeof participationBudgets.$inferSelect;

/** Yuan with two decimals from fen (messages and the board). */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

async function loadBudget(db: Db, actor: Actor | null, id: string, permission: 'participation.read' | 'participation.manage' = 'participation.read'): Promise<BudgetRow> {
  const [row] = await db.select().from(participationBudgets).where(eq(participationBudgets.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `预算 ${id}` });
  if (actor) assertInScope(actor, permission, row.orgPath);
  return row;
}

export async function presentBudgets(db: Db, rows: BudgetRow[]): Promise<BudgetView[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [projects, households] = await Promise.all([
    db.select().from(participationBudgetProjects).where(inArray(participationBudgetProjects.budgetId, ids)).orderBy(desc(participationBudgetProjects.won), desc(participationBudgetProjects.votes), asc(participationBudgetProjects.title)),
    db.select({ budgetId: participationBudgetChoices.budgetId, n: sql<number>`count(*)::int` }).from(participationBudgetChoices).where(inArray(participationBudgetChoices.budgetId, ids)).groupBy(participationBudgetChoices.budgetId),
  ]);
  return rows.map((r) => ({
    id: r.id, communityCode: r.communityCode, year: r.year, title: r.title, amountFen: r.amountFen, status: r.status, decidedAt: r.decidedAt, publishedAt: r.publishedAt,
    households: Number(households.find((h) => h.budgetId === r.id)?.n ?? 0),
    projects: projects.filter((p) => p.budgetId === r.id).map((p) => ({ id: p.id, title: p.title, description: p.description, costFen: p.costFen, feasibility: p.feasibility, reviewNote: p.reviewNote, votes: p.votes, won: p.won, progress: p.progress, spentFen: p.spentFen, accounts: p.accounts })),
  }));
}

export async function getBudget(db: Db, actor: Actor, id: string): Promise<BudgetView> {
  return (await presentBudgets(db, [await loadBudget(db, actor, id)]))[0]!;
}

export async function createBudget(db: Db, actor: Actor, body: CreateBudgetBody): Promise<BudgetView> {
  const community = await findOrgUnit(db, body.communityCode);
  if (!community || community.level !== 'community') throw invalid('body.communityCode', '没有这个社区 / no such community');
  assertInScope(actor, 'participation.manage', community.orgPath);
  const [dup] = await db.select({ id: participationBudgets.id }).from(participationBudgets).where(and(eq(participationBudgets.communityCode, community.code), eq(participationBudgets.year, body.year)));
  if (dup) throw invalid('body.year', '该社区本年度已有预算 / the community already has a budget for this year');
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(participationBudgets).values({ orgPath: community.orgPath, communityCode: community.code, year: body.year, title: body.title, amountFen: body.amountFen }).returning({ id: participationBudgets.id });
    await recordAudit(tx, actor, { action: 'participation.budget.create', targetType: 'participation_budget', targetId: row!.id, orgPath: community.orgPath, details: { amountFen: body.amountFen } });
    return row!.id;
  });
  return getBudget(db, actor, id);
}

export function listBudgets(db: Db, actor: Actor, q: BudgetListQuery) {
  const b = participationBudgets;
  const where = and(inScope(actor, 'participation.read', b.orgPath), q.communityCode ? eq(b.communityCode, q.communityCode) : undefined);
  return listPage(q, db.select().from(b).where(where).orderBy(desc(b.year), asc(b.communityCode)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(b).where(where), (rows) => presentBudgets(db, rows));
}

export async function addBudgetProject(db: Db, actor: Actor, id: string, body: BudgetProjectBody): Promise<BudgetView> {
  const budget = await loadBudget(db, actor, id, 'participation.manage');
  if (budget.status !== 'collecting') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: budget.status });
  if (body.costFen > budget.amountFen) throw invalid('body.costFen', `超过年度预算 ${yuan(budget.amountFen)} 元 / more than the whole amount`);
  await db.insert(participationBudgetProjects).values({ budgetId: id, title: body.title, description: body.description, costFen: body.costFen });
  await recordAudit(db, actor, { action: 'participation.budget.project', targetType: 'participation_budget', targetId: id, orgPath: budget.orgPath });
  return getBudget(db, actor, id);
}

export async function reviewBudgetProject(db: Db, actor: Actor, id: string, projectId: string, body: FeasibilityBody): Promise<BudgetView> {
  const budget = await loadBudget(db, actor, id, 'participation.manage');
  if (budget.status !== 'reviewing') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: budget.status });
  const updated = await db.update(participationBudgetProjects).set({ feasibility: body.feasibility, reviewNote: body.reviewNote }).where(and(eq(participationBudgetProjects.id, projectId), eq(participationBudgetProjects.budgetId, id))).returning({ id: participationBudgetProjects.id });
  if (updated.length === 0) throw new AppError('NOT_FOUND', { what: `项目 ${projectId}` });
  await recordAudit(db, actor, { action: 'participation.budget.review', targetType: 'participation_budget', targetId: id, orgPath: budget.orgPath, details: { projectId, feasibility: body.feasibility } });
  return getBudget(db, actor, id);
}

/** Moves the budget on: review, open voting (every project reviewed), decide (winners counted from the choices). */
export async function actOnBudget(db: Db, actor: Actor, id: string, action: BudgetAction): Promise<BudgetView> {
  const budget = await loadBudget(db, actor, id, 'participation.manage');
  const next = nextBudgetStatus(budget.status, action);
  if (!next) throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: budget.status });
  const projects = await db.select().from(participationBudgetProjects).where(eq(participationBudgetProjects.budgetId, id));
  if (action === 'open_voting' && projects.some((p) => p.feasibility === 'pending')) throw invalid('body.action', '尚有项目未完成可行性评审 / some projects are not reviewed yet');
  await db.transaction(async (tx) => {
    await tx.select({ id: participationBudgets.id }).from(participationBudgets).where(eq(participationBudgets.id, id)).for('update');
    if (action === 'decide') {
      const choices = await tx.select({ projectIds: participationBudgetChoices.projectIds }).from(participationBudgetChoices).where(eq(participationBudgetChoices.budgetId, id));
      const votes = new Map<string, number>();
      for (const c of choices) for (const p of c.projectIds) votes.set(p, (votes.get(p) ?? 0) + 1);
      const feasible = projects.filter((p) => p.feasibility === 'feasible');
      const { winners } = pickWinners(budget.amountFen, feasible.map((p) => ({ id: p.id, title: p.title, costFen: p.costFen, votes: votes.get(p.id) ?? 0 })));
      for (const p of projects) await tx.update(participationBudgetProjects).set({ votes: votes.get(p.id) ?? 0, won: winners.includes(p.id) }).where(eq(participationBudgetProjects.id, p.id));
    }
    const now = new Date();
    await tx.update(participationBudgets).set({ status: next, ...(action === 'decide' ? { decidedAt: now, publishedAt: now } : {}) }).where(eq(participationBudgets.id, id));
    await recordAudit(tx, actor, { action: `participation.budget.${action}`, targetType: 'participation_budget', targetId: id, orgPath: budget.orgPath });
  });
  return getBudget(db, actor, id);
}

/** A winner's progress and a line of its public accounts. */
export async function recordBudgetProgress(db: Db, actor: Actor, id: string, projectId: string, body: ProgressBody): Promise<BudgetView> {
  const budget = await loadBudget(db, actor, id, 'participation.manage');
  if (budget.status !== 'decided') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: budget.status });
  const [project] = await db.select().from(participationBudgetProjects).where(and(eq(participationBudgetProjects.id, projectId), eq(participationBudgetProjects.budgetId, id)));
  if (!project || !project.won) throw invalid('params.projectId', '只有入选项目才有实施进度 / only a winning project is implemented');
  const accounts = body.account ? [...project.accounts, body.account] : project.accounts;
  await db.update(participationBudgetProjects).set({ progress: body.progress, accounts, spentFen: accounts.reduce((s, a) => s + a.amountFen, 0) }).where(eq(participationBudgetProjects.id, projectId));
  await recordAudit(db, actor, { action: 'participation.budget.progress', targetType: 'participation_budget', targetId: id, orgPath: budget.orgPath, details: { projectId, progress: body.progress } });
  return getBudget(db, actor, id);
}

/** The household of a verified resident (an adult member of it), in their community. */
async function householdOf(db: Db, voter: Voter): Promise<string> {
  const household = (await householdsWithAdults(db, voter.communityCode)).find((h) => h.adults.some((a) => a.residentId === voter.residentId));
  if (!household) throw new AppError('PARTICIPATION_NOT_IN_ELECTORATE', { reason: '须为本社区登记户的成年成员' });
  return household.householdId;
}

/** A household's choice: feasible projects of a budget in voting whose total fits the amount; once per household (the primary key). */
export async function chooseProjects(db: Db, actor: Actor, voter: Voter, id: string, body: ChoiceBody) {
  const budget = await loadBudget(db, null, id);
  if (budget.communityCode !== voter.communityCode) throw new AppError('PARTICIPATION_NOT_IN_ELECTORATE', { reason: '非本社区预算' });
  if (budget.status !== 'voting') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: budget.status });
  const projects = await db.select().from(participationBudgetProjects).where(and(eq(participationBudgetProjects.budgetId, id), inArray(participationBudgetProjects.id, body.projectIds)));
  const problems = body.projectIds.flatMap((p, i) => (projects.some((x) => x.id === p && x.feasibility === 'feasible') ? [] : [{ field: `body.projectIds.${i}`, message: '不是本预算可投票的项目 / not a feasible project of this budget' }]));
  if (problems.length) throw new AppError('VALIDATION_FAILED', { summary: problems[0]!.field, fields: problems });
  const { totalFen, fits } = checkChoice(budget.amountFen, projects.map((p) => p.costFen));
  if (!fits) throw new AppError('PARTICIPATION_OVER_BUDGET', { total: yuan(totalFen), amount: yuan(budget.amountFen) });
  const householdId = await householdOf(db, voter);
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(participationBudgetChoices).values({ budgetId: id, householdId, projectIds: body.projectIds, totalFen, chosenByResidentId: voter.residentId }).onConflictDoNothing().returning({ householdId: participationBudgetChoices.householdId });
    if (inserted.length === 0) throw new AppError('PARTICIPATION_ALREADY_CHOSEN');
    await recordAudit(tx, actor, { action: 'participation.budget.choose', targetType: 'participation_budget', targetId: id, orgPath: budget.orgPath, details: { projects: body.projectIds.length, totalFen } });
  });
  return myBudgets(db, voter);
}

/** The budgets of a resident's community (in voting or decided), with their household's choice. */
export async function myBudgets(db: Db, voter: Voter) {
  const rows = await db.select().from(participationBudgets).where(and(eq(participationBudgets.communityCode, voter.communityCode), inArray(participationBudgets.status, ['voting', 'decided']))).orderBy(desc(participationBudgets.year));
  const budgets = await presentBudgets(db, rows);
  const household = (await householdsWithAdults(db, voter.communityCode)).find((h) => h.adults.some((a) => a.residentId === voter.residentId));
  const choices = household && rows.length ? await db.select().from(participationBudgetChoices).where(and(eq(participationBudgetChoices.householdId, household.householdId), inArray(participationBudgetChoices.budgetId, rows.map((r) => r.id)))) : [];
  return { verified: true, items: budgets.map((budget) => ({ budget, chosen: choices.find((c) => c.budgetId === budget.id)?.projectIds ?? null })) };
}
