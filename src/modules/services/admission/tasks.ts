// Tasks departments push down to communities (任务下派): each must name an entry of the
// admission lists; a task on none is refused, or waits for the street's admission review
// (准入审核) when the department gives a reason. Counts per department are published.
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, coversPath, inScope, scopePaths, shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit, orgUnitNames } from '../../org/index.ts';
import type { CreateTaskBody, ReviewTaskBody, TaskCounts, TaskListQuery, TaskView } from '../contract/admission.ts';
import { admissionEntries, communityTasks } from '../schema/admission.ts';
import { fieldError, pathUnder } from '../ratings/common.ts';
import { findEntry } from './entries.ts';
import { admissionDecision } from './rules.ts';
import { beijingYear } from '../../../platform/beijing-time.ts';

type TaskRow = typeof communityTasks.$inferSelect;

async function present(db: Db, rows: TaskRow[]): Promise<TaskView[]> {
  const ids = [...new Set(rows.map((r) => r.entryId).filter((id): id is string => id !== null))];
  const entries = ids.length ? await db.select().from(admissionEntries).where(inArray(admissionEntries.id, ids)) : [];
  return rows.map((r) => {
    const entry = entries.find((e) => e.id === r.entryId);
    return {
      id: r.id, number: r.number, departmentCode: r.departmentCode, departmentName: r.departmentName, targetCode: r.targetCode, targetName: r.targetName,
      title: r.title, description: r.description, deadline: r.deadline, reportFields: r.reportFields,
      entry: entry ? { code: entry.code, title: entry.title, list: entry.list } : null,
      status: r.status, reviewReason: r.reviewReason, decisionNote: r.decisionNote, decidedAt: r.decidedAt, decidedBy: r.decidedBy, createdAt: r.createdAt,
    };
  });
}

/** The district path above a department's (departments hang under a district or street). */
function parentPath(path: string): string {
  return path.split('.').slice(0, -1).join('.');
}

/** Pushes a task down: admitted, sent to the street's review, or refused (nothing stored). */
export async function createTask(db: Db, actor: Actor, body: CreateTaskBody): Promise<TaskView> {
  const department = await findOrgUnit(db, body.departmentCode);
  if (!department || department.level !== 'department') throw fieldError('body.departmentCode', '请选择部门 / a department code');
  assertInScope(actor, 'services.tasks', department.orgPath);
  const target = await findOrgUnit(db, body.targetCode);
  if (!target || !['community', 'street'].includes(target.level)) throw fieldError('body.targetCode', '任务下派到社区或街道 / a community or street code');
  if (!coversPath(parentPath(department.orgPath), target.orgPath)) throw fieldError('body.targetCode', '只能下派到本辖区的社区 / only to communities of your district');
  const entry = body.entryCode ? await findEntry(db, body.entryCode) : null;
  if (entry && !coversPath(entry.orgPath, target.orgPath)) throw new AppError('ADMISSION_ENTRY_NOT_FOUND', { code: entry.code });
  const decision = admissionDecision(entry, body.reviewReason);
  if ('refused' in decision) throw new AppError('TASK_NOT_ADMITTED', { reason: decision.refused });
  return db.transaction(async (tx) => {
    const year = beijingYear();
    const [{ total } = { total: 0 }] = await tx.select(countAll).from(communityTasks).where(sql`${communityTasks.number} like ${`RW${year}%`}`);
    const [row] = await tx
      .insert(communityTasks)
      .values({
        number: `RW${year}${String(total + 1).padStart(5, '0')}`, departmentCode: department.code, departmentName: department.name, departmentPath: department.orgPath,
        targetCode: target.code, targetName: target.name, orgPath: target.orgPath, title: body.title, description: body.description, deadline: body.deadline,
        reportFields: body.reportFields, entryId: entry?.id ?? null, status: decision.status, reviewReason: entry ? null : (body.reviewReason ?? null), createdBy: actor.id,
      })
      .returning();
    const task = row as TaskRow;
    await recordAudit(tx, actor, { action: 'services.task.create', targetType: 'community_task', targetId: task.number, orgPath: task.orgPath, details: { status: task.status, entry: entry?.code ?? null } });
    return (await present(tx, [task]))[0] as TaskView;
  });
}

/** Tasks the asker may see: to their area (a street's tasks reach its communities too), or pushed by their department. */
function visibleTasks(actor: Actor): SQL {
  const areas = scopePaths(actor, 'services.read').map((p) => (p === '' ? sql`true` : sql`(${communityTasks.orgPath} = ${p} or ${communityTasks.orgPath} like ${`${p}.%`} or ${p} like ${communityTasks.orgPath} || '.%')`));
  return or(inScope(actor, 'services.tasks', communityTasks.departmentPath), ...areas) as SQL;
}

/** Tasks in view, newest first. */
export async function listTasks(db: Db, actor: Actor, q: TaskListQuery) {
  const conditions: (SQL | undefined)[] = [visibleTasks(actor)];
  if (q.status) conditions.push(eq(communityTasks.status, q.status));
  if (q.under) {
    const path = await pathUnder(db, q.under);
    conditions.push(or(sql`${communityTasks.orgPath} = ${path} or ${communityTasks.orgPath} like ${`${path}.%`}`, sql`${path} like ${communityTasks.orgPath} || '.%'`));
  }
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(communityTasks).where(where).orderBy(desc(communityTasks.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityTasks).where(where),
    (rows) => present(db, rows),
  );
}

/** The street admits or refuses a task waiting for its review. */
export async function reviewTask(db: Db, actor: Actor, id: string, body: ReviewTaskBody): Promise<TaskView> {
  const [row] = await db.select().from(communityTasks).where(eq(communityTasks.id, id));
  if (!row) throw new AppError('TASK_NOT_FOUND', {});
  if (!canAccess(actor, 'services.admission_review', row.orgPath)) throw new AppError('OUT_OF_SCOPE', { permission: 'services.admission_review' });
  if (row.status !== 'under_review') throw new AppError('TASK_ACTION_NOT_ALLOWED', { status: row.status });
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(communityTasks)
      .set({ status: body.decision === 'admit' ? 'assigned' : 'refused', decisionNote: body.note, decidedAt: new Date(), decidedBy: shownName(actor) })
      .where(and(eq(communityTasks.id, id), eq(communityTasks.status, 'under_review')))
      .returning();
    if (!saved) throw new AppError('TASK_ACTION_NOT_ALLOWED', { status: 'decided' });
    await recordAudit(tx, actor, { action: `services.task.${body.decision}`, targetType: 'community_task', targetId: saved.number, orgPath: saved.orgPath });
    return (await present(tx, [saved]))[0] as TaskView;
  });
}

/** Tasks each department of a district pushed in a year, by outcome (published, 减负 made visible). */
export async function taskCounts(db: Db, districtCode: string, year = beijingYear()): Promise<TaskCounts> {
  const districtPath = await pathUnder(db, districtCode);
  const rows = await db
    .select({ code: communityTasks.departmentCode, name: communityTasks.departmentName, status: communityTasks.status, n: sql<number>`count(*)::int` })
    .from(communityTasks)
    .where(and(sql`${communityTasks.departmentPath} like ${`${districtPath}.%`}`, gte(communityTasks.createdAt, new Date(`${year}-01-01T00:00:00+08:00`)), lt(communityTasks.createdAt, new Date(`${year + 1}-01-01T00:00:00+08:00`))))
    .groupBy(communityTasks.departmentCode, communityTasks.departmentName, communityTasks.status);
  const codes = [...new Set(rows.map((r) => r.code))];
  const names = await orgUnitNames(db, codes);
  const count = (code: string, status: string) => rows.find((r) => r.code === code && r.status === status)?.n ?? 0;
  return {
    year,
    rows: codes
      .map((code) => ({ departmentCode: code, departmentName: names.get(code) ?? rows.find((r) => r.code === code)?.name ?? code, assigned: count(code, 'assigned'), underReview: count(code, 'under_review'), refused: count(code, 'refused') }))
      .sort((a, b) => b.assigned - a.assigned),
  };
}
