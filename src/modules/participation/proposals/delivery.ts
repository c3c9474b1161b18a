// Supports (one per verified resident, by a unique key), implementation with milestones and a
// responsible unit, completion, and the evaluation by the residents of the community.
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ProposalView } from '../contract.ts';
import { awardParticipationPoints } from '../points/award.ts';
import { checkVersion } from '../places.ts';
import { verifiedResidentOf } from '../residents.ts';
import { participationEvaluations, participationMilestones, participationProposals, participationProposalSupports } from '../schema.ts';
import { actOnProposal, findProposal, loadProposal, presentProposal, type ProposalRow } from './common.ts';
import { applyProposalAction } from './lifecycle.ts';

async function residentOfCommunity(db: Db, actor: Actor, row: ProposalRow) {
  const me = await verifiedResidentOf(db, actor);
  if (me.communityCode !== row.communityCode) throw new AppError('OUT_OF_SCOPE', { permission: 'participation.take_part' });
  return me;
}

/** A verified resident of the community supports a proposal once; the primary key refuses a second. */
export async function supportProposal(db: Db, actor: Actor, id: string): Promise<ProposalView> {
  const row = await findProposal(db, id);
  const me = await residentOfCommunity(db, actor, row);
  applyProposalAction(row.status, 'support');
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(participationProposalSupports).values({ proposalId: id, residentId: me.residentId }).onConflictDoNothing().returning({ id: participationProposalSupports.proposalId });
    if (inserted.length === 0) throw new AppError('PARTICIPATION_ALREADY_SUPPORTED');
    await tx.update(participationProposals).set({ supportCount: sql`${participationProposals.supportCount} + 1` }).where(eq(participationProposals.id, id));
    await recordAudit(tx, actor, { action: 'participation.proposal.support', targetType: 'participation_proposal', targetId: id, orgPath: row.orgPath });
  });
  return presentProposal(db, actor, await findProposal(db, id));
}

/** Starts implementation: the responsible unit and the milestones. */
export async function startProposal(db: Db, actor: Actor, id: string, body: { responsibleUnit: string; milestones: { title: string; dueOn: string }[]; version: number }): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  const next = await actOnProposal(db, actor, row, 'start', body.version, { responsibleUnit: body.responsibleUnit }, async (tx) => {
    await tx.insert(participationMilestones).values(body.milestones.map((m, i) => ({ proposalId: id, seq: i + 1, title: m.title, dueOn: m.dueOn })));
  });
  return presentProposal(db, actor, next);
}

/** Marks a milestone done while the proposal is being implemented. */
export async function completeMilestone(db: Db, actor: Actor, id: string, seq: number, version: number): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  checkVersion(row.version, version);
  if (row.status !== 'implementing') throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: 'milestone' });
  await db.transaction(async (tx) => {
    const done = await tx.update(participationMilestones).set({ doneAt: new Date() }).where(and(eq(participationMilestones.proposalId, id), eq(participationMilestones.seq, seq), sql`${participationMilestones.doneAt} is null`)).returning({ seq: participationMilestones.seq });
    if (done.length === 0) throw new AppError('NOT_FOUND', { what: `里程碑 ${seq}` });
    await tx.update(participationProposals).set({ version: row.version + 1 }).where(eq(participationProposals.id, id));
    await recordAudit(tx, actor, { action: 'participation.proposal.milestone', targetType: 'participation_proposal', targetId: id, orgPath: row.orgPath, details: { seq } });
  });
  return presentProposal(db, actor, await findProposal(db, id));
}

/** Completes implementation: every milestone must be done. */
export async function completeProposal(db: Db, actor: Actor, id: string, version: number): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  const [open] = await db.select({ n: sql<number>`count(*)::int` }).from(participationMilestones).where(and(eq(participationMilestones.proposalId, id), sql`${participationMilestones.doneAt} is null`));
  if ((open?.n ?? 0) > 0) throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from: row.status, action: 'complete' });
  return presentProposal(db, actor, await actOnProposal(db, actor, row, 'complete', version, {}));
}

/** Closes a completed proposal (its evaluation stays as it is). */
export async function closeProposal(db: Db, actor: Actor, id: string, version: number): Promise<ProposalView> {
  const row = await loadProposal(db, actor, id, 'participation.manage');
  return presentProposal(db, actor, await actOnProposal(db, actor, row, 'close', version, {}));
}

/** A resident of the community says whether they are satisfied with what was done, once. */
export async function evaluateProposal(db: Db, actor: Actor, id: string, body: { satisfied: boolean; comment: string }): Promise<ProposalView> {
  const row = await findProposal(db, id);
  const me = await residentOfCommunity(db, actor, row);
  applyProposalAction(row.status, 'evaluate');
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(participationEvaluations).values({ proposalId: id, residentId: me.residentId, satisfied: body.satisfied, comment: body.comment }).onConflictDoNothing().returning({ id: participationEvaluations.proposalId });
    if (inserted.length === 0) throw new AppError('PARTICIPATION_ALREADY_EVALUATED');
    await recordAudit(tx, actor, { action: 'participation.proposal.evaluate', targetType: 'participation_proposal', targetId: id, orgPath: row.orgPath, details: { satisfied: body.satisfied } });
  });
  await awardParticipationPoints(db, { residentId: me.residentId, communityCode: row.communityCode, action: 'evaluate', sourceKind: 'proposal', sourceId: id, note: row.title });
  return presentProposal(db, actor, await findProposal(db, id));
}
