// HTTP routes of ledger import: the template, the upload (checked in the background), the
// jobs with their errors and report, commit and discard.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { AppContext } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { AppError } from '../../../platform/errors.ts';
import { commitImportBody, idParams, importErrorPage, importJob, importPage, paging, uploadImportQuery } from '../contract.ts';
import { writeImportReport, writeTemplate } from '../export.ts';
import { checkImport } from '../import/check.ts';
import { commitImport, prepareCommit } from '../import/commit.ts';
import { prepareUndo, undoImport } from '../import/undo.ts';
import { assertMayImport, createImportJob, discardImport, getImport, importErrors, listImports, presentImport, runInBackground } from '../import/jobs.ts';
import { ledgerFormatOf } from '../ledger-reader.ts';
import { streamDownload, XLSX } from '../../../platform/download.ts';
import { assertArchiveWithinLimits } from '../../../platform/archive-limits.ts';

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

/** Receives a ledger for a community, creates its import job and checks it in the background (a dry run). */
async function uploadLedger({ database, pii, config }: AppContext, actor: Actor, req: FastifyRequest, query: z.output<typeof uploadImportQuery>) {
  const { db } = database;
  await assertMayImport(db, actor, query.communityCode);
  const { file, fileName } = await receiveUpload(req, path.join(config.dataDir, 'imports'));
  try {
    const format = formatOfUpload(file, fileName);
    if (format === 'xlsx') await assertArchiveWithinLimits(file);
    const job = await createImportJob(db, actor, { communityCode: query.communityCode, fileName, format, mapping: query.mapping });
    runInBackground(checkImport(database, pii, actor, job.id, file, { deleteFile: true }), (error) => req.log.error({ err: error }, 'import check failed'));
    return presentImport(db, job);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}

/** Ledger import: the template, the upload, the jobs with their errors and report, commit and discard. */
export const importRoutes = routeTable('registry', [
  route({
    method: 'GET',
    url: '/api/registry/imports/template',
    summary: 'The ledger template (.xlsx with Chinese headers and instructions)',
    access: 'registry.import',
    handle: ({ reply }) => streamDownload(reply, '实有人口台账模板.xlsx', XLSX, (out) => writeTemplate(out)),
  }),
  route({
    method: 'POST',
    url: '/api/registry/imports',
    summary: 'Upload a ledger (.xlsx or .csv, multipart field "file") for a community; it is checked in the background (dry run)',
    access: 'registry.import',
    openapi: { consumes: ['multipart/form-data'] },
    query: uploadImportQuery,
    response: importJob,
    status: 202,
    handle: ({ actor, query, ctx, req }) => uploadLedger(ctx, actor, req, query),
  }),
  route({
    method: 'GET',
    url: '/api/registry/imports',
    summary: 'Import jobs in scope, newest first',
    access: 'registry.import',
    query: paging,
    response: importPage,
    handle: ({ actor, query, db }) => listImports(db, actor, query),
  }),
  route({
    method: 'GET',
    url: '/api/registry/imports/:id',
    summary: 'An import job with its counts and progress (poll while it runs)',
    access: 'registry.import',
    params: idParams,
    response: importJob,
    handle: ({ actor, params, db }) => getImport(db, actor, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/registry/imports/:id/errors',
    summary: 'The row-level problems of an import (row, column, reason in Chinese)',
    access: 'registry.import',
    params: idParams,
    query: paging,
    response: importErrorPage,
    handle: ({ actor, params, query, db }) => importErrors(db, actor, params.id, query),
  }),
  route({
    method: 'GET',
    url: '/api/registry/imports/:id/report',
    summary: 'The error report as .xlsx',
    access: 'registry.import',
    params: idParams,
    handle: async ({ actor, params, db, reply }) => {
      const job = await getImport(db, actor, params.id);
      return streamDownload(reply, `导入错误报告-${job.fileName.replace(/\.\w+$/, '')}.xlsx`, XLSX, (out) => writeImportReport(db, actor, job.id, out));
    },
  }),
  route({
    method: 'POST',
    url: '/api/registry/imports/:id/commit',
    summary: 'Commit a checked import in one transaction (onlyValid: import the good rows and skip the bad ones)',
    access: 'registry.import',
    params: idParams,
    body: commitImportBody,
    response: importJob,
    status: 202,
    handle: async ({ actor, params, body, db, ctx, req }) => {
      const options = { onlyValid: body.onlyValid };
      const job = await prepareCommit(db, actor, params.id, options);
      runInBackground(commitImport(ctx.database, actor, job.id, options, {}, { prepared: job }), (error) => req.log.error({ err: error }, 'import commit failed'));
      return presentImport(db, job);
    },
  }),
  route({
    method: 'POST',
    url: '/api/registry/imports/:id/undo',
    summary: 'Undo an interrupted commit in the background: what its finished chunks wrote is removed or put back, and the job is discarded',
    access: 'registry.import',
    params: idParams,
    response: importJob,
    status: 202,
    handle: async ({ actor, params, db, ctx, req }) => {
      const job = await prepareUndo(db, actor, params.id);
      runInBackground(undoImport(ctx.database, actor, job.id, { prepared: job }), (error) => req.log.warn({ err: error }, 'import undo stopped'));
      return presentImport(db, job);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/registry/imports/:id',
    summary: 'Discard a checked import',
    access: 'registry.import',
    params: idParams,
    status: 204,
    handle: ({ actor, params, db }) => discardImport(db, actor, params.id),
  }),
]);
