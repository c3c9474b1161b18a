// A grid worker's phone view: the start screen (my grids, what is in them, who is due for
// a visit) and the look-up of a house or a person.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { inScope, requirePermission, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { gridsUnder } from '../../org/index.ts';
import type { LookupResult, MyGrid } from '../contract.ts';
import { visibleMembershipCondition } from '../key-groups/catalogue.ts';
import { addDays, chinaToday } from '../vocabulary.ts';
import { listHouses } from './houses.ts';
import { searchResidents } from './search-residents.ts';

/** A grid worker's start screen: my grids, what is in them, and who is due for a visit. */
export async function myGridSummary(db: Db, actor: Actor): Promise<MyGrid> {
  requirePermission(actor, 'registry.read');
  const today = chinaToday();
  const gridRows = await gridsUnder(db, scopePaths(actor, 'registry.read'), { limit: 50 });
  const [counts] = await queryRows<Record<string, number>>(db, sql`
    select (select count(*)::int from buildings where ${inScope(actor, 'registry.read', sql`buildings.org_path`)}) as buildings,
           (select count(*)::int from houses where ${inScope(actor, 'registry.read', sql`houses.org_path`)}) as houses,
           (select count(*)::int from residents where status = 'active' and ${inScope(actor, 'registry.read', sql`residents.org_path`)}) as residents,
           (select count(*)::int from key_group_memberships m where m.until is null and ${inScope(actor, 'registry.read', sql`m.org_path`)} and ${visibleMembershipCondition(actor, sql`m`)}) as "keyGroupMembers",
           (select count(*)::int from key_group_memberships m where m.until is null and m.next_visit_due < ${today}::date and ${inScope(actor, 'registry.read', sql`m.org_path`)} and ${visibleMembershipCondition(actor, sql`m`)}) as overdue,
           (select count(*)::int from key_group_memberships m where m.until is null and m.next_visit_due between ${today}::date and ${addDays(today, 7)}::date and ${inScope(actor, 'registry.read', sql`m.org_path`)} and ${visibleMembershipCondition(actor, sql`m`)}) as "dueThisWeek"
  `);
  return {
    grids: gridRows.map(({ code, name }) => ({ code, name })),
    counts: {
      buildings: counts?.buildings ?? 0,
      houses: counts?.houses ?? 0,
      residents: counts?.residents ?? 0,
      keyGroupMembers: counts?.keyGroupMembers ?? 0,
      overdue: counts?.overdue ?? 0,
      dueThisWeek: counts?.dueThisWeek ?? 0,
    },
  };
}



/** Looks up a house ("3号楼 302") or a person (name, pinyin, initials, whole ID or phone) in scope. */
export async function lookUp(db: Db, pii: PiiCipher, actor: Actor, q: string): Promise<LookupResult> {
  const [houses, residents] = await Promise.all([
    listHouses(db, actor, { q, page: 1, pageSize: 10 }),
    searchResidents(db, pii, actor, { q, page: 1, pageSize: 20 }, null, 'my-grid'),
  ]);
  return { houses: houses.items, residents: residents.items };
}
