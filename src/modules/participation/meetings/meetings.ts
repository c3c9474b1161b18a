// Consultation meetings (协商议事): the topic and its class, level and form; participants from the
// registry (by building, grid or community) plus units and experts; notices; sign-in in person or
// by a proxy holding a recorded consent; minutes with speakers; resolutions followed to done.
import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { invalidField as invalid } from '../places.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import { householdsWithAdults, houseAreas } from '../../registry/index.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { participationResidents } from '../schema/needs.ts';
import { awardParticipationPoints } from '../points/award.ts';
import { electorateUnits, scopeFilter } from '../votes/electorate.ts';
import { assertReaches, reachable } from '../votes/reach.ts';
import type {
  AddParticipantsBody, ConsentView, CreateMeetingBody, MeetingActionBody, MeetingDetail, MeetingListQuery, MeetingView, MinutesBody, ParticipantQuery, ParticipantView, ResolutionBody, ResolutionUpdateBody, SignInBody,
} from './contract.ts';
import { consentCovers, nextMeetingStatus, takesAttendance } from './rules.ts';
import { participationMeetingParticipants, participationMeetings, participationProxyConsents, participationResolutions } from './schema.ts';
import { beijingDate, beijingMinute } from '../../../platform/beijing-time.ts';

type MeetingRow = typeof participationMeetings.$inferSelect;
type ConsentRow = typeof participationProxyConsents.$inferSelect;
type Permission = 'participation.read' | 'participation.manage' | 'participation.record';


export async function loadMeeting(db: Db, actor: Actor, id: string, permission: Permission = 'participation.read'): Promise<MeetingRow> {
  const [row] = await db.select().from(participationMeetings).where(eq(participationMeetings.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `会议 ${id}` });
  if (permission === 'participation.manage') assertInScope(actor, permission, row.orgPath);
  else assertReaches(actor, permission, row.orgPath);
  return row;
}

async function countsOf(db: Db, ids: string[]): Promise<Map<string, { all: number; signedIn: number }>> {
  if (ids.length === 0) return new Map();
  const p = participationMeetingParticipants;
  const rows = await db
    .select({ meetingId: p.meetingId, all: sql<number>`count(*)::int`, signedIn: sql<number>`count(${p.signedInAt})::int` })
    .from(p)
    .where(inArray(p.meetingId, ids))
    .groupBy(p.meetingId);
  return new Map(rows.map((r) => [r.meetingId, { all: Number(r.all), signedIn: Number(r.signedIn) }]));
}

async function present(db: Db, rows: MeetingRow[]): Promise<MeetingView[]> {
  const counts = await countsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, communityCode: r.communityCode, title: r.title, topicSource: r.topicSource, topicRef: r.topicRef, class: r.class, level: r.level, form: r.form, councilId: r.councilId,
    agenda: r.agenda, place: r.place, startsAt: r.startsAt, status: r.status, minutes: r.minutes, speakers: r.speakers,
    participantCount: counts.get(r.id)?.all ?? 0, signedInCount: counts.get(r.id)?.signedIn ?? 0, notifiedAt: r.notifiedAt, heldAt: r.heldAt, publishedAt: r.publishedAt, version: r.version,
  }));
}

export function presentConsent(c: ConsentRow): ConsentView {
  return {
    id: c.id, principalResidentId: c.principalResidentId, principalName: c.principalName, proxyName: c.proxyName, proxyKind: c.proxyKind, proxyRelation: c.proxyRelation,
    scope: c.scope, meetingId: c.meetingId, givenOn: c.givenOn, validUntil: c.validUntil, givenHow: c.givenHow, recordedBy: c.recordedBy, revoked: c.revokedAt !== null,
  };
}

export async function createMeeting(db: Db, actor: Actor, body: CreateMeetingBody): Promise<MeetingDetail> {
  const community = await findOrgUnit(db, body.communityCode);
  if (!community || community.level !== 'community') throw invalid('body.communityCode', '没有这个社区 / no such community');
  assertInScope(actor, 'participation.manage', community.orgPath);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(participationMeetings)
      .values({ orgPath: community.orgPath, communityCode: community.code, title: body.title, topicSource: body.topicSource, topicRef: body.topicRef ?? null, class: body.class, level: body.level, form: body.form, councilId: body.councilId ?? null, agenda: body.agenda, place: body.place, startsAt: body.startsAt, createdBy: actor.name })
      .returning({ id: participationMeetings.id });
    await recordAudit(tx, actor, { action: 'participation.meeting.create', targetType: 'participation_meeting', targetId: row!.id, orgPath: community.orgPath });
    return row!.id;
  });
  return getMeeting(db, actor, id);
}

export function listMeetings(db: Db, actor: Actor, q: MeetingListQuery) {
  const m = participationMeetings;
  const where = and(reachable(actor, 'participation.read', m.orgPath), q.status ? eq(m.status, q.status) : undefined, q.communityCode ? eq(m.communityCode, q.communityCode) : undefined);
  return listPage(q, db.select().from(m).where(where).orderBy(desc(m.startsAt)).limit(q.pageSize).offset(offsetOf(q)), db.select(countAll).from(m).where(where), (rows) => present(db, rows));
}

export async function getMeeting(db: Db, actor: Actor, id: string): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id);
  const [[view], resolutions, consents] = await Promise.all([
    present(db, [meeting]),
    db.select().from(participationResolutions).where(eq(participationResolutions.meetingId, id)).orderBy(asc(participationResolutions.seq)),
    db
      .select({ c: participationProxyConsents })
      .from(participationProxyConsents)
      .innerJoin(participationMeetingParticipants, and(eq(participationMeetingParticipants.meetingId, id), eq(participationMeetingParticipants.residentId, participationProxyConsents.principalResidentId)))
      .orderBy(asc(participationProxyConsents.createdAt)),
  ]);
  return {
    ...view!,
    resolutions: resolutions.map((r) => ({ id: r.id, seq: r.seq, text: r.text, responsible: r.responsible, dueOn: r.dueOn, status: r.status, doneOn: r.doneOn, doneNote: r.doneNote })),
    consents: consents.map((r) => presentConsent(r.c)).filter((c) => c.scope === 'standing' || c.meetingId === id),
  };
}

/** Adds participants: residents of a building, grid or the community from the registry (each adult or each household's head), or a named unit, expert or worker. */
export async function addParticipants(db: Db, actor: Actor, id: string, body: AddParticipantsBody): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id, 'participation.manage');
  if (meeting.status === 'published' || meeting.status === 'cancelled') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: meeting.status });
  let rows: (typeof participationMeetingParticipants.$inferInsert)[];
  if (body.from === 'registry') {
    const [households, houses] = await Promise.all([householdsWithAdults(db, meeting.communityCode), houseAreas(db, meeting.communityCode)]);
    const units = electorateUnits(body.basis, households, houses, scopeFilter(body.scopeKind, body.scopeRef));
    if (units.length === 0) throw invalid('body.scopeRef', '该范围内没有登记的成年居民 / no adult residents registered in this scope');
    rows = units.map((u) => ({ meetingId: id, kind: 'resident' as const, residentId: u.voterIds[0]!, name: u.representativeName ?? '', label: u.label }));
  } else {
    rows = [{ meetingId: id, kind: body.kind, residentId: null, name: body.name, label: body.label }];
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(participationMeetingParticipants).values(rows.slice(i, i + 500)).onConflictDoNothing();
    await recordAudit(tx, actor, { action: 'participation.meeting.participants', targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath, details: { added: rows.length } });
  });
  return getMeeting(db, actor, id);
}

export async function listParticipants(db: Db, actor: Actor, id: string, q: ParticipantQuery) {
  await loadMeeting(db, actor, id);
  const p = participationMeetingParticipants;
  const where = and(eq(p.meetingId, id), q.signedIn === 'yes' ? isNotNull(p.signedInAt) : q.signedIn === 'no' ? isNull(p.signedInAt) : undefined, q.q ? ilike(p.name, `%${q.q}%`) : undefined);
  return listPage(
    q,
    db.select({ p, c: participationProxyConsents }).from(p).leftJoin(participationProxyConsents, eq(participationProxyConsents.id, p.proxyConsentId)).where(where).orderBy(asc(p.kind), asc(p.label), asc(p.name)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(p).where(where),
    (found): ParticipantView[] => found.map(({ p: r, c }) => ({ id: r.id, kind: r.kind, residentId: r.residentId, name: r.name, label: r.label, notifiedAt: r.notifiedAt, signedInAt: r.signedInAt, proxy: c ? presentConsent(c) : null })),
  );
}

/** Moves the meeting along its table: notify (the participants' notices), hold, publish, cancel. */
export async function actOnMeeting(db: Db, actor: Actor, id: string, body: MeetingActionBody): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id, 'participation.manage');
  const next = nextMeetingStatus(meeting.status, body.action);
  if (!next) throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: meeting.status });
  if (body.action === 'publish' && !meeting.minutes) throw invalid('body.action', '会议纪要尚未记录，不能公开 / record the minutes before publishing');
  const now = new Date();
  await db.transaction(async (tx) => {
    const stamp = body.action === 'notify' ? { notifiedAt: now } : body.action === 'hold' ? { heldAt: now } : body.action === 'publish' ? { publishedAt: now } : {};
    const moved = await tx
      .update(participationMeetings)
      .set({ status: next, ...stamp, version: sql`${participationMeetings.version} + 1` })
      .where(and(eq(participationMeetings.id, id), eq(participationMeetings.version, body.version)))
      .returning({ id: participationMeetings.id });
    if (moved.length === 0) throw new AppError('VERSION_CONFLICT', { currentVersion: meeting.version });
    if (body.action === 'notify') await sendNotices(tx, meeting, now);
    await recordAudit(tx, actor, { action: `participation.meeting.${body.action}`, targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath });
  });
  return getMeeting(db, actor, id);
}

/** The notices beforehand: each participant not yet told is marked, and residents with a linked account get an in-app notice. */
async function sendNotices(tx: Db, meeting: MeetingRow, now: Date): Promise<void> {
  const told = await tx
    .update(participationMeetingParticipants)
    .set({ notifiedAt: now })
    .where(and(eq(participationMeetingParticipants.meetingId, meeting.id), isNull(participationMeetingParticipants.notifiedAt)))
    .returning({ residentId: participationMeetingParticipants.residentId });
  const residentIds = told.flatMap((p) => (p.residentId ? [p.residentId] : []));
  if (residentIds.length === 0) return;
  const accounts = await tx.select({ userId: participationResidents.userId }).from(participationResidents).where(inArray(participationResidents.residentId, residentIds));
  const when = beijingMinute(meeting.startsAt);
  await notifyUsers(tx, { userIds: accounts.map((a) => a.userId), kind: 'participation.meeting', title: `会议通知：${meeting.title}`, body: `${when}，${meeting.place}。议程：${meeting.agenda.join('；')}`, subjectType: 'participation_meeting', subjectId: meeting.id, link: '/portal/participation/votes' });
}

/**
 * Signs a participant in, in person or through a proxy. A proxy needs a consent recorded
 * beforehand that covers this principal, this person and this meeting's day; without one the
 * sign-in is refused (and the refusal audited). The consent stays on the sign-in row.
 */
export async function signIn(db: Db, actor: Actor, id: string, body: SignInBody): Promise<ParticipantView> {
  const meeting = await loadMeeting(db, actor, id, 'participation.record');
  if (!takesAttendance(meeting.status)) throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: meeting.status });
  const [participant] = await db.select().from(participationMeetingParticipants).where(and(eq(participationMeetingParticipants.id, body.participantId), eq(participationMeetingParticipants.meetingId, id)));
  if (!participant) throw invalid('body.participantId', '该会议没有这位参会人 / no such participant in this meeting');
  let consent: ConsentRow | undefined;
  if (body.proxyName) {
    const principalResidentId = participant.residentId;
    const candidates = principalResidentId ? await db.select().from(participationProxyConsents).where(eq(participationProxyConsents.principalResidentId, principalResidentId)) : [];
    const act = { principalResidentId: principalResidentId ?? '', proxyName: body.proxyName, meetingId: id, on: beijingDate(meeting.startsAt) };
    consent = candidates.find((c) => consentCovers({ ...c, revoked: c.revokedAt !== null }, act));
    if (!consent) {
      await recordAudit(db, actor, { action: 'participation.meeting.sign_in', result: 'denied', targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath, details: { participantId: participant.id, reason: 'proxy_without_consent' } });
      throw new AppError('PARTICIPATION_PROXY_WITHOUT_CONSENT', { proxy: body.proxyName, principal: participant.name });
    }
  }
  await db.transaction(async (tx) => {
    await tx.update(participationMeetingParticipants).set({ signedInAt: new Date(), signedInBy: actor.displayName ?? actor.name, proxyConsentId: consent?.id ?? null }).where(eq(participationMeetingParticipants.id, participant.id));
    await recordAudit(tx, actor, { action: 'participation.meeting.sign_in', targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath, details: { participantId: participant.id, ...(consent ? { proxyConsentId: consent.id } : {}) } });
    if (participant.residentId) {
      await awardParticipationPoints(tx, { residentId: participant.residentId, communityCode: meeting.communityCode, action: 'attend_meeting', sourceKind: 'meeting', sourceId: id, note: meeting.title });
    }
  });
  const [after] = await db.select().from(participationMeetingParticipants).where(eq(participationMeetingParticipants.id, participant.id));
  return { id: after!.id, kind: after!.kind, residentId: after!.residentId, name: after!.name, label: after!.label, notifiedAt: after!.notifiedAt, signedInAt: after!.signedInAt, proxy: consent ? presentConsent(consent) : null };
}

/** Records the minutes and who spoke; a participant present through a proxy speaks through them, with the consent named. */
export async function recordMinutes(db: Db, actor: Actor, id: string, body: MinutesBody): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id, 'participation.manage');
  if (!takesAttendance(meeting.status)) throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: meeting.status });
  const ids = [...new Set(body.speakers.map((s) => s.participantId))];
  const found = ids.length ? await db.select().from(participationMeetingParticipants).where(and(eq(participationMeetingParticipants.meetingId, id), inArray(participationMeetingParticipants.id, ids))) : [];
  const byId = new Map(found.map((p) => [p.id, p]));
  const speakers = body.speakers.map((s, i) => {
    const p = byId.get(s.participantId);
    if (!p) throw invalid(`body.speakers.${i}.participantId`, '不是本次会议的参会人 / not a participant of this meeting');
    if (!p.signedInAt) throw invalid(`body.speakers.${i}.participantId`, '发言人尚未签到 / the speaker has not signed in');
    return { participantId: p.id, name: p.name, summary: s.summary, proxyConsentId: p.proxyConsentId };
  });
  await db.transaction(async (tx) => {
    const saved = await tx
      .update(participationMeetings)
      .set({ minutes: body.minutes, speakers, version: sql`${participationMeetings.version} + 1` })
      .where(and(eq(participationMeetings.id, id), eq(participationMeetings.version, body.version)))
      .returning({ id: participationMeetings.id });
    if (saved.length === 0) throw new AppError('VERSION_CONFLICT', { currentVersion: meeting.version });
    await recordAudit(tx, actor, { action: 'participation.meeting.minutes', targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath, details: { speakers: speakers.length } });
  });
  return getMeeting(db, actor, id);
}

export async function addResolution(db: Db, actor: Actor, id: string, body: ResolutionBody): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id, 'participation.manage');
  if (meeting.status !== 'held' && meeting.status !== 'notified') throw new AppError('PARTICIPATION_STATUS_REFUSED', { status: meeting.status });
  await db.transaction(async (tx) => {
    await tx.select({ id: participationMeetings.id }).from(participationMeetings).where(eq(participationMeetings.id, id)).for('update');
    const [last] = await tx.select({ seq: sql<number>`coalesce(max(${participationResolutions.seq}), 0)::int` }).from(participationResolutions).where(eq(participationResolutions.meetingId, id));
    await tx.insert(participationResolutions).values({ meetingId: id, seq: Number(last?.seq ?? 0) + 1, text: body.text, responsible: body.responsible, dueOn: body.dueOn ?? null });
    await recordAudit(tx, actor, { action: 'participation.meeting.resolution', targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath });
  });
  return getMeeting(db, actor, id);
}

/** Follows a resolution up: in progress, then done with its date and a note. */
export async function updateResolution(db: Db, actor: Actor, id: string, resolutionId: string, body: ResolutionUpdateBody): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id, 'participation.manage');
  const updated = await db
    .update(participationResolutions)
    .set({ status: body.status, doneOn: body.status === 'done' ? (body.doneOn ?? null) : null, doneNote: body.doneNote ?? null })
    .where(and(eq(participationResolutions.id, resolutionId), eq(participationResolutions.meetingId, id)))
    .returning({ id: participationResolutions.id });
  if (updated.length === 0) throw new AppError('NOT_FOUND', { what: `决议 ${resolutionId}` });
  await recordAudit(db, actor, { action: 'participation.meeting.resolution_update', targetType: 'participation_meeting', targetId: id, orgPath: meeting.orgPath, details: { resolutionId, status: body.status } });
  return getMeeting(db, actor, id);
}
