// Following an application without an account (办理过程可查询): by its number and the phone
// given when applying; the name masked, no identifiers, no staff names. The same answer for a
// wrong number and a wrong phone, so the endpoint tells nothing about which numbers exist.
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.ts';
import type { TrackedApplication } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { orgUnitNames } from '../../org/index.ts';
import { maskName } from '../../registry/index.ts';
import { applicationEvents, serviceApplications } from '../schema.ts';
import type { ServiceDeps } from './common.ts';
import { deadlineOf } from './present.ts';

/** The progress of an application, given its number and the applicant's phone. */
export async function trackApplication(deps: ServiceDeps, number: string, phone: string): Promise<TrackedApplication> {
  const [row] = await deps.db.select().from(serviceApplications).where(eq(serviceApplications.number, number.toUpperCase()));
  if (!row || row.phoneHash !== deps.pii.lookupHash(phone)) throw new AppError('APPLICATION_TRACKING_FAILED');
  const [item, events, names] = await Promise.all([
    getItem(deps.db, row.itemCode, row.itemVersion),
    deps.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, row.id)).orderBy(asc(applicationEvents.at)),
    orgUnitNames(deps.db, [row.unitCode]),
  ]);
  const materialName = (k: string) => item.materials.find((m) => m.key === k)?.name ?? k;
  return {
    number: row.number,
    itemName: item.name,
    status: row.status,
    applicantName: maskName(row.applicantName),
    unitName: names.get(row.unitCode) ?? row.unitCode,
    submittedAt: row.submittedAt,
    dueAt: row.dueAt,
    deadline: deadlineOf(row),
    correction: row.correction ? { missing: row.correction.missing.map(materialName), note: row.correction.note } : null,
    reason: row.reason,
    timeline: events.map((e) => ({ at: e.at, status: e.status, action: e.action, note: e.action === 'request_correction' || e.action === 'not_accept' || e.action === 'refuse' ? e.note : null })),
  };
}
