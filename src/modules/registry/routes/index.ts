// The registry's HTTP routes, by resource.
import multipart from '@fastify/multipart';
import type { RouteModule } from '../../../platform/http.ts';
import { exportRoutes } from './export.ts';
import { housingRoutes } from './housing.ts';
import { importRoutes } from './import.ts';
import { keyGroupRoutes } from './key-groups.ts';
import { residentRoutes } from './residents.ts';

/** HTTP routes of the registry: records, search, key groups and visits, import and export. */
export const registryRoutes: RouteModule = async (base, ctx) => {
  // Ledgers of 200,000 rows are some tens of megabytes; one file per upload.
  await base.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1, fields: 5 } });
  for (const table of [housingRoutes, residentRoutes, keyGroupRoutes, importRoutes, exportRoutes]) await table(base, ctx);
};
