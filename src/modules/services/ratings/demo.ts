// Demo 好差评: ratings of the demo's rated applications and of closed cases in the focus
// street, mostly satisfied; the bad ones with rectification records at every stage.
import { eq, inArray } from 'drizzle-orm';
import type { DemoContext } from '../../../platform/module.ts';
import { fromEarlierLoader } from '../../../platform/module.ts';
import { caseFacts } from '../../cases/index.ts';
import { findOrgUnit } from '../../org/index.ts';
import { ratingDimensions, rectificationWorkingDays, type RatingChannel } from '../contract/ratings.ts';
import { serviceApplications, serviceItemVersions } from '../schema.ts';
import { ratingRectifications, serviceRatings } from '../schema/ratings.ts';
import { workingCalendar } from './common.ts';
import { isBadRating } from './rules.ts';

// One in ten is bad: the share of 不满意 seen in published 好差评 figures is far lower, but a demo needs some.
const levels = [5, 5, 5, 4, 5, 4, 3, 5, 2, 5, 4, 1];
const comments: Record<number, string[]> = {
  5: ['工作人员很耐心', '一次就办好了', '不用跑腿，网上就办了'], 4: ['挺方便', '比以前快多了'], 3: ['还行', ''],
  2: ['排队时间太长', '材料要求没说清楚，跑了两趟'], 1: ['窗口态度不好', '说好五天办结，拖了很久'],
};
const stages = ['awaiting_callback', 'rectifying', 'rectified', 'appealed'] as const;

/** Ratings of rated applications and closed cases, with rectification records of the bad ones. */
export async function seedRatingsDemo(demo: DemoContext): Promise<void> {
  const { db } = demo;
  const street = await findOrgUnit(db, fromEarlierLoader(demo.state, 'street').code);
  if (!street) return;
  const calendar = await workingCalendar(db);
  const rated = await db.select().from(serviceApplications).where(eq(serviceApplications.status, 'rated')).limit(300);
  const names = rated.length
    ? await db.select({ code: serviceItemVersions.code, version: serviceItemVersions.version, name: serviceItemVersions.name }).from(serviceItemVersions).where(inArray(serviceItemVersions.code, [...new Set(rated.map((a) => a.itemCode))]))
    : [];
  const from = new Date(Date.now() - 90 * 86_400_000);
  const cases = (await caseFacts(db, { orgPaths: [street.orgPath], from, to: new Date() })).filter((c) => c.state === 'closed' || c.state === 'rated').slice(0, 200);
  const rows: (typeof serviceRatings.$inferInsert)[] = [];
  const dims = (channel: RatingChannel, level: number) => Object.fromEntries(ratingDimensions[channel].map((d, i) => [d, Math.max(1, Math.min(5, level + (i % 2)))]));
  const pick = (i: number) => {
    const level = levels[i % levels.length] as number;
    const options = comments[level] ?? [''];
    return { level, comment: options[i % options.length] as string };
  };
  rated.forEach((a, i) => {
    const { level, comment } = pick(i);
    const channel: RatingChannel = a.channel === 'online' ? 'online' : 'counter';
    rows.push({
      subjectKind: 'application', subjectId: a.id, subjectNumber: a.number, itemCode: a.itemCode,
      itemName: names.find((n) => n.code === a.itemCode && n.version === a.itemVersion)?.name ?? a.itemCode,
      centreCode: a.unitCode, orgPath: a.orgPath, channel, level, dimensions: dims(channel, level), comment, createdAt: a.finishedAt ?? a.updatedAt,
    });
  });
  cases.forEach((c, i) => {
    const { level, comment } = pick(i + 3);
    rows.push({
      subjectKind: 'case', subjectId: c.id, subjectNumber: c.number, itemCode: c.categoryCode, itemName: c.categoryName,
      centreCode: c.communityCode ?? c.streetCode ?? street.code, orgPath: c.orgPath, channel: 'online', level, dimensions: dims('online', level), comment,
      createdAt: c.closedAt ?? c.createdAt,
    });
  });
  if (rows.length === 0) return;
  const stored = await db.insert(serviceRatings).values(rows).onConflictDoNothing().returning();
  const bad = stored.filter((r) => isBadRating(r.level));
  const now = new Date();
  const records = bad.map((r, i) => {
    const status = stages[i % stages.length] as (typeof stages)[number];
    const deadline = calendar.addWorkingDays(r.createdAt, rectificationWorkingDays);
    const calledBack = status !== 'awaiting_callback';
    return {
      ratingId: r.id, orgPath: r.orgPath, status, deadline, overdueAt: status !== 'rectified' && deadline < now ? deadline : null,
      callbackAt: calledBack ? new Date(r.createdAt.getTime() + 86_400_000) : null, callbackBy: calledBack ? '窗口负责人' : null,
      callbackNote: calledBack ? '已电话回访，了解具体情况' : null,
      rectifiedAt: status === 'rectified' ? new Date(r.createdAt.getTime() + 5 * 86_400_000) : null, rectifiedBy: status === 'rectified' ? '窗口负责人' : null,
      rectificationNote: status === 'rectified' ? '高峰时段增开窗口，一次性告知材料清单上墙' : null,
      appealReason: status === 'appealed' ? ('mistaken' as const) : null, appealNote: status === 'appealed' ? '回访中评价人表示误点' : null,
      appealedAt: status === 'appealed' ? new Date(r.createdAt.getTime() + 2 * 86_400_000) : null,
      version: { awaiting_callback: 1, rectifying: 2, appealed: 3, rectified: 3 }[status],
    };
  });
  if (records.length) await db.insert(ratingRectifications).values(records);
  demo.counts.ratings = stored.length;
  demo.counts.rectifications = records.length;
}
