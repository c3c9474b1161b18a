// What the registry's route files share: splitting off the reveal fields of a query and
// sending generated files.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { RevealQuery } from '../contract.ts';
import { revealRequest } from '../use-cases/reveal.ts';

/** A query's filters without its reveal fields, and the reveal it asks for (refused, or audited, by revealRequest). */
export async function filtersAndReveal<Q extends RevealQuery>(db: Db, actor: Actor, { reveal, reason, ...filters }: Q) {
  return { filters, revealed: await revealRequest(db, actor, { reveal, reason }) };
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file as a download; a failure half-way ends the stream. */
export function sendFile(reply: FastifyReply, fileName: string, type: string, write: (out: PassThrough) => Promise<void>) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(out);
}

/** Today as YYYYMMDD, for file names. */
export const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');
