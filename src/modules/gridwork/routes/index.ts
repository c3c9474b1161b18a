// HTTP routes of the grid worker's day, by resource; the multipart parser (work-log photos)
// is registered here for this module's routes only.
import multipart from '@fastify/multipart';
import type { RouteModule } from '../../../platform/http.ts';
import { maxUploadBytes } from '../../../platform/storage.ts';
import { patrolRoutes } from './patrols.ts';
import { dutyRoutes } from './duty.ts';
import { logRoutes } from './logs.ts';
import { attendanceRoutes } from './attendance.ts';
import { recordRoutes } from './records.ts';

/** Patrols, duty lists, work logs, attendance, records and settings. */
export const gridworkRoutes: RouteModule = async (base, ctx) => {
  await base.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1 } });
  for (const table of [patrolRoutes, dutyRoutes, logRoutes, attendanceRoutes, recordRoutes]) await table(base, ctx);
};
