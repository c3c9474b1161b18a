// HTTP of the work log (民情日记): save today's entry, photos, search, and entry → case.
import { z } from 'zod';
import { route, routeTable } from '../../../platform/route.ts';
import { AppError } from '../../../platform/errors.ts';
import { createdCase, idParam, myWorkLog as myWorkLogSchema, photoParams, saveWorkLogBody, workLogListQuery, workLogPage, workLogToCaseBody, workLogView } from '../contract.ts';
import { addWorkLogPhoto, listWorkLogs, myWorkLog, readWorkLogPhoto, saveWorkLog, workLogToCase } from '../use-cases/work-logs.ts';

export const logRoutes = routeTable('gridwork', [
  route({
    method: 'PUT',
    url: '/api/gridwork/logs',
    summary: "Save my entry of a day (today unless told), replacing its text; honours Idempotency-Key",
    access: 'gridwork.write',
    body: saveWorkLogBody,
    response: workLogView,
    idempotent: true,
    handle: ({ actor, body, db }) => saveWorkLog(db, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/logs/mine',
    summary: 'My entry of a day (today unless told)',
    access: 'gridwork.write',
    query: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    response: myWorkLogSchema,
    handle: ({ actor, query, db }) => myWorkLog(db, actor, query.day),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/logs',
    summary: 'Entries in my area (and my own), newest first, searchable by text and worker name',
    access: 'signed-in',
    query: workLogListQuery,
    response: workLogPage,
    handle: ({ actor, query, db }) => listWorkLogs(db, actor, query),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/logs/:id/photos',
    summary: 'Add a photo to my entry (multipart "file", images only); honours Idempotency-Key',
    access: 'gridwork.write',
    params: idParam,
    response: workLogView,
    status: 201,
    openapi: { consumes: ['multipart/form-data'] },
    idempotent: true,
    handle: async ({ actor, params, ctx, req }) => {
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { summary: 'file', fields: [{ field: 'file', message: '请选择照片 / no file' }] });
      return addWorkLogPhoto(ctx.database.db, ctx.config.dataDir, actor, params.id, { bytes: await file.toBuffer(), filename: file.filename });
    },
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/logs/:id/photos/:photoId',
    summary: 'A photo of an entry I may see',
    access: 'signed-in',
    params: photoParams,
    handle: async ({ actor, params, ctx, reply }) => {
      const photo = await readWorkLogPhoto(ctx.database.db, ctx.config.dataDir, actor, params.id, params.photoId);
      return reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(photo.bytes);
    },
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/logs/:id/case',
    summary: 'Turn an entry into a case (through the cases intake)',
    access: 'case.report',
    params: idParam,
    body: workLogToCaseBody,
    response: createdCase,
    status: 201,
    handle: ({ actor, params, body, ctx }) => workLogToCase({ db: ctx.database.db, pii: ctx.pii, dataDir: ctx.config.dataDir }, actor, params.id, body),
  }),
]);
