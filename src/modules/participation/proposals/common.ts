// Loading, presenting and changing a proposal: what the submission, review and delivery use cases share.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, coversPath, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ProposalAction, ProposalListItem, ProposalView } from '../contract.ts';
import { checkVersion, communityNames, communityPathOf } from '../places.ts';
import { verifiedResidentOrNull } from '../residents.ts';
import { participationEvaluations, participationMilestones, participationProposals, participationProposalSupports, participationReviewPanel, participationReviewScores } from '../schema.ts';
import { applyProposalAction, progressOf, proposalActionsFrom, satisfactionOf } from './lifecycle.ts';

export type ProposalRow = typeof participationProposals.$inferSelect;

/** Where the actor reads proposals: their read scope, widened from a grid to its community (proposals are the community's). */
export function proposalReadPaths(actor: Actor): string[] {
  const paths = scopePaths(actor, 'participation.read');
  return [...new Set(paths.map((p) => (p.split('.').length > 5 ? communityPathOf(p) : p)))];
}

/** Whether the actor reads the proposals of this community path. */
export function readsProposalsAt(actor: Actor, orgPath: string): boolean {
  return proposalReadPaths(actor).some((p) => coversPath(p, orgPath));
}

/** List rows with their community's name and progress. */
export async function presentProposalItems(db: Db, rows: readonly ProposalRow[]): Promise<ProposalListItem[]> {
  const ids = rows.map((r) => r.id);
  const [names, milestones] = await Promise.all([
    communityNames(db, rows.map((r) => r.communityCode)),
    ids.length ? db.select({ proposalId: participationMilestones.proposalId, doneAt: participationMilestones.doneAt }).from(participationMilestones).where(inArray(participationMilestones.proposalId, ids)) : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    communityCode: r.communityCode,
    communityName: names.get(r.communityCode) ?? r.communityCode,
    title: r.title,
    proposerKind: r.proposerKind,
    proposerName: r.proposerKind === 'resident' ? '居民' : r.proposerName,
    matterKind: r.matterKind,
    status: r.status,
    supportCount: r.supportCount,
    reviewMean: r.reviewMean === null ? null : Number(r.reviewMean),
    progress: progressOf(milestones.filter((m) => m.proposalId === r.id)),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** What the actor may do now: staff actions by permission and the table; a resident's support and evaluation. */
function allowedFor(actor: Actor, row: ProposalRow, isResident: boolean): ProposalAction[] {
  const fromTable = proposalActionsFrom(row.status);
  const manages = canAccess(actor, 'participation.manage', row.orgPath);
  return fromTable.filter((a) => (a === 'support' || a === 'evaluate' ? isResident : manages));
}

/** One proposal with its review, answer, milestones and evaluation, as the actor sees it. */
export async function presentProposal(db: Db, actor: Actor, row: ProposalRow): Promise<ProposalView> {
  const me = await verifiedResidentOrNull(db, actor);
  const isResident = me?.communityCode === row.communityCode;
  const [[item], panel, scores, milestones, [evaluation], mine] = await Promise.all([
    presentProposalItems(db, [row]),
    db.select().from(participationReviewPanel).where(eq(participationReviewPanel.proposalId, row.id)).orderBy(asc(participationReviewPanel.memberName)),
    db.select().from(participationReviewScores).where(eq(participationReviewScores.proposalId, row.id)).orderBy(asc(participationReviewScores.scoredAt)),
    db.select().from(participationMilestones).where(eq(participationMilestones.proposalId, row.id)).orderBy(asc(participationMilestones.seq)),
    db.select({ n: sql<number>`count(*)::int`, satisfied: sql<number>`(count(*) filter (where ${participationEvaluations.satisfied}))::int` }).from(participationEvaluations).where(eq(participationEvaluations.proposalId, row.id)),
    me
      ? Promise.all([
          db.select({ n: sql<number>`count(*)::int` }).from(participationProposalSupports).where(and(eq(participationProposalSupports.proposalId, row.id), eq(participationProposalSupports.residentId, me.residentId))),
          db.select({ n: sql<number>`count(*)::int` }).from(participationEvaluations).where(and(eq(participationEvaluations.proposalId, row.id), eq(participationEvaluations.residentId, me.residentId))),
        ])
      : Promise.resolve(null),
  ]);
  const names = new Map(panel.map((p) => [p.userId, p.memberName]));
  const onPanel = actor.id !== null && names.has(actor.id);
  // Staff of the area see every reviewer's scores; a reviewer sees them once they have scored.
  const showScores = readsProposalsAt(actor, row.orgPath) || (onPanel && scores.some((s) => s.userId === actor.id));
  const count = evaluation?.n ?? 0;
  const satisfied = evaluation?.satisfied ?? 0;
  return {
    ...item!,
    body: row.body,
    needId: row.needId,
    mergedInto: row.mergedInto,
    reviewCriteria: row.reviewCriteria,
    panel: panel.map((p) => ({ userId: p.userId, name: p.memberName, scored: scores.some((s) => s.userId === p.userId) })),
    scores: showScores ? scores.map((s) => ({ reviewerName: names.get(s.userId) ?? '', feasibility: s.feasibility, benefit: s.benefit, cost: s.cost, comment: s.comment, scoredAt: s.scoredAt.toISOString() })) : [],
    answer: row.answer,
    answerReason: row.answerReason,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    responsibleUnit: row.responsibleUnit,
    milestones: milestones.map((m) => ({ seq: m.seq, title: m.title, dueOn: m.dueOn, doneAt: m.doneAt?.toISOString() ?? null })),
    evaluation: { count, satisfied, ...satisfactionOf(satisfied, count) },
    mySupport: (mine?.[0][0]?.n ?? 0) > 0,
    myEvaluation: (mine?.[1][0]?.n ?? 0) > 0,
    mayScore: onPanel && row.status === 'in_review',
    allowedActions: allowedFor(actor, row, isResident),
    version: row.version,
  };
}

export async function findProposal(db: Db, id: string): Promise<ProposalRow> {
  const [row] = await db.select().from(participationProposals).where(eq(participationProposals.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `提案 ${id}` });
  return row;
}

/** A proposal the actor holds the permission on. */
export async function loadProposal(db: Db, actor: Actor, id: string, permission: 'participation.read' | 'participation.manage'): Promise<ProposalRow> {
  const row = await findProposal(db, id);
  assertInScope(actor, permission, row.orgPath);
  return row;
}

/**
 * Takes an action of the lifecycle table: checks the version and the table, applies `set`,
 * runs `also` in the same transaction, and audits.
 */
export async function actOnProposal(
  db: Db,
  actor: Actor,
  row: ProposalRow,
  action: ProposalAction,
  version: number,
  set: Partial<typeof participationProposals.$inferInsert>,
  also?: (tx: Db) => Promise<void>,
): Promise<ProposalRow> {
  checkVersion(row.version, version);
  const status = applyProposalAction(row.status, action);
  return db.transaction(async (tx) => {
    const [next] = await tx
      .update(participationProposals)
      .set({ ...set, status, version: row.version + 1 })
      .where(and(eq(participationProposals.id, row.id), eq(participationProposals.version, row.version)))
      .returning();
    if (!next) throw new AppError('VERSION_CONFLICT', {});
    if (also) await also(tx);
    await recordAudit(tx, actor, { action: `participation.proposal.${action}`, targetType: 'participation_proposal', targetId: row.id, orgPath: row.orgPath, details: { from: row.status, to: status } });
    return next;
  });
}
