// Reading the audit log: search for the auditor. Writing and verifying the chain is the
// platform's (platform/audit.ts), since every module records into it.
import { and, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit.ts';
import type { AuditPage, AuditSearchQuery } from './contract.ts';

/** Searches the audit log, newest first. */
export async function searchAudit(db: Db, q: AuditSearchQuery): Promise<AuditPage> {
  const conditions: SQL[] = [];
  if (q.actor) conditions.push(eq(auditLog.actorName, q.actor));
  if (q.action) conditions.push(like(auditLog.action, `${q.action.replace(/[\\%_]/g, '\\$&')}%`));
  if (q.result) conditions.push(eq(auditLog.result, q.result));
  if (q.targetId) conditions.push(eq(auditLog.targetId, q.targetId));
  if (q.from) conditions.push(gte(auditLog.at, q.from));
  if (q.to) conditions.push(lte(auditLog.at, q.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: count?.total ?? 0, page: q.page, pageSize: q.pageSize };
}
