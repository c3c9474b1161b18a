// The admission lists (三个清单 and 证明事项保留清单) of a district: published to anyone, kept by the district.
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { AdmissionEntryBody, AdmissionEntryQuery, AdmissionEntryView } from '../contract/admission.ts';
import { admissionEntries } from '../schema/admission.ts';
import { fieldError } from '../ratings/common.ts';

type EntryRow = typeof admissionEntries.$inferSelect;

/** An entry as published. */
export function presentEntry(r: EntryRow): AdmissionEntryView {
  return { id: r.id, list: r.list, code: r.code, title: r.title, basis: r.basis, departmentName: r.departmentName, certificateKind: r.certificateKind, districtCode: r.districtCode, active: r.active };
}

/** The lists' entries, by list and code; public. */
export async function listEntries(db: Db, q: AdmissionEntryQuery) {
  const conditions: (SQL | undefined)[] = [eq(admissionEntries.active, true)];
  if (q.list) conditions.push(eq(admissionEntries.list, q.list));
  if (q.district) conditions.push(eq(admissionEntries.districtCode, q.district));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(admissionEntries.title, like), ilike(admissionEntries.code, like), ilike(admissionEntries.departmentName, like)));
  }
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(admissionEntries).where(where).orderBy(asc(admissionEntries.list), asc(admissionEntries.code)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(admissionEntries).where(where),
    (rows) => rows.map(presentEntry),
  );
}

/** Adds an entry to a district's list. */
export async function createEntry(db: Db, actor: Actor, body: AdmissionEntryBody): Promise<AdmissionEntryView> {
  const district = await findOrgUnit(db, body.districtCode);
  if (!district || district.level !== 'district') throw fieldError('body.districtCode', '请选择区县 / a district code');
  assertInScope(actor, 'services.admission', district.orgPath);
  if (body.certificateKind && body.list !== 'certificate') throw fieldError('body.certificateKind', '只有证明事项清单可选证明类型 / only certificate entries have a kind');
  const [row] = await db
    .insert(admissionEntries)
    .values({ ...body, certificateKind: body.certificateKind ?? null, districtCode: district.code, orgPath: district.orgPath })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', { summary: `清单编码 ${body.code} 已存在 / code exists` });
  await recordAudit(db, actor, { action: 'services.admission.entry', targetType: 'admission_entry', targetId: row.code, orgPath: row.orgPath, details: { list: row.list } });
  return presentEntry(row);
}

/** An entry by code (any state), or ADMISSION_ENTRY_NOT_FOUND. */
export async function findEntry(db: Db, code: string): Promise<EntryRow> {
  const [row] = await db.select().from(admissionEntries).where(eq(admissionEntries.code, code));
  if (!row) throw new AppError('ADMISSION_ENTRY_NOT_FOUND', { code });
  return row;
}
