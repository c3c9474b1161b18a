// Sorting (三事分流, duplicates merged), the review panel's scores against stated criteria, and
// the official answer (a reason unless plainly accepted).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';
import { permissionsOf, roleNames } from '../../../platform/auth/roles.ts';
import { coversPath, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AnswerProposalBody, MatterKind, ProposalView } from '../contract.ts';
import { awardParticipationPoints } from '../points/award.ts';
import { invalidField } from '../places.ts';
import { participationProposals, participationReviewPanel, participationReviewScores } from '../schema.ts';
import { actOnProposal, findProposal, loadProposal, presentProposal } from './common.ts';
import { answerActions, needsReason, reviewMean } from './lifecycle.ts';

const reviewerRoles = roleNames.filter((r) => permissionsOf(r).includes('participation.review'));

/** 三事分流: a government, community or private matter. */
export async function sortProposal(db: Db, actor: Actor, id: string, body: { matterKind: MatterKind; version: number }): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  return presentProposal(db, actor, await actOnProposal(db, actor, row, 'sort', body.version, { matterKind: body.matterKind }));
}

/** Merges a duplicate into a survivor of the same community; its supports stay counted where they were given. */
export async function mergeProposal(db: Db, actor: Actor, id: string, body: { survivorId: string; version: number }): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  if (body.survivorId === id) throw invalidField('body.survivorId', '不能合并到自己 / a proposal cannot be merged into itself');
  const [survivor] = await db.select().from(participationProposals).where(eq(participationProposals.id, body.survivorId));
  if (!survivor || survivor.communityCode !== row.communityCode) throw invalidField('body.survivorId', '请选择同一社区的提案 / choose a proposal of the same community');
  if (survivor.status === 'merged') throw invalidField('body.survivorId', '该提案已被合并 / that proposal was merged itself');
  return presentProposal(db, actor, await actOnProposal(db, actor, row, 'merge', body.version, { mergedInto: survivor.id }));
}

/** Accounts that may sit on the proposal's panel: holders of the review permission on a node covering it. */
export async function reviewerCandidates(db: Db, actor: Actor, id: string): Promise<{ userId: string; name: string; username: string }[]> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  const grants = await db
    .selectDistinct({ userId: users.id, name: users.displayName, username: users.username, orgPath: roleGrants.orgPath })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(inArray(roleGrants.role, reviewerRoles), eq(users.disabled, false)));
  const seen = new Map<string, { userId: string; name: string; username: string }>();
  for (const g of grants) if (coversPath(g.orgPath, row.orgPath)) seen.set(g.userId, { userId: g.userId, name: g.name, username: g.username });
  return [...seen.values()].sort((a, b) => a.username.localeCompare(b.username));
}

/** Opens the review: the criteria the panel scores against, and its members. */
export async function openReview(db: Db, actor: Actor, id: string, body: { criteria: string; panelUserIds: string[]; version: number }): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  const candidates = new Map((await reviewerCandidates(db, actor, id)).map((c) => [c.userId, c]));
  const unknown = body.panelUserIds.filter((u) => !candidates.has(u));
  if (unknown.length) throw invalidField('body.panelUserIds', '所选人员不是本辖区的评审人员 / not a reviewer of this area');
  const next = await actOnProposal(db, actor, row, 'open_review', body.version, { reviewCriteria: body.criteria }, async (tx) => {
    await tx.insert(participationReviewPanel).values([...new Set(body.panelUserIds)].map((userId) => ({ proposalId: id, userId, memberName: candidates.get(userId)!.name })));
  });
  return presentProposal(db, actor, next);
}

/** A panel member's scores (once; the mean on the proposal follows). */
export async function scoreProposal(db: Db, actor: Actor, id: string, body: { feasibility: number; benefit: number; cost: number; comment: string }): Promise<ProposalView> {
  const row = await findProposal(db, id);
  const [member] = actor.id ? await db.select().from(participationReviewPanel).where(and(eq(participationReviewPanel.proposalId, id), eq(participationReviewPanel.userId, actor.id))) : [];
  if (!member) throw new AppError('PARTICIPATION_NOT_A_PANEL_MEMBER');
  if (row.status !== 'in_review') throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: 'score' });
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(participationReviewScores).values({ proposalId: id, userId: actor.id!, ...body }).onConflictDoNothing().returning({ userId: participationReviewScores.userId });
    if (inserted.length === 0) throw new AppError('CONFLICT', { what: '评分' });
    const scores = await tx.select().from(participationReviewScores).where(eq(participationReviewScores.proposalId, id));
    const mean = reviewMean(scores);
    await tx.update(participationProposals).set({ reviewMean: mean === null ? null : mean.toFixed(2), version: sql`${participationProposals.version} + 1` }).where(eq(participationProposals.id, id));
    await recordAudit(tx, actor, { action: 'participation.proposal.score', targetType: 'participation_proposal', targetId: id, orgPath: row.orgPath, details: { ...body } });
  });
  return presentProposal(db, actor, await findProposal(db, id));
}

/** The official answer: accepted, accepted in part or not accepted (a reason unless plainly accepted); published. */
export async function answerProposal(db: Db, actor: Actor, id: string, body: AnswerProposalBody): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  if (needsReason(body.answer) && !body.reason) throw new AppError('PARTICIPATION_REASON_REQUIRED');
  const now = new Date();
  const next = await actOnProposal(db, actor, row, answerActions[body.answer], body.version, { answer: body.answer, answerReason: body.reason ?? null, answeredAt: now, publishedAt: row.publishedAt ?? now });
  if (body.answer !== 'not_accepted' && next.proposerResidentId) {
    await awardParticipationPoints(db, { residentId: next.proposerResidentId, communityCode: next.communityCode, action: 'proposal_accepted', sourceKind: 'proposal', sourceId: next.id, note: next.title });
  }
  return presentProposal(db, actor, next);
}
