import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * file.br and file.gz beside every text file of the build, made once here so the server
 * sends them as they are (@fastify/static's preCompressed) instead of compressing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'gongzhi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (fs.readdirSync(outDir, { recursive: true }) as string[])
          .map((f) => path.join(outDir, f))
          .filter((f) => /\.(js|mjs|css|html|svg|json|webmanifest)$/.test(f) && fs.statSync(f).size >= 1024);
        await Promise.all(
          files.map(async (file) => {
            const bytes = fs.readFileSync(file);
            const [br, gz] = await Promise.all([
              brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
              gzip(bytes, { level: 9 }),
            ]);
            // A compressed copy no smaller than the file is not worth a lookup.
            if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br);
            if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz);
          }),
        );
      },
    },
  };
}

// The web app lives in web/ and builds to web/dist, which the server serves at `/`.
// In development (`npx vite`), API calls go to the server on port 3000.
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [
    react(),
    precompress(),
    // /m as an installable app that opens without signal: the app shell is precached; the reads
    // its offline screens need are kept from the last time they loaded; writes go through the
    // page's outbox (web/src/platform/offline), never through the service worker.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: '共治 · 网格员',
        short_name: '共治网格',
        description: '网格员巡查、上报、走访、民情日记与考勤',
        lang: 'zh-CN',
        start_url: '/m',
        scope: '/',
        display: 'standalone',
        theme_color: '#1a4f9c',
        background_color: '#f5f7fa',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,woff2}'],
        // antd's and MapLibre's chunks are over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/open311\//, /^\/healthz/],
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // Only what /m's offline screens read; the worker's own data, dropped on sign-out.
            urlPattern: /\/api\/(auth\/me|config\/public|cases\/categories|registry\/my-grid|org\/grids\/[^/?]+$|gridwork\/(patrols\/current|duty-items|logs\/mine|attendance\/mine))/,
            handler: 'NetworkFirst',
            options: { cacheName: 'gongzhi-offline-reads', networkTimeoutSeconds: 6, expiration: { maxEntries: 60, maxAgeSeconds: 7 * 24 * 3600 } },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~900 kB before gzip; the map chunk (maplibre) is loaded only on the map page.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React and the router change rarely: one long-cached vendor chunk.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
});
