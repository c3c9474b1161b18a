// Social workers: the register, the caseload (residents they serve) and service records.
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, sql, sum, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, inScope, shownName, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf, type ListPage } from '../../../platform/list-page.ts';
import type { AddCaseBody, CaseloadQuery, CaseloadView, CreateWorkerBody, UpdateWorkerBody, WorkerListQuery, WorkerServiceBody, WorkerView } from '../contract.ts';
import { communityCaseload, communityOrganisations, communityWorkerServices, communityWorkers } from '../schema.ts';
import { invalidField, namesOfPaths, placeInScope, underPath } from '../places.ts';
import { residentsById, shownResidentName } from './residents.ts';

type Row = typeof communityWorkers.$inferSelect;

async function present(db: Db, rows: Row[]): Promise<WorkerView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const [names, open, minutes] = await Promise.all([
    namesOfPaths(db, rows.map((r) => r.orgPath)),
    db.select({ id: communityCaseload.workerId, n: count() }).from(communityCaseload).where(and(sql`${communityCaseload.workerId} in (${idList})`, isNull(communityCaseload.closedOn))).groupBy(communityCaseload.workerId),
    db.select({ id: communityWorkerServices.workerId, n: sum(communityWorkerServices.minutes).mapWith(Number) }).from(communityWorkerServices).where(sql`${communityWorkerServices.workerId} in (${idList})`).groupBy(communityWorkerServices.workerId),
  ]);
  const openBy = new Map(open.map((o) => [o.id, o.n]));
  const minutesBy = new Map(minutes.map((m) => [m.id, m.n]));
  return rows.map(({ createdAt: _c, ...r }) => ({ ...r, orgName: names.get(r.orgPath) ?? r.orgPath, openCases: openBy.get(r.id) ?? 0, serviceMinutes: minutesBy.get(r.id) ?? 0 }));
}

async function employerName(db: Db, employerId: string | null | undefined, given: string | null | undefined): Promise<string | null> {
  if (!employerId) return given ?? null;
  const [org] = await db.select({ name: communityOrganisations.name }).from(communityOrganisations).where(eq(communityOrganisations.id, employerId));
  if (!org) throw invalidField('body.employerId', '没有这个社会组织 / no such organisation');
  return org.name;
}

export async function createWorker(db: Db, actor: Actor, body: CreateWorkerBody): Promise<WorkerView> {
  const place = await placeInScope(db, actor, 'community.write', body.orgCode);
  const employer = await employerName(db, body.employerId, body.employerName);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(communityWorkers)
      .values({ orgPath: place.orgPath, name: body.name, level: body.level, certificateNumber: body.certificateNumber ?? null, certifiedOn: body.certifiedOn ?? null, employerId: body.employerId ?? null, employerName: employer })
      .returning();
    await recordAudit(tx, actor, { action: 'community.worker.create', targetType: 'community_worker', targetId: created!.id, orgPath: place.orgPath, details: { level: body.level } });
    return created!;
  });
  return (await present(db, [row]))[0]!;
}

async function loadWorker(db: Db, actor: Actor, id: string, permission: 'community.read' | 'community.write'): Promise<Row> {
  const [row] = await db.select().from(communityWorkers).where(eq(communityWorkers.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: `社工 ${id}` });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

export async function getWorker(db: Db, actor: Actor, id: string): Promise<WorkerView> {
  return (await present(db, [await loadWorker(db, actor, id, 'community.read')]))[0]!;
}

export async function updateWorker(db: Db, actor: Actor, id: string, body: UpdateWorkerBody): Promise<WorkerView> {
  const row = await loadWorker(db, actor, id, 'community.write');
  const { version, ...changes } = body;
  const employer = body.employerId !== undefined ? { employerName: await employerName(db, body.employerId, body.employerName) } : {};
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx.update(communityWorkers).set({ ...changes, ...employer, version: version + 1 }).where(and(eq(communityWorkers.id, id), eq(communityWorkers.version, version))).returning();
    if (!next) throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
    await recordAudit(tx, actor, { action: 'community.worker.update', targetType: 'community_worker', targetId: id, orgPath: row.orgPath, details: { fields: Object.keys(changes) } });
    return next;
  });
  return (await present(db, [updated]))[0]!;
}

export async function listWorkers(db: Db, actor: Actor, q: WorkerListQuery): Promise<ListPage<WorkerView>> {
  const conditions: SQL[] = [inScope(actor, 'community.read', communityWorkers.orgPath)];
  const path = await underPath(db, q.under);
  if (path) conditions.push(underPaths(communityWorkers.orgPath, [path]));
  if (q.level) conditions.push(eq(communityWorkers.level, q.level));
  if (q.q) conditions.push(ilike(communityWorkers.name, `%${q.q}%`));
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(communityWorkers).where(where).orderBy(asc(communityWorkers.name), asc(communityWorkers.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityWorkers).where(where),
    (rows) => present(db, rows),
  );
}

function caseloadWhere(workerId: string, state: CaseloadQuery['state']): SQL | undefined {
  return and(eq(communityCaseload.workerId, workerId), state === 'open' ? isNull(communityCaseload.closedOn) : state === 'closed' ? isNotNull(communityCaseload.closedOn) : undefined);
}

async function presentCases(db: Db, actor: Actor, rows: (typeof communityCaseload.$inferSelect)[]): Promise<CaseloadView[]> {
  const residents = await residentsById(db, rows.map((r) => r.residentId));
  return rows.map((r) => {
    const resident = residents.get(r.residentId);
    return { id: r.id, residentId: r.residentId, residentName: resident ? shownResidentName(actor, resident) : '—', reason: r.reason, openedOn: r.openedOn, closedOn: r.closedOn, outcome: r.outcome };
  });
}

/** The worker's caseload, paged, residents named as the actor may see them. */
export async function listCaseload(db: Db, actor: Actor, workerId: string, q: CaseloadQuery = { page: 1, pageSize: 20 }): Promise<ListPage<CaseloadView>> {
  await loadWorker(db, actor, workerId, 'community.read');
  const where = caseloadWhere(workerId, q.state);
  return listPage(
    q,
    db.select().from(communityCaseload).where(where).orderBy(desc(communityCaseload.openedOn), asc(communityCaseload.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityCaseload).where(where),
    (rows) => presentCases(db, actor, rows),
  );
}

/** The whole caseload (up to the ledger limit) for the .xlsx ledger, masked as the list is. */
export async function caseloadForLedger(db: Db, actor: Actor, workerId: string, state: CaseloadQuery['state'], limit: number): Promise<{ worker: WorkerView; cases: CaseloadView[] }> {
  const worker = await loadWorker(db, actor, workerId, 'community.read');
  const rows = await db.select().from(communityCaseload).where(caseloadWhere(workerId, state)).orderBy(desc(communityCaseload.openedOn), asc(communityCaseload.id)).limit(limit);
  return { worker: (await present(db, [worker]))[0]!, cases: await presentCases(db, actor, rows) };
}

/** Takes a resident into the worker's caseload: the resident must be in the actor's registry scope. */
export async function addCase(db: Db, actor: Actor, workerId: string, body: AddCaseBody): Promise<ListPage<CaseloadView>> {
  const worker = await loadWorker(db, actor, workerId, 'community.write');
  const resident = (await residentsById(db, [body.residentId])).get(body.residentId);
  if (!resident || !canAccess(actor, 'registry.read', resident.orgPath)) throw invalidField('body.residentId', '在您的范围内没有这位居民 / no such resident in your part of the tree');
  await db.transaction(async (tx) => {
    const [created] = await tx.insert(communityCaseload).values({ workerId, residentId: resident.id, residentOrgPath: resident.orgPath, reason: body.reason, openedOn: body.openedOn }).returning();
    await recordAudit(tx, actor, { action: 'community.worker.case_open', targetType: 'community_worker', targetId: workerId, orgPath: worker.orgPath, details: { caseId: created!.id } });
  });
  return listCaseload(db, actor, workerId);
}

export async function closeCase(db: Db, actor: Actor, workerId: string, caseId: string, body: { closedOn: string; outcome: string }): Promise<ListPage<CaseloadView>> {
  const worker = await loadWorker(db, actor, workerId, 'community.write');
  await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(communityCaseload)
      .set({ closedOn: body.closedOn, outcome: body.outcome })
      .where(and(eq(communityCaseload.id, caseId), eq(communityCaseload.workerId, workerId), isNull(communityCaseload.closedOn)))
      .returning();
    if (!closed) throw new AppError('NOT_FOUND', { what: `未结个案 ${caseId}` });
    await recordAudit(tx, actor, { action: 'community.worker.case_close', targetType: 'community_worker', targetId: workerId, orgPath: worker.orgPath, details: { caseId } });
  });
  return listCaseload(db, actor, workerId);
}

export async function listWorkerServices(db: Db, actor: Actor, workerId: string, q: { page: number; pageSize: number }) {
  await loadWorker(db, actor, workerId, 'community.read');
  const where = eq(communityWorkerServices.workerId, workerId);
  return listPage(
    q,
    db.select({ s: communityWorkerServices, residentId: communityCaseload.residentId }).from(communityWorkerServices).leftJoin(communityCaseload, eq(communityCaseload.id, communityWorkerServices.caseId)).where(where).orderBy(desc(communityWorkerServices.servedOn), desc(communityWorkerServices.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityWorkerServices).where(where),
    async (rows) => {
      const residents = await residentsById(db, rows.flatMap((r) => (r.residentId ? [r.residentId] : [])));
      return rows.map(({ s, residentId }) => {
        const resident = residentId ? residents.get(residentId) : undefined;
        return { id: s.id, caseId: s.caseId, residentName: resident ? shownResidentName(actor, resident) : null, servedOn: s.servedOn, minutes: s.minutes, summary: s.summary, recordedBy: s.recordedBy };
      });
    },
  );
}

export async function recordWorkerService(db: Db, actor: Actor, workerId: string, body: WorkerServiceBody) {
  const worker = await loadWorker(db, actor, workerId, 'community.write');
  if (body.caseId) {
    const [own] = await db.select({ id: communityCaseload.id }).from(communityCaseload).where(and(eq(communityCaseload.id, body.caseId), eq(communityCaseload.workerId, workerId)));
    if (!own) throw invalidField('body.caseId', '该个案不属于这位社工 / the case is not in this worker’s caseload');
  }
  await db.transaction(async (tx) => {
    const [created] = await tx.insert(communityWorkerServices).values({ workerId, caseId: body.caseId ?? null, servedOn: body.servedOn, minutes: body.minutes, summary: body.summary, recordedBy: shownName(actor) }).returning();
    await recordAudit(tx, actor, { action: 'community.worker.service', targetType: 'community_worker', targetId: workerId, orgPath: worker.orgPath, details: { serviceId: created!.id, minutes: body.minutes } });
  });
  return listWorkerServices(db, actor, workerId, { page: 1, pageSize: 20 });
}
