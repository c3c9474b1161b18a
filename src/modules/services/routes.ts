// HTTP routes of services, one table per part: the catalogue and bundles, applications and
// their materials, the public catalogue and follow-up, and services2's parts (appointments,
// ratings, admission lists and tasks, ledgers, packages). Uploads need multipart, so the
// tables are mounted from this RouteModule.
import multipart from '@fastify/multipart';
import type { RouteModule } from '../../platform/http.ts';
import { maxUploadBytes } from '../../platform/storage.ts';
import { catalogueRoutes, publicCatalogueRoutes } from './catalogue/routes.ts';
import { applicationRoutes, publicApplicationRoutes } from './applications/routes.ts';
import { appointmentRoutes } from './appointments/routes.ts';
import { ratingRoutes } from './ratings/routes.ts';
import { admissionRoutes } from './admission/routes.ts';
import { ledgerRoutes } from './ledgers/routes.ts';
import { packageRoutes } from './packages/routes.ts';

const tables: RouteModule[] = [catalogueRoutes, publicCatalogueRoutes, applicationRoutes, publicApplicationRoutes, appointmentRoutes, ratingRoutes, admissionRoutes, ledgerRoutes, packageRoutes];

/** HTTP routes of services. */
export const serviceRoutes: RouteModule = async (base, ctx) => {
  await base.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1 } });
  for (const table of tables) await table(base, ctx);
};
