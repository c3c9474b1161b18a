// Councils (议事会; 村落理事会 with 一长八员): named members with terms, and their meetings.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type PageRequest } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { CouncilBody, CouncilView } from './contract.ts';
import { participationCouncilMembers, participationCouncils, participationMeetings } from './schema.ts';

type CouncilRow = typeof participationCouncils.$inferSelect;

async function present(db: Db, rows: CouncilRow[]): Promise<CouncilView[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [members, meetings] = await Promise.all([
    db.select().from(participationCouncilMembers).where(inArray(participationCouncilMembers.councilId, ids)).orderBy(asc(participationCouncilMembers.name)),
    db.select({ councilId: participationMeetings.councilId, n: sql<number>`count(*)::int` }).from(participationMeetings).where(inArray(participationMeetings.councilId, ids)).groupBy(participationMeetings.councilId),
  ]);
  return rows.map((r) => ({
    id: r.id, communityCode: r.communityCode, kind: r.kind, name: r.name, termStart: r.termStart, termEnd: r.termEnd,
    // The chair first, then the roles in the table's order.
    members: members.filter((m) => m.councilId === r.id).sort((a, b) => (a.role === 'chair' ? -1 : b.role === 'chair' ? 1 : 0)).map((m) => ({ id: m.id, name: m.name, role: m.role, termStart: m.termStart, termEnd: m.termEnd })),
    meetingCount: Number(meetings.find((m) => m.councilId === r.id)?.n ?? 0),
  }));
}

export async function createCouncil(db: Db, actor: Actor, body: CouncilBody): Promise<CouncilView> {
  const community = await findOrgUnit(db, body.communityCode);
  if (!community || community.level !== 'community') throw new AppError('VALIDATION_FAILED', { summary: 'body.communityCode', fields: [{ field: 'body.communityCode', message: '没有这个社区 / no such community' }] });
  assertInScope(actor, 'participation.manage', community.orgPath);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(participationCouncils).values({ orgPath: community.orgPath, communityCode: community.code, kind: body.kind, name: body.name, termStart: body.termStart, termEnd: body.termEnd }).returning({ id: participationCouncils.id });
    await tx.insert(participationCouncilMembers).values(body.members.map((m) => ({ councilId: row!.id, name: m.name, role: m.role, residentId: m.residentId ?? null, termStart: body.termStart, termEnd: body.termEnd })));
    await recordAudit(tx, actor, { action: 'participation.council.create', targetType: 'participation_council', targetId: row!.id, orgPath: community.orgPath, details: { members: body.members.length } });
    return row!.id;
  });
  return getCouncil(db, actor, id);
}

export async function getCouncil(db: Db, actor: Actor, id: string): Promise<CouncilView> {
  const [row] = await db.select().from(participationCouncils).where(eq(participationCouncils.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `议事会 ${id}` });
  assertInScope(actor, 'participation.read', row.orgPath);
  return (await present(db, [row]))[0]!;
}

export function listCouncils(db: Db, actor: Actor, q: PageRequest & { communityCode?: string | undefined }) {
  const c = participationCouncils;
  const where = and(inScope(actor, 'participation.read', c.orgPath), q.communityCode ? eq(c.communityCode, q.communityCode) : undefined);
  return listPage(q, db.select().from(c).where(where).orderBy(asc(c.name)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(c).where(where), (rows) => present(db, rows));
}
