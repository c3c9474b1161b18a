// What the console's first visit fetches before any route's own chunk: index.html's entry
// script, its modulepreloads and stylesheets, and every chunk those import statically
// (dynamic import() is a route's, fetched when it opens). Prints each file's raw, gzip and
// brotli size and the totals; the last line is JSON. Run after `npm run build:web`.
//
//   node --import tsx bench/web-bundle.ts [--limit-kb 600]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../web/dist');
const limitArg = process.argv.indexOf('--limit-kb');
const limitKb = limitArg >= 0 ? Number(process.argv[limitArg + 1]) : 600;
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('No web/dist/index.html: run `npm run build:web` first.');
  process.exit(2);
}
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const first = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref)="([^"]+)"/g)].map((m) => m[1] as string);

// Static imports inside a chunk: `import x from"./a.js"`, `import"./b.js"`, `export … from"./c.js"`.
const staticImport = /(?:\bimport|\bexport)\s*(?:[^'"();]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g;
const seen = new Set<string>();
const queue = first.map((url) => url.replace(/^\//, ''));
while (queue.length) {
  const file = queue.shift() as string;
  if (seen.has(file)) continue;
  seen.add(file);
  if (!file.endsWith('.js')) continue;
  const text = fs.readFileSync(path.join(dist, file), 'utf8');
  for (const m of text.matchAll(staticImport)) queue.push(path.posix.join(path.posix.dirname(file), m[1] as string));
}

let raw = 0;
let gzip = 0;
let brotli = 0;
const rows: [string, number, number, number][] = [];
for (const file of seen) {
  const bytes = fs.readFileSync(path.join(dist, file));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  const br = zlib.brotliCompressSync(bytes).length;
  rows.push([file, bytes.length, gz, br]);
  raw += bytes.length;
  gzip += gz;
  brotli += br;
}
const kb = (n: number) => (n / 1024).toFixed(1);
for (const [file, r, g, b] of rows.sort((a, b) => b[2] - a[2])) console.log(`${file.padEnd(48)} ${kb(r).padStart(8)} KB ${kb(g).padStart(8)} KB gz ${kb(b).padStart(8)} KB br`);
const js = rows.filter(([f]) => f.endsWith('.js'));
const jsGzip = js.reduce((sum, [, , g]) => sum + g, 0);
console.log(`\n${seen.size} files; JavaScript ${kb(js.reduce((s, [, r]) => s + r, 0))} KB raw, ${kb(jsGzip)} KB gzipped (limit ${limitKb} KB); all ${kb(raw)} KB raw, ${kb(gzip)} KB gz, ${kb(brotli)} KB br`);
const maps = [...seen].filter((f) => /maplibre|echarts/i.test(f));
if (maps.length) console.log(`MapLibre/ECharts in the first load: ${maps.join(', ')}`);
console.log(JSON.stringify({ bench: 'web-bundle', files: seen.size, jsRawKB: Math.round(js.reduce((s, [, r]) => s + r, 0) / 1024), jsGzipKB: Math.round(jsGzip / 1024), allGzipKB: Math.round(gzip / 1024), allBrotliKB: Math.round(brotli / 1024), limitKB: limitKb, met: jsGzip / 1024 <= limitKb && maps.length === 0, heavyInFirstLoad: maps }));
