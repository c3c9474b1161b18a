// Published meeting results for the board: the topic, its class, form and level, attendance and
// resolutions followed up, as counts (minutes and names stay on the staff pages).
import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { BoardCommunity } from '../board/publishers.ts';
import type { BoardItem } from '../contract.ts';
import { participationMeetingParticipants, participationMeetings, participationResolutions } from './schema.ts';

export async function publishedMeetings(db: Db, community: BoardCommunity, limit: number): Promise<{ items: BoardItem[]; total: number }> {
  const m = participationMeetings;
  const where = and(eq(m.communityCode, community.code), isNotNull(m.publishedAt));
  const [rows, [counted]] = await Promise.all([db.select().from(m).where(where).orderBy(desc(m.publishedAt)).limit(limit), db.select({ n: count() }).from(m).where(where)]);
  const ids = rows.map((r) => r.id);
  const [attendance, resolutions] = ids.length
    ? await Promise.all([
        db.select({ id: participationMeetingParticipants.meetingId, all: sql<number>`count(*)::int`, present: sql<number>`count(${participationMeetingParticipants.signedInAt})::int`, byProxy: sql<number>`count(${participationMeetingParticipants.proxyConsentId})::int` }).from(participationMeetingParticipants).where(inArray(participationMeetingParticipants.meetingId, ids)).groupBy(participationMeetingParticipants.meetingId),
        db.select({ id: participationResolutions.meetingId, all: sql<number>`count(*)::int`, done: sql<number>`count(*) filter (where ${participationResolutions.status} = 'done')::int` }).from(participationResolutions).where(inArray(participationResolutions.meetingId, ids)).groupBy(participationResolutions.meetingId),
      ])
    : [[], []];
  const items = rows.map((r): BoardItem => {
    const a = attendance.find((x) => x.id === r.id);
    const s = resolutions.find((x) => x.id === r.id);
    return {
      kind: 'meeting_result', id: r.id, title: r.title, status: 'published', publishedAt: r.publishedAt!.toISOString(),
      facts: { class: r.class, form: r.form, level: r.level, heldOn: r.heldAt ? r.heldAt.toISOString().slice(0, 10) : null, participants: Number(a?.all ?? 0), present: Number(a?.present ?? 0), byProxy: Number(a?.byProxy ?? 0), resolutions: Number(s?.all ?? 0), resolutionsDone: Number(s?.done ?? 0) },
    };
  });
  return { items, total: Number(counted?.n ?? 0) };
}
