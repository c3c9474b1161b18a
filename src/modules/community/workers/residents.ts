// The registry's residents as the community module may show them: read by id, named in clear
// only to holders of registry.read on the resident's community (as the registry does), masked
// for everyone else (an organisation's staff); never an ID number or phone.
import { sql } from 'drizzle-orm';
import { maskName } from '../../registry/index.ts';
import { canAccess, type Actor } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db.ts';

export interface ResidentRef {
  id: string;
  name: string;
  orgPath: string;
}

/** Residents by id (the registry keeps no other module's tables; this read names columns only). */
export async function residentsById(db: Db, ids: readonly string[]): Promise<Map<string, ResidentRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<ResidentRef>(db, sql`select id::text as id, name, org_path as "orgPath" from residents where id in (${sql.join(unique.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, r]));
}

/** A resident's name as this actor may see it. */
export function shownResidentName(actor: Actor, resident: { name: string; orgPath: string }): string {
  return canAccess(actor, 'registry.read', resident.orgPath) ? resident.name : maskName(resident.name);
}
