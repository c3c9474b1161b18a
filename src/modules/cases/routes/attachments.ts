// Photos and documents of cases: upload (multipart) and download.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../../platform/http.ts';
import { AppError } from '../../../platform/errors.ts';
import { attachmentQuery, attachmentReadQuery, attachmentUploaded, idParams } from '../contract.ts';
import type { CaseDeps } from '../use-cases/common.ts';
import { readAttachment, uploadAttachment } from '../use-cases/attachments.ts';
import { tags } from './cases.ts';

/** Upload and download of attachments (the multipart parser is registered by caseRoutes). */
export async function caseAttachmentRoutes(base: FastifyInstance, deps: CaseDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/cases/attachments',
    {
      schema: {
        tags,
        summary: 'Upload a photo or document (multipart "file"; type checked by content); attach it when reporting or acting',
        querystring: attachmentQuery,
        response: { 201: attachmentUploaded },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { summary: 'file: 请选择文件 / no file' });
      const bytes = await file.toBuffer();
      return reply.status(201).send(await uploadAttachment(deps, actor, { bytes, filename: file.filename, caseId: req.query.caseId }));
    },
  );

  app.get(
    '/api/cases/attachments/:id',
    { schema: { tags, summary: 'An attachment (thumb=1: its thumbnail when there is one)', params: idParams, querystring: attachmentReadQuery } },
    async (req, reply) => {
      const file = await readAttachment(deps, requireActor(req, 'case.read'), req.params.id, req.query.thumb !== undefined);
      // Only images are shown inline; anything else (PDF) downloads.
      if (!file.mime.startsWith('image/')) void reply.header('content-disposition', `attachment; filename="${req.params.id}"`);
      return reply.header('content-type', file.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(file.bytes);
    },
  );
}
