// HTTP routes of ledger import: the template, the upload (checked in the background), the
// jobs with their errors and report, commit and discard.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../../platform/http.ts';
import { AppError } from '../../../platform/errors.ts';
import { commitImportBody, idParams, importErrorPage, importJob, importPage, paging, uploadImportQuery } from '../contract.ts';
import { writeImportReport, writeTemplate } from '../export.ts';
import { checkImport } from '../import/check.ts';
import { commitImport, prepareCommit } from '../import/commit.ts';
import { assertMayImport, createImportJob, discardImport, getImport, importErrors, listImports, presentImport, runInBackground } from '../import/jobs.ts';
import { ledgerFormatOf } from '../ledger-reader.ts';
import { sendFile, tags, XLSX } from './common.ts';

// Uploads are removed after their check; one left by a process that died is removed a day later.
function removeStaleUploads(dir: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.upload') && fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true });
  }
}

/** Saves the uploaded file under `dir` (owner-only: it holds identifiers in clear). */
async function receiveUpload(req: FastifyRequest, dir: string): Promise<{ file: string; fileName: string }> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeStaleUploads(dir);
  const file = path.join(dir, `${crypto.randomUUID()}.upload`);
  try {
    const part = await req.file();
    if (!part) throw new AppError('REGISTRY_IMPORT_FORMAT');
    await pipeline(part.file, fs.createWriteStream(file, { mode: 0o600 }));
    return { file, fileName: part.filename };
  } catch (error) {
    fs.rmSync(file, { force: true });
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode) throw error;
    // A torn or malformed multipart body.
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', message: '上传的文件不完整' }], summary: 'file: 上传的文件不完整 / the upload is incomplete' });
  }
}

/** The ledger format of an uploaded file, from its name and first bytes (an .xlsx is a zip). */
function formatOfUpload(file: string, fileName: string) {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 4, 0);
  fs.closeSync(fd);
  const format = ledgerFormatOf(fileName, head);
  if (!format || (format === 'xlsx' && !(head[0] === 0x50 && head[1] === 0x4b))) throw new AppError('REGISTRY_IMPORT_FORMAT');
  return format;
}

export async function importRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, pii, config } = base.ctx;
  const db = database.db;

  app.get('/api/registry/imports/template', { schema: { tags, summary: 'The ledger template (.xlsx with Chinese headers and instructions)' } }, async (req, reply) => {
    requireActor(req, 'registry.import');
    return sendFile(reply, '实有人口台账模板.xlsx', XLSX, (out) => writeTemplate(out));
  });

  app.post(
    '/api/registry/imports',
    {
      schema: {
        tags,
        summary: 'Upload a ledger (.xlsx or .csv, multipart field "file") for a community; it is checked in the background (dry run)',
        consumes: ['multipart/form-data'],
        querystring: uploadImportQuery,
        response: { 202: importJob },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.import');
      await assertMayImport(db, actor, req.query.communityCode);
      const { file, fileName } = await receiveUpload(req, path.join(config.dataDir, 'imports'));
      try {
        const format = formatOfUpload(file, fileName);
        const job = await createImportJob(db, actor, { communityCode: req.query.communityCode, fileName, format, mapping: req.query.mapping });
        runInBackground(checkImport(database, pii, actor, job.id, file, { deleteFile: true }), (error) => req.log.error({ err: error }, 'import check failed'));
        return reply.status(202).send(await presentImport(db, job));
      } catch (error) {
        fs.rmSync(file, { force: true });
        throw error;
      }
    },
  );

  app.get(
    '/api/registry/imports',
    { schema: { tags, summary: 'Import jobs in scope, newest first', querystring: paging, response: { 200: importPage } } },
    async (req) => listImports(db, requireActor(req, 'registry.import'), req.query),
  );

  app.get(
    '/api/registry/imports/:id',
    { schema: { tags, summary: 'An import job with its counts and progress (poll while it runs)', params: idParams, response: { 200: importJob } } },
    async (req) => getImport(db, requireActor(req, 'registry.import'), req.params.id),
  );

  app.get(
    '/api/registry/imports/:id/errors',
    { schema: { tags, summary: 'The row-level problems of an import (row, column, reason in Chinese)', params: idParams, querystring: paging, response: { 200: importErrorPage } } },
    async (req) => importErrors(db, requireActor(req, 'registry.import'), req.params.id, req.query),
  );

  app.get('/api/registry/imports/:id/report', { schema: { tags, summary: 'The error report as .xlsx', params: idParams } }, async (req, reply) => {
    const actor = requireActor(req, 'registry.import');
    const job = await getImport(db, actor, req.params.id);
    return sendFile(reply, `导入错误报告-${job.fileName.replace(/\.\w+$/, '')}.xlsx`, XLSX, (out) => writeImportReport(db, actor, job.id, out));
  });

  app.post(
    '/api/registry/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Commit a checked import in one transaction (onlyValid: import the good rows and skip the bad ones)',
        params: idParams,
        body: commitImportBody,
        response: { 202: importJob },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.import');
      const options = { onlyValid: req.body.onlyValid };
      const job = await prepareCommit(db, actor, req.params.id, options);
      runInBackground(commitImport(database, actor, job.id, options, {}, { prepared: job }), (error) => req.log.error({ err: error }, 'import commit failed'));
      return reply.status(202).send(await presentImport(db, job));
    },
  );

  app.delete('/api/registry/imports/:id', { schema: { tags, summary: 'Discard a checked import', params: idParams } }, async (req, reply) => {
    await discardImport(db, requireActor(req, 'registry.import'), req.params.id);
    return reply.status(204).send();
  });
}
