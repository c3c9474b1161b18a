import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where a run's migrated PGlite template is dumped (one per run, so runs may overlap). */
export function pgliteTemplatePath(runId: string): string {
  return path.join(root, '.cache', `pglite-template-${runId}.tgz`);
}

/** The PostgreSQL template database of a run. */
export function pgTemplateName(runId: string): string {
  return `gongzhi_template_${runId}`;
}

/** The same connection URL pointing at another database. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}
