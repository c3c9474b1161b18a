// The built web app over HTTP: files compressed once at build time (brotli or gzip, as the
// browser accepts), hashed assets cached for a year, everything else revalidated on every
// load so a new build is seen at once, and the app's own paths answered with index.html.
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Vite names what it emits under /assets by content hash: a changed file is a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The Cache-Control of a file of the built app, by where it lies in it. */
export function cacheControlOf(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  return relative[0] === 'assets' && relative.length > 1 ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves `root` at `/`. `notFound` answers what is neither a file nor an app path (an unknown
 * /api/ URL, a missing file with an extension).
 */
export async function serveWebApp(app: FastifyInstance, root: string, notFound: (req: FastifyRequest, reply: FastifyReply) => unknown): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Files are looked up per request, so a rebuilt web app is served without a restart.
    wildcard: true,
    // `npm run build:web` writes file.br and file.gz beside each text file (vite.config.ts).
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, file) => {
      res.header('Cache-Control', cacheControlOf(root, file));
    },
  });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (req.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) return reply.sendFile('index.html');
    return notFound(req, reply);
  });
}
