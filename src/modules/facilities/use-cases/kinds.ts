// The standard table (GB 50180-2018): read by everyone who reads facilities (and the public
// portal, for names), edited by district staff. A change marks every district's coverage stale.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { standardWalkMeters, type CreateFacilityKindInput, type FacilityKind, type UpdateFacilityKindInput } from '../contract.ts';
import { assertMayEditStandard } from '../policies.ts';
import { facilityDistricts, facilityKinds } from '../schema.ts';
import { markCoverageStale } from './common.ts';

function kindView(row: typeof facilityKinds.$inferSelect): FacilityKind {
  const { updatedAt: _updatedAt, ...view } = row;
  return view;
}

/** The whole standard table in its order (a few dozen rows). */
export async function listKinds(db: Db): Promise<FacilityKind[]> {
  const rows = await db.select().from(facilityKinds).orderBy(asc(facilityKinds.sort), asc(facilityKinds.code));
  return rows.map(kindView);
}

/** One kind by code, or undefined. */
export async function findKind(db: Db, code: string): Promise<FacilityKind | undefined> {
  const [row] = await db.select().from(facilityKinds).where(eq(facilityKinds.code, code));
  return row && kindView(row);
}

async function markAllDistrictsStale(db: Db): Promise<void> {
  const districts = await db.select({ code: facilityDistricts.districtCode }).from(facilityDistricts);
  for (const d of districts) await markCoverageStale(db, d.code);
}

export async function createKind(db: Db, actor: Actor, input: CreateFacilityKindInput): Promise<FacilityKind> {
  assertMayEditStandard(actor);
  if (await findKind(db, input.code)) throw new AppError('CONFLICT', { what: `设施类型 ${input.code}` });
  const [{ next } = { next: 0 }] = await db.select({ next: sql<number>`coalesce(max(${facilityKinds.sort}), 0)::int + 10` }).from(facilityKinds);
  const [row] = await db
    .insert(facilityKinds)
    .values({ ...input, walkMeters: input.walkMeters ?? standardWalkMeters[input.level], sort: next })
    .returning();
  await recordAudit(db, actor, { action: 'facilities.kind.create', targetType: 'facility_kind', targetId: input.code, details: { ...input } });
  await markAllDistrictsStale(db);
  return kindView(row!);
}

export async function updateKind(db: Db, actor: Actor, code: string, input: UpdateFacilityKindInput): Promise<FacilityKind> {
  assertMayEditStandard(actor);
  const current = await findKind(db, code);
  if (!current) throw new AppError('NOT_FOUND', { what: `设施类型 ${code}` });
  const { version, ...changes } = input;
  if (current.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
  // A new level without a stated distance takes the level's standard distance.
  const walkMeters = changes.walkMeters ?? (changes.level && changes.level !== current.level ? standardWalkMeters[changes.level] : undefined);
  const [row] = await db
    .update(facilityKinds)
    .set({ ...changes, ...(walkMeters !== undefined ? { walkMeters } : {}), version: sql`${facilityKinds.version} + 1`, updatedAt: new Date() })
    .where(sql`${facilityKinds.code} = ${code} and ${facilityKinds.version} = ${version}`)
    .returning();
  if (!row) throw new AppError('VERSION_CONFLICT', {});
  await recordAudit(db, actor, { action: 'facilities.kind.update', targetType: 'facility_kind', targetId: code, details: { ...changes } });
  await markAllDistrictsStale(db);
  return kindView(row);
}
