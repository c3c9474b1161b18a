// Every route the app mounts, with the access rule its route table declares (none for the
// routes written outside a table), so sweeps cover a new route without a list to update.
import crypto from 'node:crypto';
import type { Access } from '../src/platform/route.ts';
import { buildApp } from '../src/platform/http.ts';
import { createConfiguredCipher } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import type { TestContext } from './helpers.ts';

export interface MountedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access | undefined;
}

/** The routes of an app built like the test app, HEAD routes (Fastify's own) left out. */
export async function collectRoutes({ database, config }: Pick<TestContext, 'database' | 'config'>): Promise<MountedRoute[]> {
  const found: MountedRoute[] = [];
  const app = await buildApp({
    ctx: { database, config, pii: createConfiguredCipher(config) },
    modules,
    logger: false,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        found.push({ method: method as MountedRoute['method'], url: route.url, access: route.config?.access });
      }
    },
  });
  await app.ready();
  await app.close();
  return found;
}

/** A URL for a route pattern: each parameter a fresh UUID (`:format` json), a wildcard a file name. */
export function sampleUrl(pattern: string): string {
  return pattern.replace(/:format/g, 'json').replace(/:[A-Za-z]+/g, () => crypto.randomUUID()).replace(/\*$/, 'x.txt');
}
