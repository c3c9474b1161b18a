// Votes, staff side: declare a vote, open it (the electorate is taken from the registry then),
// close it (the quorum table counts it), publish the result to the board; the electorate list.
import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, inScope, type Actor } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { invalidField as invalid } from '../places.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { insertByUnnest } from '../../../platform/bulk-insert.ts';
import { findGrid, findOrgUnit } from '../../org/index.ts';
import { householdsWithAdults, houseAreas } from '../../registry/index.ts';
import type { CreateVoteBody, RepresentativeBody, VoteListQuery, VoteUnitQuery, VoteView } from './contract.ts';
import { participationBallots, participationPaperBallots, participationVoteTurnout, participationVoteUnits, participationVotes } from './schema.ts';
import { electorateUnits, scopeFilter, type ElectorateUnit } from './electorate.ts';
import { assertReaches, reachable } from './reach.ts';
import { tallyVote } from './tally.ts';
import { participationCouncilMembers, participationCouncils } from '../meetings/schema.ts';

export type VoteRow = typeof participationVotes.$inferSelect;


export async function loadVote(db: Db, actor: Actor | null, id: string, permission: 'participation.read' | 'participation.manage' | 'participation.record' = 'participation.read'): Promise<VoteRow> {
  const [row] = await db.select().from(participationVotes).where(eq(participationVotes.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `表决 ${id}` });
  if (actor) {
    if (permission === 'participation.manage') assertInScope(actor, permission, row.orgPath);
    else assertReaches(actor, permission, row.orgPath);
  }
  return row;
}

/** Turnout (count, area) and pending paper entries of votes, by vote id. */
async function turnoutOf(db: Db, ids: string[]): Promise<Map<string, { count: number; area: number; pending: number }>> {
  if (ids.length === 0) return new Map();
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await queryRows<{ vote_id: string; count: number; area: string; pending: number }>(db, sql`
    select v.id::text as vote_id,
      (select count(*)::int from participation_vote_turnout t where t.vote_id = v.id) as count,
      (select coalesce(sum(u.area), 0)::text from participation_vote_turnout t join participation_vote_units u on u.id = t.unit_id where t.vote_id = v.id) as area,
      (select count(*)::int from participation_paper_ballots p where p.vote_id = v.id and p.status = 'pending') as pending
    from participation_votes v where v.id in (${idList})`);
  return new Map(rows.map((r) => [r.vote_id, { count: Number(r.count), area: Number(r.area), pending: Number(r.pending) }]));
}

export async function presentVotes(db: Db, rows: VoteRow[]): Promise<VoteView[]> {
  const turnout = await turnoutOf(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const t = turnout.get(r.id) ?? { count: 0, area: 0, pending: 0 };
    return {
      id: r.id, communityCode: r.communityCode, title: r.title, description: r.description, rule: r.rule, basis: r.basis, matter: r.matter, scopeKind: r.scopeKind, scopeName: r.scopeName,
      secret: r.secret, status: r.status, electorate: { count: r.electorateCount, area: r.electorateArea }, turnout: { count: t.count, area: t.area }, pendingPaper: t.pending,
      result: r.result ?? null, openedAt: r.openedAt, closedAt: r.closedAt, publishedAt: r.publishedAt, version: r.version,
    };
  });
}

export async function getVote(db: Db, actor: Actor, id: string): Promise<VoteView> {
  return (await presentVotes(db, [await loadVote(db, actor, id)]))[0]!;
}

/** Where the vote sits: its org path (a grid's for a grid vote, else the community's) and the scope's name. */
async function placeVote(db: Db, body: CreateVoteBody): Promise<{ orgPath: string; scopeName: string }> {
  const community = await findOrgUnit(db, body.communityCode);
  if (!community || community.level !== 'community') throw invalid('body.communityCode', '没有这个社区 / no such community');
  switch (body.scopeKind) {
    case 'community':
      return { orgPath: community.orgPath, scopeName: community.name };
    case 'grid': {
      const grid = await findGrid(db, body.scopeRef);
      if (!grid || grid.communityCode !== community.code) throw invalid('body.scopeRef', '该社区没有这个网格 / no such grid in the community');
      return { orgPath: grid.orgPath, scopeName: grid.name };
    }
    case 'building': {
      const house = (await houseAreas(db, community.code)).find((h) => h.buildingId === body.scopeRef);
      if (!house) throw invalid('body.scopeRef', '该社区没有这栋楼（或楼内没有房屋） / no such building with houses in the community');
      return { orgPath: community.orgPath, scopeName: house.buildingName };
    }
    case 'council': {
      const [council] = await db.select().from(participationCouncils).where(eq(participationCouncils.id, body.scopeRef));
      if (!council || council.communityCode !== community.code) throw invalid('body.scopeRef', '该社区没有这个议事会 / no such council in the community');
      return { orgPath: community.orgPath, scopeName: council.name };
    }
  }
}

/** Declares a vote (a draft): its rule, electorate basis, matter, scope and secrecy. */
export async function createVote(db: Db, actor: Actor, body: CreateVoteBody): Promise<VoteView> {
  const { orgPath, scopeName } = await placeVote(db, body);
  assertInScope(actor, 'participation.manage', orgPath);
  if (body.basis === 'group_representatives') throw invalid('body.basis', '居民小组代表名单须由工作人员另行确定，暂不支持在线表决 / group representatives are not taken from the registry');
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(participationVotes)
      .values({ orgPath, communityCode: body.communityCode, title: body.title, description: body.description, rule: body.rule, basis: body.basis, matter: body.matter, scopeKind: body.scopeKind, scopeRef: body.scopeRef, scopeName, secret: body.secret, subjectKind: body.subjectKind ?? null, subjectId: body.subjectId ?? null, createdBy: actor.name })
      .returning({ id: participationVotes.id });
    await recordAudit(tx, actor, { action: 'participation.vote.create', targetType: 'participation_vote', targetId: row!.id, orgPath, details: { rule: body.rule, basis: body.basis } });
    return row!.id;
  });
  return getVote(db, actor, id);
}

async function councilUnits(db: Db, councilId: string, orgPath: string): Promise<ElectorateUnit[]> {
  const members = await db.select().from(participationCouncilMembers).where(eq(participationCouncilMembers.councilId, councilId)).orderBy(asc(participationCouncilMembers.name));
  return members.map((m) => ({ unitKind: 'person', unitRef: m.id, orgPath, label: m.role, area: 0, voterIds: m.residentId ? [m.residentId] : [], representativeName: m.name }));
}

/** The electorate of a vote as the registry (or the council's roll) stands now. */
export async function takeElectorate(db: Db, vote: Pick<VoteRow, 'basis' | 'scopeKind' | 'scopeRef' | 'communityCode' | 'orgPath'>): Promise<ElectorateUnit[]> {
  if (vote.scopeKind === 'council') return councilUnits(db, vote.scopeRef, vote.orgPath);
  const [households, houses] = await Promise.all([householdsWithAdults(db, vote.communityCode), houseAreas(db, vote.communityCode)]);
  return electorateUnits(vote.basis, households, houses, scopeFilter(vote.scopeKind, vote.scopeRef));
}

const unitColumns: [string, string][] = [['vote_id', 'uuid'], ['unit_kind', 'text'], ['unit_ref', 'uuid'], ['org_path', 'text'], ['label', 'text'], ['area', 'bigint'], ['voter_ids', 'text[]'], ['representative_name', 'text']];

/** Writes the snapshot and opens the vote, in one transaction, once (a conditional update on the draft). */
export async function openVote(db: Db, actor: Actor, id: string, version: number): Promise<VoteView> {
  const vote = await loadVote(db, actor, id, 'participation.manage');
  if (vote.status !== 'draft') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: vote.status });
  const units = await takeElectorate(db, vote);
  if (units.length === 0) throw invalid('scopeRef', '该范围内登记的居民中没有符合条件的投票人 / the registry holds no one to vote in this scope');
  await db.transaction(async (tx) => {
    const area = units.reduce((s, u) => s + u.area, 0);
    const opened = await tx
      .update(participationVotes)
      .set({ status: 'open', openedAt: new Date(), electorateCount: units.length, electorateArea: area, version: sql`${participationVotes.version} + 1` })
      .where(and(eq(participationVotes.id, id), eq(participationVotes.status, 'draft'), eq(participationVotes.version, version)))
      .returning({ id: participationVotes.id });
    if (opened.length === 0) throw new AppError('VERSION_CONFLICT', { currentVersion: vote.version });
    await insertByUnnest(tx, 'participation_vote_units', unitColumns, units.map((u) => ({ vote_id: id, unit_kind: u.unitKind, unit_ref: u.unitRef, org_path: u.orgPath, label: u.label, area: u.area, voter_ids: u.voterIds, representative_name: u.representativeName })), 1000);
    await recordAudit(tx, actor, { action: 'participation.vote.open', targetType: 'participation_vote', targetId: id, orgPath: vote.orgPath, details: { electorate: units.length, area } });
  });
  return getVote(db, actor, id);
}

/** Closes the vote and stores its result; from then on no ballot changes (the triggers agree). */
export async function closeVote(db: Db, actor: Actor, id: string, version: number): Promise<VoteView> {
  const vote = await loadVote(db, actor, id, 'participation.manage');
  if (vote.status !== 'open') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: vote.status });
  await db.transaction(async (tx) => {
    // Lock the vote first: a ballot being cast now either commits before the count or is refused after it.
    const [locked] = await tx.select({ version: participationVotes.version, status: participationVotes.status }).from(participationVotes).where(eq(participationVotes.id, id)).for('update');
    if (locked!.version !== version || locked!.status !== 'open') throw new AppError('VERSION_CONFLICT', { currentVersion: locked!.version });
    const ballots = await tx.select({ choice: participationBallots.choice, area: participationBallots.area }).from(participationBallots).where(eq(participationBallots.voteId, id));
    const result = tallyVote({ rule: vote.rule, basis: vote.basis, matter: vote.matter }, { count: vote.electorateCount, area: vote.electorateArea }, ballots);
    await tx.update(participationPaperBallots).set({ status: 'rejected', choice: null }).where(and(eq(participationPaperBallots.voteId, id), eq(participationPaperBallots.status, 'pending')));
    await tx.update(participationVotes).set({ status: 'closed', closedAt: new Date(), result, version: sql`${participationVotes.version} + 1` }).where(eq(participationVotes.id, id));
    await recordAudit(tx, actor, { action: 'participation.vote.close', targetType: 'participation_vote', targetId: id, orgPath: vote.orgPath, details: { quorumMet: result.quorumMet, passed: result.passed, participants: result.participants.count } });
  });
  return getVote(db, actor, id);
}

/** Publishes a closed vote's result to the community's board. */
export async function publishVote(db: Db, actor: Actor, id: string): Promise<VoteView> {
  const vote = await loadVote(db, actor, id, 'participation.manage');
  if (vote.status !== 'closed') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: vote.status });
  if (!vote.publishedAt) {
    await db.transaction(async (tx) => {
      await tx.update(participationVotes).set({ publishedAt: new Date() }).where(eq(participationVotes.id, id));
      await recordAudit(tx, actor, { action: 'participation.vote.publish', targetType: 'participation_vote', targetId: id, orgPath: vote.orgPath });
    });
  }
  return getVote(db, actor, id);
}

export function listVotes(db: Db, actor: Actor, q: VoteListQuery) {
  const where = and(reachable(actor, 'participation.read', participationVotes.orgPath), q.status ? eq(participationVotes.status, q.status) : undefined, q.communityCode ? eq(participationVotes.communityCode, q.communityCode) : undefined);
  return listPage(q, db.select().from(participationVotes).where(where).orderBy(desc(participationVotes.createdAt)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(participationVotes).where(where), (rows) => presentVotes(db, rows));
}

/** The electorate with who voted and how; a named vote shows each unit's choice, a secret one never. */
export async function listVoteUnits(db: Db, actor: Actor, id: string, q: VoteUnitQuery) {
  const vote = await loadVote(db, actor, id);
  const u = participationVoteUnits;
  const voted = sql`exists (select 1 from participation_vote_turnout t where t.vote_id = ${u.voteId} and t.unit_id = ${u.id})`;
  // A grid worker reaching into a community's vote sees the units of their grid.
  const mine = canAccess(actor, 'participation.read', vote.orgPath) ? undefined : inScope(actor, 'participation.read', u.orgPath);
  const where = and(eq(u.voteId, id), mine, q.voted === 'yes' ? voted : q.voted === 'no' ? sql`not ${voted}` : undefined, q.q ? ilike(u.label, `%${q.q}%`) : undefined);
  return listPage(
    q,
    db
      .select({ id: u.id, unitKind: u.unitKind, label: u.label, area: u.area, representativeName: u.representativeName, channel: participationVoteTurnout.channel, choice: participationBallots.choice })
      .from(u)
      .leftJoin(participationVoteTurnout, and(eq(participationVoteTurnout.voteId, u.voteId), eq(participationVoteTurnout.unitId, u.id)))
      .leftJoin(participationBallots, and(eq(participationBallots.voteId, u.voteId), eq(participationBallots.unitId, u.id)))
      .where(where)
      .orderBy(asc(u.label), asc(u.representativeName))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(u).where(where),
    (rows) => rows.map((r) => ({ ...r, voted: r.channel !== null, choice: vote.secret ? null : (r.choice ?? null) })),
  );
}

/** Staff name the owner of a house the registry cannot (rented, vacant): they then vote on paper. */
export async function nameRepresentative(db: Db, actor: Actor, id: string, body: RepresentativeBody): Promise<VoteView> {
  const vote = await loadVote(db, actor, id, 'participation.manage');
  if (vote.status === 'closed') throw new AppError('PARTICIPATION_VOTE_CLOSED');
  const updated = await db.update(participationVoteUnits).set({ representativeName: body.representativeName }).where(and(eq(participationVoteUnits.id, body.unitId), eq(participationVoteUnits.voteId, id))).returning({ id: participationVoteUnits.id });
  if (updated.length === 0) throw invalid('body.unitId', '该表决没有这个计票单位 / no such unit in this vote');
  await recordAudit(db, actor, { action: 'participation.vote.representative', targetType: 'participation_vote', targetId: id, orgPath: vote.orgPath, details: { unitId: body.unitId } });
  return getVote(db, actor, id);
}
