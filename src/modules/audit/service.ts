// Reading the audit log: search for the auditor. Writing and verifying the chain is the
// platform's (platform/audit.ts), since every module records into it.
import { and, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../platform/list-page.ts';
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
  return listPage(
    q,
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countAll).from(auditLog).where(where),
  );
}
