// HTTP routes of cases, split by resource under routes/: intake and reading, the workflow,
// attachments, settings, reports (export, indicators) and the public follow-up.
import multipart from '@fastify/multipart';
import type { RouteModule } from '../../platform/http.ts';
import { maxUploadBytes } from '../../platform/storage.ts';
import { caseReadingRoutes } from './routes/cases.ts';
import { caseActionRoutes } from './routes/actions.ts';
import { caseAttachmentRoutes } from './routes/attachments.ts';
import { caseSettingsRoutes } from './routes/settings.ts';
import { caseReportRoutes } from './routes/reports.ts';
import { casePublicRoutes } from './routes/public.ts';

/** HTTP routes of cases: intake, the workflow, lists and export, settings, indicators, hotline and public follow-up. */
export const caseRoutes: RouteModule = async (base, ctx) => {
  await base.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1 } });
  for (const table of [caseReadingRoutes, caseActionRoutes, caseAttachmentRoutes, caseSettingsRoutes, caseReportRoutes, casePublicRoutes]) {
    await table(base, ctx);
  }
};
