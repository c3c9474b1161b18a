// Proxies' consents (授权委托): an elderly resident lets a family member or a worker act for them,
// for one meeting or until a date; who, for whom, what, when and how it was given are recorded.
import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ConsentBody, ConsentView } from './contract.ts';
import { presentConsent } from './meetings.ts';
import { participationMeetingParticipants, participationMeetings, participationProxyConsents } from './schema.ts';

/** Records a consent. The principal must be a participant of a meeting the actor manages (their name comes from there). */
export async function recordConsent(db: Db, actor: Actor, body: ConsentBody): Promise<ConsentView> {
  const rows = await db
    .select({ name: participationMeetingParticipants.name, orgPath: participationMeetings.orgPath, meetingId: participationMeetings.id })
    .from(participationMeetingParticipants)
    .innerJoin(participationMeetings, eq(participationMeetings.id, participationMeetingParticipants.meetingId))
    .where(and(eq(participationMeetingParticipants.residentId, body.principalResidentId), body.meetingId ? eq(participationMeetings.id, body.meetingId) : undefined))
    .orderBy(desc(participationMeetings.startsAt));
  const principal = rows.find((r) => canAccess(actor, 'participation.manage', r.orgPath));
  if (!principal) {
    if (rows.length > 0) assertInScope(actor, 'participation.manage', rows[0]!.orgPath);
    throw new AppError('VALIDATION_FAILED', { summary: 'body.principalResidentId', fields: [{ field: 'body.principalResidentId', message: '委托人不是该会议的参会居民 / the principal is not a resident participant of the meeting' }] });
  }
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(participationProxyConsents)
      .values({ orgPath: principal.orgPath, principalResidentId: body.principalResidentId, principalName: principal.name, proxyName: body.proxyName, proxyKind: body.proxyKind, proxyRelation: body.proxyRelation, scope: body.scope, meetingId: body.scope === 'meeting' ? (body.meetingId ?? null) : null, givenOn: body.givenOn, validUntil: body.validUntil ?? null, givenHow: body.givenHow, recordedBy: actor.name })
      .returning({ id: participationProxyConsents.id });
    await recordAudit(tx, actor, { action: 'participation.consent.record', targetType: 'participation_consent', targetId: row!.id, orgPath: principal.orgPath, details: { scope: body.scope, givenHow: body.givenHow } });
    return row!.id;
  });
  const [saved] = await db.select().from(participationProxyConsents).where(eq(participationProxyConsents.id, id));
  return presentConsent(saved!);
}

/** Revokes a consent: acts already taken under it keep it; new ones are refused. */
export async function revokeConsent(db: Db, actor: Actor, id: string): Promise<ConsentView> {
  const [row] = await db.select().from(participationProxyConsents).where(eq(participationProxyConsents.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `授权 ${id}` });
  assertInScope(actor, 'participation.manage', row.orgPath);
  const [saved] = await db.update(participationProxyConsents).set({ revokedAt: row.revokedAt ?? new Date() }).where(eq(participationProxyConsents.id, id)).returning();
  await recordAudit(db, actor, { action: 'participation.consent.revoke', targetType: 'participation_consent', targetId: id, orgPath: row.orgPath });
  return presentConsent(saved!);
}
