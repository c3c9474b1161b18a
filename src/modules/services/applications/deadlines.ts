// The deadline sweep (job services.deadlines): an application still being handled is warned
// on the last working day before its promised deadline and marked overdue after it; the
// centre's staff are told once for each.
import { and, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { serviceApplications } from '../schema.ts';
import { serviceCalendar } from './act.ts';
import { staffOf } from './staff.ts';

/** Marks warnings and overdue applications (one batch each); returns how many. */
export async function sweepApplicationDeadlines(db: Db, now = new Date()): Promise<{ warnings: number; overdue: number }> {
  const calendar = await serviceCalendar(db);
  const a = serviceApplications;
  const running = inArray(a.status, ['accepted', 'under_review']);
  const overdue = await db.update(a).set({ overdueAt: now }).where(and(running, isNull(a.overdueAt), lt(a.dueAt, now))).returning();
  // Warned when the deadline falls within one working day from now.
  const candidates = await db.select().from(a).where(and(running, isNull(a.warnedAt), isNull(a.overdueAt))).limit(500);
  const due = candidates.filter((r) => r.dueAt && calendar.addWorkingDays(now, 1) >= r.dueAt);
  for (const r of due) await db.update(a).set({ warnedAt: now }).where(and(inArray(a.id, [r.id]), isNull(a.warnedAt)));
  for (const [rows, kind, word] of [
    [due, 'services.deadline_warning', '即将到期'],
    [overdue, 'services.overdue', '已超期'],
  ] as const) {
    for (const r of rows) {
      const userIds = await staffOf(db, r.orgPath);
      await notifyUsers(db, { userIds, kind, title: `办件${word}：${r.number}`, body: `办件 ${r.number} ${word}，请及时办理`, subjectType: 'service_application', subjectId: r.number, link: `/services/applications/${r.number}` });
    }
  }
  return { warnings: due.length, overdue: overdue.length };
}
