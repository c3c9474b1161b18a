// Proposals submitted by residents (/portal), or entered by staff for a council or a unit, or
// turned from a need; the lists for staff and for the residents of a community.
import { and, desc, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ProposalListQuery, ProposalPage, ProposalView, SubmitProposalBody } from '../contract.ts';
import { linkNeed, loadNeed } from '../needs/needs.ts';
import { awardParticipationPoints } from '../points/award.ts';
import { communityCodeOf, communityOrGridInScope, communityPathOf, invalidField, underPath } from '../places.ts';
import { verifiedResidentOf, verifiedResidentOrNull } from '../residents.ts';
import { participationProposals } from '../schema.ts';
import { findProposal, presentProposal, presentProposalItems, proposalReadPaths, readsProposalsAt, type ProposalRow } from './common.ts';
import { countAll, emptyPage, listPage, offsetOf, type PageRequest } from '../../../platform/list-page.ts';

async function insertProposal(db: Db, actor: Actor, values: typeof participationProposals.$inferInsert, needId?: string): Promise<ProposalRow> {
  const need = needId ? await loadNeed(db, actor, needId, 'participation.manage') : undefined;
  if (need && need.communityCode !== values.communityCode) throw invalidField('body.needId', '需求与提案不在同一社区 / the need belongs to another community');
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(participationProposals).values({ ...values, needId: need?.id ?? null, proposerResidentId: values.proposerResidentId ?? need?.residentId ?? null }).returning();
    if (need) await linkNeed(tx, need, { status: 'proposed', proposalId: row!.id });
    await recordAudit(tx, actor, { action: 'participation.proposal.submit', targetType: 'participation_proposal', targetId: row!.id, orgPath: row!.orgPath, details: { proposerKind: row!.proposerKind, needId: need?.id ?? null } });
    return row!;
  });
}

/** Staff enter a council's or unit's proposal, or turn a need into one (the resident who raised it proposes). */
export async function enterProposal(db: Db, actor: Actor, body: SubmitProposalBody): Promise<ProposalView> {
  const need = body.needId ? await loadNeed(db, actor, body.needId, 'participation.manage') : undefined;
  const orgCode = body.orgCode ?? need?.communityCode;
  if (!orgCode) throw invalidField('body.orgCode', '请选择社区 / choose a community');
  const place = await communityOrGridInScope(db, actor, 'participation.manage', orgCode);
  const proposerKind = body.proposerKind ?? (need?.residentId ? 'resident' : undefined);
  if (!proposerKind) throw invalidField('body.proposerKind', '请选择提案人类别 / choose who proposes');
  if (proposerKind !== 'resident' && !body.proposerName) throw invalidField('body.proposerName', '请填写议事会或单位名称 / name the council or unit');
  if (proposerKind === 'resident' && !need?.residentId) throw invalidField('body.proposerKind', '居民提案请由居民本人在居民端提交，或由其需求转入 / a resident proposes on /portal, or through their need');
  const communityPath = communityPathOf(place.orgPath);
  const row = await insertProposal(
    db,
    actor,
    { orgPath: communityPath, communityCode: communityCodeOf(communityPath), title: body.title, body: body.body, proposerKind, proposerName: proposerKind === 'resident' ? '居民' : body.proposerName!, submittedBy: actor.id },
    need?.id,
  );
  return presentProposal(db, actor, row);
}

/** A verified resident submits a proposal in their community (and earns the rule's points). */
export async function submitProposal(db: Db, actor: Actor, body: SubmitProposalBody): Promise<ProposalView> {
  if (body.proposerKind || body.proposerName || body.orgCode || body.needId) throw invalidField('body', '居民只能以本人身份提交提案 / residents propose as themselves');
  const me = await verifiedResidentOf(db, actor);
  const row = await insertProposal(db, actor, { orgPath: me.communityPath, communityCode: me.communityCode, title: body.title, body: body.body, proposerKind: 'resident', proposerResidentId: me.residentId, proposerName: '居民', submittedBy: actor.id });
  await awardParticipationPoints(db, { residentId: me.residentId, communityCode: me.communityCode, action: 'submit_proposal', sourceKind: 'proposal', sourceId: row.id, note: row.title });
  return presentProposal(db, actor, row);
}

function pageOf(db: Db, where: SQL | undefined, query: PageRequest): Promise<ProposalPage> {
  const rows = db.select().from(participationProposals).where(where).orderBy(desc(participationProposals.createdAt), desc(participationProposals.id)).limit(query.pageSize).offset(offsetOf(query));
  return listPage(query, rows, db.select(countAll).from(participationProposals).where(where), (found) => presentProposalItems(db, found));
}

function textFilter(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return or(ilike(participationProposals.title, like), ilike(participationProposals.body, like));
}

/** Proposals of the actor's area, newest first. */
export async function listProposals(db: Db, actor: Actor, query: ProposalListQuery): Promise<ProposalPage> {
  const path = await underPath(db, query.under);
  return pageOf(db, and(underPaths(participationProposals.orgPath, proposalReadPaths(actor)), path ? underPaths(participationProposals.orgPath, [path]) : undefined, query.status ? eq(participationProposals.status, query.status) : undefined, textFilter(query.q)), query);
}

/** Proposals of the resident's community: all but those merged away, newest first. */
export async function communityProposals(db: Db, actor: Actor, query: ProposalListQuery): Promise<ProposalPage> {
  const me = await verifiedResidentOrNull(db, actor);
  if (!me) return emptyPage(query);
  return pageOf(db, and(eq(participationProposals.communityCode, me.communityCode), ne(participationProposals.status, 'merged'), query.status ? eq(participationProposals.status, query.status) : undefined, textFilter(query.q)), query);
}

/** One proposal: staff of its area, its reviewers, and the residents of its community. */
export async function readProposal(db: Db, actor: Actor, id: string): Promise<ProposalView> {
  const row = await findProposal(db, id);
  const view = await presentProposal(db, actor, row);
  const mayRead =
    readsProposalsAt(actor, row.orgPath) ||
    view.panel.some((p) => p.userId === actor.id) ||
    (await verifiedResidentOrNull(db, actor))?.communityCode === row.communityCode;
  if (!mayRead) throw new AppError('OUT_OF_SCOPE', { permission: 'participation.read' });
  return view;
}
