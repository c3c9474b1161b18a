// Files sent as downloads (ledgers, reports, exports): one way to name them, so a Chinese
// file name survives every browser and no proxy caches a file of personal data.
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Today as YYYYMMDD, for file names. */
export const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

/** Sends a file (bytes, text or a stream) as a download named `fileName`. */
export function sendDownload(reply: FastifyReply, fileName: string, type: string, body: Buffer | string | Readable) {
  const name = encodeURIComponent(fileName);
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** Sends a file written while it is sent; a failure half-way ends the stream. */
export function streamDownload(reply: FastifyReply, fileName: string, type: string, write: (out: PassThrough) => Promise<void>) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return sendDownload(reply, fileName, type, out);
}
