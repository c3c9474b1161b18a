// Photos and documents of cases: upload (multipart) and download.
import { route, routeTable } from '../../../platform/route.ts';
import { AppError } from '../../../platform/errors.ts';
import { attachmentQuery, attachmentReadQuery, attachmentUploaded, idParams } from '../contract.ts';
import { readAttachment, uploadAttachment } from '../use-cases/attachments.ts';
import { depsOf } from './cases.ts';

/** Upload and download of attachments (the multipart parser is registered by caseRoutes). */
export const caseAttachmentRoutes = routeTable('cases', [
  route({
    method: 'POST',
    url: '/api/cases/attachments',
    summary: 'Upload a photo or document (multipart "file"; type checked by content); attach it when reporting or acting',
    access: 'signed-in',
    query: attachmentQuery,
    response: attachmentUploaded,
    status: 201,
    idempotent: true,
    handle: async ({ actor, query, ctx, req }) => {
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { summary: 'file: 请选择文件 / no file' });
      return uploadAttachment(depsOf(ctx), actor, { bytes: await file.toBuffer(), filename: file.filename, caseId: query.caseId });
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/attachments/:id',
    summary: 'An attachment (thumb=1: its thumbnail when there is one)',
    access: 'case.read',
    params: idParams,
    query: attachmentReadQuery,
    handle: async ({ actor, params, query, ctx, reply }) => {
      const file = await readAttachment(depsOf(ctx), actor, params.id, query.thumb !== undefined);
      // Only images are shown inline; anything else (PDF) downloads.
      if (!file.mime.startsWith('image/')) void reply.header('content-disposition', `attachment; filename="${params.id}"`);
      return reply.header('content-type', file.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(file.bytes);
    },
  }),
]);
