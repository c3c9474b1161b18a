// What the facilities' use cases share: field errors, the district a node lies in, and
// marking a district's coverage stale so the background job recomputes it.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { enqueueJob } from '../../../platform/jobs.ts';
import { findOrgNodes, placeOf, type TreePlace } from '../../org/index.ts';
import { facilityDistricts } from '../schema.ts';

export const RECOMPUTE_JOB = 'facilities.recompute-coverage';

/** VALIDATION_FAILED naming one field, as zod failures do. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ field, message }], summary: `${field}: ${message}` });
}

/** A node of the tree by code, or NOT_FOUND naming it. */
export async function requirePlace(db: Db, code: string, what = '组织节点 / org unit'): Promise<TreePlace> {
  const place = await placeOf(db, code);
  if (!place) throw new AppError('NOT_FOUND', { what: `${what} ${code}` });
  return place;
}

/** The district (county-level node) on an org path, or undefined above district level. */
export async function districtOn(db: Db, orgPath: string): Promise<TreePlace | undefined> {
  const nodes = await findOrgNodes(db, orgPath.split('.'));
  return nodes.find((n) => n.level === 'district');
}

/** A district's code as given, checked to be one. */
export async function requireDistrict(db: Db, code: string, field: string): Promise<TreePlace> {
  const place = await placeOf(db, code);
  if (!place || place.level !== 'district') throw fieldError(field, `${code} 不是区县 / is not a district`);
  return place;
}

/** Makes sure a district has its settings row (defaults: detour factor 1.3, no road network). */
export async function ensureDistrictRow(db: Db, district: TreePlace): Promise<void> {
  await db.insert(facilityDistricts).values({ districtCode: district.code, orgPath: district.orgPath }).onConflictDoNothing();
}

/**
 * Marks a district's coverage stale and queues its recomputation. Jobs are not deduplicated:
 * each compares the generation it finds with the one last computed, so a burst of changes
 * costs one computation and a change made during a run is never lost.
 */
export async function markCoverageStale(db: Db, districtCode: string): Promise<void> {
  await db.execute(sql`update facility_districts set generation = generation + 1 where district_code = ${districtCode}`);
  await enqueueJob(db, RECOMPUTE_JOB, { districtCode });
}

/** An ILIKE pattern matching text that contains the words typed (LIKE's wildcards taken literally). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
