// Conventions (居民公约/村规民约): versions drafted, consulted, adopted by a vote that passed,
// and put in force one at a time (the unique index agrees); the version in force is published.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { invalidField as invalid } from '../places.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import { participationVotes } from '../votes/schema.ts';
import type { ConventionActionBody, ConventionListQuery, ConventionView, CreateConventionBody } from './contract.ts';
import { nextConventionStatus } from './rules.ts';
import { participationConventionVersions, participationConventions } from './schema.ts';

type ConventionRow = typeof participationConventions.$inferSelect;


async function loadConvention(db: Db, actor: Actor, id: string, permission: 'participation.read' | 'participation.manage' = 'participation.read'): Promise<ConventionRow> {
  const [row] = await db.select().from(participationConventions).where(eq(participationConventions.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `公约 ${id}` });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

async function present(db: Db, rows: ConventionRow[]): Promise<ConventionView[]> {
  if (rows.length === 0) return [];
  const versions = await db.select().from(participationConventionVersions).where(inArray(participationConventionVersions.conventionId, rows.map((r) => r.id))).orderBy(desc(participationConventionVersions.number));
  return rows.map((r) => {
    const own = versions.filter((v) => v.conventionId === r.id);
    return {
      id: r.id, communityCode: r.communityCode, kind: r.kind, title: r.title, inForce: own.find((v) => v.status === 'in_force')?.number ?? null,
      versions: own.map((v) => ({ id: v.id, number: v.number, text: v.text, status: v.status, voteId: v.voteId, consultedNote: v.consultedNote, inForceFrom: v.inForceFrom, publishedAt: v.publishedAt })),
    };
  });
}

export async function getConvention(db: Db, actor: Actor, id: string): Promise<ConventionView> {
  return (await present(db, [await loadConvention(db, actor, id)]))[0]!;
}

export function listConventions(db: Db, actor: Actor, q: ConventionListQuery) {
  const c = participationConventions;
  const where = and(inScope(actor, 'participation.read', c.orgPath), q.communityCode ? eq(c.communityCode, q.communityCode) : undefined);
  return listPage(q, db.select().from(c).where(where).orderBy(asc(c.title)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(c).where(where), (rows) => present(db, rows));
}

export async function createConvention(db: Db, actor: Actor, body: CreateConventionBody): Promise<ConventionView> {
  const community = await findOrgUnit(db, body.communityCode);
  if (!community || community.level !== 'community') throw invalid('body.communityCode', '没有这个社区 / no such community');
  assertInScope(actor, 'participation.manage', community.orgPath);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(participationConventions).values({ orgPath: community.orgPath, communityCode: community.code, kind: body.kind, title: body.title }).returning({ id: participationConventions.id });
    await tx.insert(participationConventionVersions).values({ conventionId: row!.id, number: 1, text: body.text });
    await recordAudit(tx, actor, { action: 'participation.convention.create', targetType: 'participation_convention', targetId: row!.id, orgPath: community.orgPath });
    return row!.id;
  });
  return getConvention(db, actor, id);
}

/** A new draft version (the next number). */
export async function draftConventionVersion(db: Db, actor: Actor, id: string, text: string): Promise<ConventionView> {
  const convention = await loadConvention(db, actor, id, 'participation.manage');
  await db.transaction(async (tx) => {
    await tx.select({ id: participationConventions.id }).from(participationConventions).where(eq(participationConventions.id, id)).for('update');
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${participationConventionVersions.number}), 0)::int` }).from(participationConventionVersions).where(eq(participationConventionVersions.conventionId, id));
    await tx.insert(participationConventionVersions).values({ conventionId: id, number: Number(last?.n ?? 0) + 1, text });
    await recordAudit(tx, actor, { action: 'participation.convention.draft', targetType: 'participation_convention', targetId: id, orgPath: convention.orgPath });
  });
  return getConvention(db, actor, id);
}

/** Consult, adopt (by a closed vote of the community that passed), reject, or put in force (superseding the version in force). */
export async function actOnConvention(db: Db, actor: Actor, id: string, body: ConventionActionBody): Promise<ConventionView> {
  const convention = await loadConvention(db, actor, id, 'participation.manage');
  const [version] = await db.select().from(participationConventionVersions).where(and(eq(participationConventionVersions.id, body.versionId), eq(participationConventionVersions.conventionId, id)));
  if (!version) throw invalid('body.versionId', '该公约没有这个版本 / no such version');
  const next = nextConventionStatus(version.status, body.action);
  if (!next) throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: version.status });
  if (body.action === 'adopt') {
    const [vote] = await db.select().from(participationVotes).where(eq(participationVotes.id, body.voteId!));
    if (!vote || vote.communityCode !== convention.communityCode) throw invalid('body.voteId', '本社区没有这次表决 / no such vote in the community');
    if (vote.status !== 'closed' || !vote.result?.passed) throw invalid('body.voteId', '表决尚未结束或未获通过 / the vote has not closed or did not pass');
  }
  await db.transaction(async (tx) => {
    if (body.action === 'put_in_force') {
      await tx.update(participationConventionVersions).set({ status: 'superseded' }).where(and(eq(participationConventionVersions.conventionId, id), eq(participationConventionVersions.status, 'in_force')));
    }
    await tx
      .update(participationConventionVersions)
      .set({
        status: next,
        ...(body.action === 'consult' ? { consultedNote: body.note ?? null } : {}),
        ...(body.action === 'adopt' ? { voteId: body.voteId ?? null } : {}),
        ...(body.action === 'put_in_force' ? { inForceFrom: body.inForceFrom ?? null, publishedAt: new Date() } : {}),
      })
      .where(eq(participationConventionVersions.id, version.id));
    await recordAudit(tx, actor, { action: `participation.convention.${body.action}`, targetType: 'participation_convention', targetId: id, orgPath: convention.orgPath, details: { version: version.number } });
  });
  return getConvention(db, actor, id);
}
