// Topics of the month (每月一题): the year's recurring problems (category × community by case
// count and the months they came back in), topics opened from them with a lead unit, co-units,
// tasks and a target, and each topic's recurrence month by month after it opened.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import { listPage } from '../../../platform/list-page.ts';
import { loadCaseRules, monthlyCaseCounts } from '../../cases/index.ts';
import { findOrgNodes, orgUnitNames } from '../../org/index.ts';
import type { CreateTopicBody, RecurringList, RecurringQuery, TopicPage, TopicStatus, TopicSummary, TopicView } from '../contract.ts';
import { topicTasks, topics } from '../schema.ts';
import { addMonths, chinaDayStart, chinaToday, existingUnit, invalid, namedUnits, nodeInScope } from './common.ts';

/** The categories × communities with the most cases of the year under the node, with the months they recurred in. */
export async function recurringProblems(db: Db, actor: Actor, q: RecurringQuery): Promise<RecurringList> {
  const node = await nodeInScope(db, actor, 'assessment.read', q.under);
  const rows = await monthlyCaseCounts(db, { underPath: node.orgPath, from: chinaDayStart(`${q.year}-01-01`), to: chinaDayStart(`${q.year + 1}-01-01`) });
  const pairs = new Map<string, { categoryCode: string; categoryName: string; communityCode: string; count: number; months: number }>();
  for (const r of rows) {
    const key = `${r.categoryCode}|${r.communityCode}`;
    const p = pairs.get(key) ?? { categoryCode: r.categoryCode, categoryName: r.categoryName, communityCode: r.communityCode, count: 0, months: 0 };
    p.count += r.count;
    p.months += 1;
    pairs.set(key, p);
  }
  // Recurring first: the months a problem came back in, then its count.
  const top = [...pairs.values()].sort((a, b) => b.months - a.months || b.count - a.count || a.categoryCode.localeCompare(b.categoryCode)).slice(0, q.limit);
  const communities = [...new Set(top.map((t) => t.communityCode))];
  const places = communities.length ? await orgUnitNames(db, communities) : new Map<string, string>();
  const streetCodes = new Map<string, string>();
  for (const unit of communities.length ? await findOrgNodes(db, communities) : []) {
    const street = unit.orgPath.split('.').at(-2);
    if (street) streetCodes.set(unit.code, street);
  }
  const streetNames = await orgUnitNames(db, [...new Set(streetCodes.values())]);
  const open = top.length
    ? await db
        .select({ id: topics.id, categoryCode: topics.categoryCode, communityCode: topics.communityCode })
        .from(topics)
        .where(and(eq(topics.status, 'open'), inArray(topics.communityCode, communities)))
    : [];
  const openByPair = new Map(open.map((t) => [`${t.categoryCode}|${t.communityCode}`, t.id]));
  return {
    year: q.year,
    items: top.map((t) => ({
      ...t,
      communityName: places.get(t.communityCode) ?? t.communityCode,
      streetName: streetNames.get(streetCodes.get(t.communityCode) ?? '') ?? '',
      topicId: openByPair.get(`${t.categoryCode}|${t.communityCode}`) ?? null,
    })),
  };
}

type TopicRow = typeof topics.$inferSelect;

async function summaries(db: Db, rows: TopicRow[]): Promise<TopicSummary[]> {
  if (rows.length === 0) return [];
  const named = await namedUnits(db, rows.flatMap((r) => [r.communityCode, r.leadUnitCode]));
  const { categories } = await loadCaseRules(db);
  const tasks = await db
    .select({ topicId: topicTasks.topicId, total: count(), done: sql<number>`count(*) filter (where ${topicTasks.status} = 'done')::int` })
    .from(topicTasks)
    .where(inArray(topicTasks.topicId, rows.map((r) => r.id)))
    .groupBy(topicTasks.topicId);
  const byTopic = new Map(tasks.map((t) => [t.topicId, t]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: { code: r.categoryCode, name: categories.get(r.categoryCode)?.name ?? r.categoryCode },
    community: named(r.communityCode),
    leadUnit: named(r.leadUnitCode),
    status: r.status,
    openedAt: r.openedAt,
    tasksDone: byTopic.get(r.id)?.done ?? 0,
    tasksTotal: byTopic.get(r.id)?.total ?? 0,
  }));
}

/** Topics the actor may read, newest first. */
export async function listTopics(db: Db, actor: Actor, q: { page: number; pageSize: number; status?: TopicStatus | undefined }): Promise<TopicPage> {
  const where = and(inScope(actor, 'assessment.read', topics.orgPath), q.status ? eq(topics.status, q.status) : undefined);
  return listPage(
    q,
    db.select().from(topics).where(where).orderBy(desc(topics.openedAt), desc(topics.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(topics).where(where),
    (rows) => summaries(db, rows),
  );
}

/** Opens a topic on a category in a community, with its tasks. */
export async function openTopic(db: Db, actor: Actor, body: CreateTopicBody): Promise<TopicView> {
  const community = await existingUnit(db, body.communityCode, 'body.communityCode');
  if (community.level !== 'community') throw invalid('body.communityCode', '请选择社区 / choose a community');
  assertInScope(actor, 'assessment.manage', community.orgPath);
  const { categories } = await loadCaseRules(db);
  if (!categories.has(body.categoryCode)) throw invalid('body.categoryCode', `没有这个事件类别 / no category ${body.categoryCode}`);
  await existingUnit(db, body.leadUnitCode, 'body.leadUnitCode');
  for (const [i, c] of body.coUnitCodes.entries()) await existingUnit(db, c, `body.coUnitCodes.${i}`);
  for (const [i, t] of body.tasks.entries()) if (t.ownerUnitCode) await existingUnit(db, t.ownerUnitCode, `body.tasks.${i}.ownerUnitCode`);
  const id = await db.transaction(async (tx) => {
    const [open] = await tx.select({ id: topics.id }).from(topics).where(and(eq(topics.status, 'open'), eq(topics.categoryCode, body.categoryCode), eq(topics.communityCode, body.communityCode)));
    if (open) throw new AppError('ASSESSMENT_TOPIC_EXISTS', { id: open.id });
    const [row] = await tx
      .insert(topics)
      .values({
        title: body.title, categoryCode: body.categoryCode, communityCode: body.communityCode, orgPath: community.orgPath, leadUnitCode: body.leadUnitCode,
        coUnitCodes: body.coUnitCodes, target: body.target, targetMonthly: body.targetMonthly, createdBy: actor.kind === 'user' ? actor.id : null,
      })
      .returning({ id: topics.id });
    const topicId = (row as { id: string }).id;
    await tx.insert(topicTasks).values(body.tasks.map((t, i) => ({ topicId, title: t.title, deadline: t.deadline, ownerUnitCode: t.ownerUnitCode ?? null, sort: i })));
    await recordAudit(tx, actor, { action: 'assessment.topic.open', targetType: 'assessment_topic', targetId: topicId, orgPath: community.orgPath, details: { title: body.title, categoryCode: body.categoryCode } });
    return topicId;
  });
  return getTopic(db, actor, id);
}

async function topicRow(db: Db, actor: Actor, id: string, permission: 'assessment.read' | 'assessment.manage'): Promise<TopicRow> {
  const [row] = await db.select().from(topics).where(eq(topics.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

/** A topic with its tasks and the monthly count of its cases from six months before opening to now. */
export async function getTopic(db: Db, actor: Actor, id: string, now = new Date()): Promise<TopicView> {
  const row = await topicRow(db, actor, id, 'assessment.read');
  const [summary] = await summaries(db, [row]);
  const tasks = await db.select().from(topicTasks).where(eq(topicTasks.topicId, id)).orderBy(asc(topicTasks.sort));
  const named = await namedUnits(db, [...row.coUnitCodes, ...tasks.flatMap((t) => (t.ownerUnitCode ? [t.ownerUnitCode] : []))]);
  const openedMonth = chinaToday(row.openedAt).slice(0, 7);
  const firstMonth = addMonths(openedMonth, -6);
  const lastMonth = chinaToday(now).slice(0, 7);
  const counts = await monthlyCaseCounts(db, {
    underPath: row.orgPath, from: chinaDayStart(`${firstMonth}-01`), to: chinaDayStart(`${addMonths(lastMonth, 1)}-01`), categoryCode: row.categoryCode, communityCode: row.communityCode,
  });
  const byMonth = new Map(counts.map((c) => [c.month, c.count]));
  const monthly: TopicView['monthly'] = [];
  for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) monthly.push({ month: m, count: byMonth.get(m) ?? 0, afterOpening: m > openedMonth });
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);
  const today = chinaToday(now);
  return {
    ...(summary as TopicSummary),
    coUnits: row.coUnitCodes.map(named),
    target: row.target,
    targetMonthly: row.targetMonthly,
    closedAt: row.closedAt,
    closingNote: row.closingNote,
    tasks: tasks.map((t) => ({
      id: t.id, title: t.title, deadline: t.deadline, ownerUnit: t.ownerUnitCode ? named(t.ownerUnitCode) : null, status: t.status, note: t.note, doneAt: t.doneAt,
      isOverdue: t.status === 'open' && t.deadline < today,
    })),
    monthly,
    before: mean(monthly.filter((m) => m.month < openedMonth).map((m) => m.count)),
    after: mean(monthly.filter((m) => m.afterOpening).map((m) => m.count)),
    version: row.version,
  };
}

/** Marks a task done (or open again) with a note. */
export async function updateTask(db: Db, actor: Actor, id: string, taskId: string, body: { status: 'open' | 'done'; note?: string | undefined }): Promise<TopicView> {
  const row = await topicRow(db, actor, id, 'assessment.manage');
  if (row.status === 'closed') throw new AppError('CONFLICT', { summary: 'closed' });
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(topicTasks)
      .set({ status: body.status, note: body.note ?? null, doneAt: body.status === 'done' ? new Date() : null })
      .where(and(eq(topicTasks.id, taskId), eq(topicTasks.topicId, id)))
      .returning({ id: topicTasks.id });
    if (changed.length === 0) throw new AppError('NOT_FOUND', { what: taskId });
    await tx.update(topics).set({ version: sql`${topics.version} + 1` }).where(eq(topics.id, id));
    await recordAudit(tx, actor, { action: 'assessment.topic.task', targetType: 'assessment_topic', targetId: id, orgPath: row.orgPath, details: { taskId, status: body.status } });
  });
  return getTopic(db, actor, id);
}

/** Closes a topic with a note on what was achieved. */
export async function closeTopic(db: Db, actor: Actor, id: string, note: string): Promise<TopicView> {
  const row = await topicRow(db, actor, id, 'assessment.manage');
  if (row.status === 'closed') throw new AppError('CONFLICT', { summary: 'closed' });
  await db.transaction(async (tx) => {
    await tx.update(topics).set({ status: 'closed', closedAt: new Date(), closingNote: note, version: sql`${topics.version} + 1` }).where(eq(topics.id, id));
    await recordAudit(tx, actor, { action: 'assessment.topic.close', targetType: 'assessment_topic', targetId: id, orgPath: row.orgPath, details: { note } });
  });
  return getTopic(db, actor, id);
}

/** Open topics under some org paths (the leaders' to-do and the unit report). */
export async function openTopicsUnder(db: Db, paths: readonly string[], limit = 50): Promise<TopicSummary[]> {
  if (paths.length === 0) return [];
  const rows = await db.select().from(topics).where(and(eq(topics.status, 'open'), underPaths(topics.orgPath, paths))).orderBy(desc(topics.openedAt)).limit(limit);
  return summaries(db, rows);
}
