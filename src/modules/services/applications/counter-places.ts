// The communities a counter may take applications from, for its picker: every community of
// the district its centre is in (a 全区通办 item comes from anywhere in it; the intake still
// checks each item's own rule), grouped by street, with pinyin and initials to search by.
import { requirePermission, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { orgUnitsUnder, type TreePlace } from '../../org/index.ts';
import type { CounterStreets } from '../contract.ts';
import { itemSearchText } from '../catalogue/search-keys.ts';

// Paths below a district (street, community) widen to their district: its first three codes.
const districtDepth = 3;
const parentPath = (path: string) => path.split('.').slice(0, -1).join('.');

/** The streets and communities of the districts of the actor's counters (grants above a district: every street below them). */
export async function counterCommunities(db: Db, actor: Actor): Promise<CounterStreets> {
  requirePermission(actor, 'services.intake');
  const roots = [...new Set(scopePaths(actor, 'services.intake').filter((p) => p !== '').map((p) => p.split('.').slice(0, districtDepth).join('.')))];
  const streets: TreePlace[] = [];
  const communities: TreePlace[] = [];
  for (const root of roots.filter((r) => !roots.some((q) => q !== r && r.startsWith(`${q}.`)))) {
    streets.push(...(await orgUnitsUnder(db, root, 'street')));
    communities.push(...(await orgUnitsUnder(db, root, 'community')));
  }
  const byStreet = new Map<string, TreePlace[]>();
  for (const c of communities) byStreet.set(parentPath(c.orgPath), [...(byStreet.get(parentPath(c.orgPath)) ?? []), c]);
  const place = (p: TreePlace) => ({ code: p.code, name: p.name, search: itemSearchText(p.name, p.code) });
  return streets.map((s) => ({ ...place(s), communities: (byStreet.get(s.orgPath) ?? []).map(place) })).filter((s) => s.communities.length > 0);
}
