// The web app's files over real HTTP: compressed copies made at build time are sent to
// browsers that accept them, hashed assets are cached for a year, the rest revalidated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, serveWebApp } from './http-static.ts';

let app: FastifyInstance;
let base: string;
let root: string;
const script = `console.log(${JSON.stringify('共治'.repeat(400))});\n`;
const html = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${'<p>共治</p>'.repeat(200)}</body></html>`;

beforeAll(async () => {
  // A built app in small: a hashed asset and index.html, each with the .br and .gz the build writes.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-web-'));
  fs.mkdirSync(path.join(root, 'assets'));
  for (const [file, text] of [['assets/index-AbC123.js', script], ['index.html', html]] as const) {
    fs.writeFileSync(path.join(root, file), text);
    fs.writeFileSync(path.join(root, `${file}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(root, `${file}.gz`), zlib.gzipSync(text));
  }
  fs.writeFileSync(path.join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  app = Fastify();
  await serveWebApp(app, root, (_req, reply) => reply.status(404).send({ error: 'not found' }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) => fetch(`${base}${url}`, { headers: encoding ? { 'accept-encoding': encoding } : {}, decompress: false } as RequestInit);

describe('the web app over HTTP', () => {
  it('sends a hashed asset brotli-compressed, cached for a year', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
    // fetch decodes the body: what arrives is the file itself.
    expect(await res.text()).toBe(script);
  });

  it('sends gzip to a client without brotli, and the plain file to one without either', async () => {
    const gz = await get('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(script);
    const plain = await get('/assets/index-AbC123.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(await plain.text()).toBe(script);
  });

  it('revalidates index.html, also when an app path answers with it, and the service worker', async () => {
    for (const url of ['/', '/index.html', '/console/cases/todo', '/m']) {
      const res = await get(url, 'br');
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe(REVALIDATE);
      expect(res.headers.get('content-encoding'), url).toBe('br');
      expect(await res.text(), url).toBe(html);
    }
    const sw = await get('/sw.js');
    expect(sw.headers.get('cache-control')).toBe(REVALIDATE);
  });

  it('answers a missing asset and an unknown API path with 404, not index.html', async () => {
    expect((await get('/assets/missing-XyZ.js')).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
  });
});
