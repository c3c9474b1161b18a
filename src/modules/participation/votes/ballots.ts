// Ballots: a verified resident votes online for the unit they may speak for; staff or a grid
// worker enter a paper ballot that counts once a second person confirms it. One ballot per unit
// (the turnout table's primary key); a secret vote's choice is stored apart from who voted.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, type Actor } from '../../../platform/auth/scope.ts';
import { pgErrorCode, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { awardParticipationPoints } from '../points/award.ts';
import type { BallotBody, BallotChoice, MyVoteView, PaperBallotBody, PaperBallotView, VoteChannel } from './contract.ts';
import { participationBallots, participationPaperBallots, participationVoteTurnout, participationVoteUnits, participationVotes } from './schema.ts';
import { loadVote, presentVotes, type VoteRow } from './votes.ts';

type UnitRow = typeof participationVoteUnits.$inferSelect;

function refuseUnlessOpen(vote: VoteRow): void {
  if (vote.status === 'closed') throw new AppError('PARTICIPATION_VOTE_CLOSED');
  if (vote.status !== 'open') throw new AppError('PARTICIPATION_VOTE_NOT_OPEN', { status: vote.status });
}

function isUniqueViolation(e: unknown): boolean {
  return pgErrorCode(e) === '23505';
}

/**
 * Writes a unit's ballot: the turnout row (its primary key refuses a second ballot) and the
 * choice, linked to the unit only when the vote is named. Takes a share lock on the vote so a
 * close waits for it, and re-reads the status under it.
 */
async function writeBallot(tx: Db, vote: VoteRow, unit: UnitRow, choice: BallotChoice, channel: VoteChannel): Promise<void> {
  const [locked] = await tx.select({ status: participationVotes.status }).from(participationVotes).where(eq(participationVotes.id, vote.id)).for('share');
  if (locked!.status !== 'open') refuseUnlessOpen({ ...vote, status: locked!.status });
  const inserted = await tx.insert(participationVoteTurnout).values({ voteId: vote.id, unitId: unit.id, channel }).onConflictDoNothing().returning({ unitId: participationVoteTurnout.unitId });
  if (inserted.length === 0) throw new AppError('PARTICIPATION_ALREADY_VOTED', { unit: unit.label });
  await tx.insert(participationBallots).values(vote.secret ? { voteId: vote.id, unitId: null, choice, area: unit.area, castAt: null } : { voteId: vote.id, unitId: unit.id, choice, area: unit.area, castAt: new Date() });
}

/** The units of open or published votes a resident may cast a ballot for. */
async function unitsOf(db: Db, residentId: string, voteId?: string): Promise<UnitRow[]> {
  return db
    .select()
    .from(participationVoteUnits)
    .where(and(sql`${participationVoteUnits.voterIds} @> array[${residentId}]::text[]`, voteId ? eq(participationVoteUnits.voteId, voteId) : undefined));
}

/** A verified resident casts the ballot of their unit (themself, their household, the house they own). */
export async function castBallot(db: Db, actor: Actor, residentId: string, voteId: string, body: BallotBody): Promise<MyVoteView> {
  const vote = await loadVote(db, null, voteId);
  refuseUnlessOpen(vote);
  const [unit] = await unitsOf(db, residentId, voteId);
  if (!unit) throw new AppError('PARTICIPATION_NOT_IN_ELECTORATE', { reason: vote.basis === 'owners' ? '房屋业主须由工作人员核实后以纸质选票投票' : vote.scopeName });
  try {
    await db.transaction(async (tx) => {
      await writeBallot(tx, vote, unit, body.choice, 'online');
      // The audit says that the unit voted, never what it chose in a secret vote.
      await recordAudit(tx, actor, { action: 'participation.vote.ballot', targetType: 'participation_vote', targetId: vote.id, orgPath: vote.orgPath, details: { unitId: unit.id, channel: 'online', ...(vote.secret ? {} : { choice: body.choice }) } });
      await awardParticipationPoints(tx, { residentId, communityCode: vote.communityCode, action: 'vote', sourceKind: 'vote', sourceId: vote.id, note: vote.title });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('PARTICIPATION_ALREADY_VOTED', { unit: unit.label });
    throw e;
  }
  return (await myVotes(db, residentId, voteId))[0]!;
}

/** The votes a resident is in (open, or closed and published), with whether their unit has voted. */
export async function myVotes(db: Db, residentId: string, voteId?: string): Promise<MyVoteView[]> {
  const units = await unitsOf(db, residentId, voteId);
  if (units.length === 0) return [];
  const rows = await db
    .select()
    .from(participationVotes)
    .where(and(sql`${participationVotes.id} in (${sql.join(units.map((u) => sql`${u.voteId}::uuid`), sql`, `)})`, sql`(${participationVotes.status} = 'open' or ${participationVotes.publishedAt} is not null)`))
    .orderBy(desc(participationVotes.openedAt));
  const views = await presentVotes(db, rows);
  const turnout = await db.select({ unitId: participationVoteTurnout.unitId }).from(participationVoteTurnout).where(sql`${participationVoteTurnout.unitId} in (${sql.join(units.map((u) => sql`${u.id}::uuid`), sql`, `)})`);
  const voted = new Set(turnout.map((t) => t.unitId));
  return views.map((vote) => {
    const unit = units.find((u) => u.voteId === vote.id)!;
    return { vote, unitLabel: unit.label, mayVote: vote.status === 'open' && !voted.has(unit.id), voted: voted.has(unit.id) };
  });
}

/** Enters a paper ballot (pending until a second person confirms it). */
export async function enterPaperBallot(db: Db, actor: Actor, voteId: string, body: PaperBallotBody): Promise<PaperBallotView> {
  const vote = await loadVote(db, actor, voteId, 'participation.record');
  refuseUnlessOpen(vote);
  if (!actor.id) throw new AppError('FORBIDDEN');
  const [unit] = await db.select().from(participationVoteUnits).where(and(eq(participationVoteUnits.id, body.unitId), eq(participationVoteUnits.voteId, voteId)));
  if (!unit) throw new AppError('VALIDATION_FAILED', { summary: 'body.unitId', fields: [{ field: 'body.unitId', message: '该表决没有这个计票单位 / no such unit in this vote' }] });
  assertInScope(actor, 'participation.record', unit.orgPath);
  const [already] = await db.select().from(participationVoteTurnout).where(and(eq(participationVoteTurnout.voteId, voteId), eq(participationVoteTurnout.unitId, unit.id)));
  if (already) throw new AppError('PARTICIPATION_ALREADY_VOTED', { unit: unit.label });
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(participationPaperBallots).values({ voteId, unitId: unit.id, choice: body.choice, enteredBy: actor.id!, enteredByName: actor.displayName ?? actor.name }).returning({ id: participationPaperBallots.id });
      await recordAudit(tx, actor, { action: 'participation.vote.paper_enter', targetType: 'participation_vote', targetId: voteId, orgPath: vote.orgPath, details: { unitId: unit.id } });
      return row!.id;
    });
    return (await listPaperBallots(db, actor, voteId)).items.find((p) => p.id === id)!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('PARTICIPATION_ALREADY_VOTED', { unit: unit.label });
    throw e;
  }
}

/** A second person confirms (the ballot counts) or rejects a pending paper ballot; the one who entered it cannot. */
export async function decidePaperBallot(db: Db, actor: Actor, voteId: string, paperId: string, decision: 'confirm' | 'reject'): Promise<PaperBallotView> {
  const vote = await loadVote(db, actor, voteId, 'participation.record');
  refuseUnlessOpen(vote);
  const [paper] = await db.select().from(participationPaperBallots).where(and(eq(participationPaperBallots.id, paperId), eq(participationPaperBallots.voteId, voteId)));
  if (!paper) throw new AppError('NOT_FOUND', { what: `纸质选票 ${paperId}` });
  if (paper.status !== 'pending') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: paper.status });
  const [unitOfPaper] = await db.select({ orgPath: participationVoteUnits.orgPath }).from(participationVoteUnits).where(eq(participationVoteUnits.id, paper.unitId));
  assertInScope(actor, 'participation.record', unitOfPaper!.orgPath);
  if (!actor.id || paper.enteredBy === actor.id) {
    await recordAudit(db, actor, { action: 'participation.vote.paper_confirm', result: 'denied', targetType: 'participation_vote', targetId: voteId, orgPath: vote.orgPath, details: { paperId, reason: 'two_person_rule' } });
    throw new AppError('PARTICIPATION_SAME_PERSON');
  }
  try {
    await db.transaction(async (tx) => {
      const taken = await tx
        .update(participationPaperBallots)
        // A secret vote's paper entry forgets the choice once it is counted.
        .set({ status: decision === 'confirm' ? 'confirmed' : 'rejected', choice: vote.secret ? null : paper.choice, confirmedBy: actor.id, confirmedByName: actor.displayName ?? actor.name, confirmedAt: new Date() })
        .where(and(eq(participationPaperBallots.id, paperId), eq(participationPaperBallots.status, 'pending')))
        .returning({ id: participationPaperBallots.id });
      if (taken.length === 0) throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: 'decided' });
      if (decision === 'confirm') {
        const [unit] = await tx.select().from(participationVoteUnits).where(eq(participationVoteUnits.id, paper.unitId));
        await writeBallot(tx, vote, unit!, paper.choice!, 'paper');
      }
      await recordAudit(tx, actor, { action: `participation.vote.paper_${decision}`, targetType: 'participation_vote', targetId: voteId, orgPath: vote.orgPath, details: { paperId, unitId: paper.unitId } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('PARTICIPATION_ALREADY_VOTED', { unit: paper.unitId });
    throw e;
  }
  return (await listPaperBallots(db, actor, voteId)).items.find((p) => p.id === paperId)!;
}

export async function listPaperBallots(db: Db, actor: Actor, voteId: string): Promise<{ items: PaperBallotView[] }> {
  await loadVote(db, actor, voteId, 'participation.record');
  const p = participationPaperBallots;
  const rows = await db
    .select({ p, unitLabel: participationVoteUnits.label })
    .from(p)
    .innerJoin(participationVoteUnits, eq(participationVoteUnits.id, p.unitId))
    .where(and(eq(p.voteId, voteId), inScope(actor, 'participation.record', participationVoteUnits.orgPath))).orderBy(asc(p.status), desc(p.enteredAt)).limit(500);
  return {
    items: rows.map(({ p: r, unitLabel }) => ({
      id: r.id, unitId: r.unitId, unitLabel, choice: r.choice, status: r.status, enteredByName: r.enteredByName, enteredAt: r.enteredAt, confirmedByName: r.confirmedByName, confirmedAt: r.confirmedAt,
    })),
  };
}
