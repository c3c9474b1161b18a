// HTTP routes of files handed out: lists as .xlsx and the printable household file. Every
// one is audited; identifiers are masked unless revealed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../../platform/http.ts';
import { buildingExportQuery, idParams, memberExportQuery, residentExportQuery, revealQuery } from '../contract.ts';
import { exportBuildings, exportMembers, exportResidents, householdFile } from '../export.ts';
import { revealRequest } from '../use-cases/reveal.ts';
import { sendFile, stamp, tags, XLSX } from './common.ts';

export async function exportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, pii } = base.ctx;
  const db = database.db;

  app.get('/api/registry/buildings/export', { schema: { tags, summary: 'Buildings as .xlsx (audited)', querystring: buildingExportQuery } }, async (req, reply) => {
    const actor = requireActor(req, 'registry.export');
    return sendFile(reply, `楼栋-${stamp()}.xlsx`, XLSX, (out) => exportBuildings(db, actor, req.query, out));
  });

  app.get(
    '/api/registry/residents/export',
    { schema: { tags, summary: 'A resident search as .xlsx (masked unless revealed; audited)', querystring: residentExportQuery } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      const { reveal, reason, ...q } = req.query;
      const revealed = await revealRequest(db, actor, { reveal, reason });
      return sendFile(reply, `居民-${stamp()}.xlsx`, XLSX, (out) => exportResidents(db, pii, actor, q, revealed, out));
    },
  );

  app.get(
    '/api/registry/key-groups/export',
    { schema: { tags, summary: 'Key-group members as .xlsx (masked unless revealed; audited)', querystring: memberExportQuery } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      const { reveal, reason, ...q } = req.query;
      const revealed = await revealRequest(db, actor, { reveal, reason });
      return sendFile(reply, `重点人群-${stamp()}.xlsx`, XLSX, (out) => exportMembers(db, pii, actor, q, revealed, out));
    },
  );

  app.get(
    '/api/registry/households/:id/file',
    { schema: { tags, summary: 'The printable household file (户档) as HTML (audited)', params: idParams, querystring: revealQuery } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      const html = await householdFile(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );
}
