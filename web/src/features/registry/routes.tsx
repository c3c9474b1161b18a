import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const registryRoutes: FeatureRoutes = {
  console: [
    { path: 'registry/housing', permission: 'registry.read', page: lazyNamed(() => import('./pages/housing-page.tsx'), 'RegistryHousingPage') },
    { path: 'registry/housing/buildings/:buildingId', permission: 'registry.read', page: lazyNamed(() => import('./pages/building-page.tsx'), 'RegistryBuildingPage') },
    { path: 'registry/housing/houses/:houseId', permission: 'registry.read', page: lazyNamed(() => import('./pages/house-page.tsx'), 'RegistryHousePage') },
    { path: 'registry/housing/households/:householdId', permission: 'registry.read', page: lazyNamed(() => import('./pages/household-page.tsx'), 'RegistryHouseholdPage') },
    { path: 'registry/residents', permission: 'registry.read', page: lazyNamed(() => import('./pages/residents-page.tsx'), 'RegistryResidentsPage') },
    { path: 'registry/residents/:residentId', permission: 'registry.read', page: lazyNamed(() => import('./pages/resident-page.tsx'), 'RegistryResidentPage') },
    { path: 'registry/key-groups', permission: 'registry.read', page: lazyNamed(() => import('./pages/key-groups-page.tsx'), 'RegistryKeyGroupsPage') },
    { path: 'registry/import', permission: 'registry.import', page: lazyNamed(() => import('./pages/import-page.tsx'), 'RegistryImportPage') },
  ],
  mobile: [{ path: 'registry', permission: 'registry.read', page: lazyNamed(() => import('./pages/mobile-page.tsx'), 'RegistryMobilePage') }],
};
