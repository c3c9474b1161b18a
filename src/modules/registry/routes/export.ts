// HTTP routes of files handed out: lists as .xlsx and the printable household file. Every
// one is audited; identifiers are masked unless revealed.
import type { Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import type { AppContext } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { buildingExportQuery, idParams, memberExportQuery, residentExportQuery, revealQuery, type RevealQuery } from '../contract.ts';
import { exportBuildings, exportMembers, exportResidents, householdFile } from '../export.ts';
import { revealRequest, type Reveal } from '../use-cases/reveal.ts';
import { stamp, streamDownload, XLSX } from '../../../platform/download.ts';
import { filtersAndReveal, refuseIdentifiersInUrl } from './common.ts';

type PeopleWriter<F> = (db: Db, pii: PiiCipher, actor: Actor, filters: F, reveal: Reveal | null, out: Writable) => Promise<void>;

/** Sends a list of people as `<name>-<date>.xlsx`, identifiers masked unless the query reveals them. */
async function sendPeople<Q extends RevealQuery>(
  name: string,
  { actor, query, ctx, reply }: { actor: Actor; query: Q; ctx: AppContext; reply: FastifyReply },
  write: PeopleWriter<Omit<Q, 'reveal' | 'reason'>>,
) {
  const { filters, revealed } = await filtersAndReveal(ctx.database.db, actor, query);
  return streamDownload(reply, `${name}-${stamp()}.xlsx`, XLSX, (out) => write(ctx.database.db, ctx.pii, actor, filters, revealed, out));
}

/** Files handed out: lists as .xlsx and the printable household file. */
export const exportRoutes = routeTable('registry', [
  route({
    method: 'GET',
    url: '/api/registry/buildings/export',
    summary: 'Buildings as .xlsx (audited)',
    access: 'registry.export',
    query: buildingExportQuery,
    handle: ({ actor, query, db, reply }) => streamDownload(reply, `楼栋-${stamp()}.xlsx`, XLSX, (out) => exportBuildings(db, actor, query, out)),
  }),
  route({
    method: 'GET',
    url: '/api/registry/residents/export',
    summary: 'A resident search as .xlsx (masked unless revealed; audited)',
    access: 'registry.export',
    query: residentExportQuery,
    handle: (input) => sendPeople('居民', { ...input, query: refuseIdentifiersInUrl(input.query, '/api/registry/residents/search') }, exportResidents),
  }),
  route({
    method: 'GET',
    url: '/api/registry/key-groups/export',
    summary: 'Key-group members as .xlsx (masked unless revealed; audited)',
    access: 'registry.export',
    query: memberExportQuery,
    handle: (input) => sendPeople('重点人群', input, exportMembers),
  }),
  route({
    method: 'GET',
    url: '/api/registry/households/:id/file',
    summary: 'The printable household file (户档) as HTML (audited)',
    access: 'registry.export',
    params: idParams,
    query: revealQuery,
    handle: async ({ actor, params, query, db, ctx, reply }) => {
      const html = await householdFile(db, ctx.pii, actor, params.id, await revealRequest(db, actor, query));
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  }),
]);
