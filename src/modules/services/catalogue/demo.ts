// The demo catalogue and bundles, inserted set-based (one statement per table).
import { systemActor } from '../../../platform/auth/scope.ts';
import type { DemoContext } from '../../../platform/module.ts';
import { createBundle, listBundles } from '../bundles/bundles.ts';
import { demoBundles, demoCatalogue } from '../demo-catalogue.ts';
import { serviceItems, serviceItemVersions } from '../schema.ts';
import { itemSearchText } from './search-keys.ts';

/** Loads the demo catalogue (the deciding department: the demo department) and its bundles. */
export async function seedCatalogueDemo({ db, state, counts }: DemoContext): Promise<void> {
  const items = demoCatalogue(state.department?.code ?? null);
  await db.transaction(async (tx) => {
    await tx.insert(serviceItems).values(items.map((i) => ({ code: i.code, currentVersion: 1, searchText: itemSearchText(i.content.name, i.code) }))).onConflictDoNothing();
    await tx.insert(serviceItemVersions).values(items.map((i) => ({ code: i.code, version: 1, ...i.content }))).onConflictDoNothing();
  });
  const keeper = { ...systemActor, grants: [{ role: 'district_staff' as const, orgPath: '' }] };
  const had = new Set((await listBundles(db, true)).map((b) => b.code));
  for (const b of demoBundles) if (!had.has(b.code)) await createBundle(db, keeper, b);
  counts.serviceItems = items.length;
  counts.serviceBundles = demoBundles.length;
}
