// HTTP of a milestone's deliverable files: the organisation uploads (multipart "file"; photos or
// PDF, checked by content), project staff and the organisation open them. Uploads need
// multipart, so this table is mounted from a RouteModule that registers it in its own scope.
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { AppContext, RouteModule } from '../../../platform/http.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { maxUploadBytes } from '../../../platform/storage.ts';
import { sendDownload } from '../../../platform/download.ts';
import { idParam } from '../contract/common.ts';
import { applicationDetail } from '../contract/projects.ts';
import { readDeliverable, uploadDeliverable } from './deliverables.ts';

/** Sends a deliverable's bytes to whoever stands towards its project (readDeliverable checks). */
async function sendDeliverable({ actor, db, ctx, params, reply }: { actor: Actor; db: Db; ctx: AppContext; params: { id: string }; reply: FastifyReply }) {
  const file = await readDeliverable(db, ctx.config.dataDir, actor, params.id);
  return sendDownload(reply, file.filename, file.mime, file.bytes);
}

const table = routeTable('community projects', [
  route({
    method: 'POST', url: '/api/community/organisation-projects/milestones/:id/deliverables', summary: "Attach a photo or PDF to a milestone's deliverables (multipart \"file\")",
    access: 'community.organisation', params: idParam, response: applicationDetail, status: 201, openapi: { consumes: ['multipart/form-data'] },
    handle: async ({ actor, db, ctx, params, req }) => {
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { summary: 'file', fields: [{ field: 'file', message: '请选择文件 / choose a file' }] });
      return uploadDeliverable(db, ctx.config.dataDir, actor, params.id, { bytes: await file.toBuffer(), filename: file.filename });
    },
  }),
  route({
    method: 'GET', url: '/api/community/projects/deliverables/:id', summary: 'A deliverable file, for project staff over the call',
    access: 'community.projects', params: idParam,
    handle: sendDeliverable,
  }),
  route({
    method: 'GET', url: '/api/community/organisation-projects/deliverables/:id', summary: "A deliverable file of my organisation's project",
    access: 'community.organisation', params: idParam,
    handle: sendDeliverable,
  }),
]);

/** The deliverables' routes with multipart registered in their scope. */
export const projectDeliverableRoutes: RouteModule = async (base, ctx) => {
  await base.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1 } });
  await table(base, ctx);
};
