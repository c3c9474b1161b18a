// Where the registry's screens live, so pages link to each other without importing each other.
export const housingPath = '/console/registry/housing';
export const buildingPath = (id: string) => `${housingPath}/buildings/${id}`;
export const housePath = (id: string) => `${housingPath}/houses/${id}`;
export const householdPath = (id: string) => `${housingPath}/households/${id}`;
export const residentsPath = '/console/registry/residents';
export const residentPath = (id: string) => `${residentsPath}/${id}`;
export const keyGroupsPath = '/console/registry/key-groups';
export const importPath = '/console/registry/import';
export const mobileRegistryPath = '/m/registry';
