import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PGLITE_TEMPLATE = path.join(root, '.cache', 'pglite-template.tgz');
export const PG_TEMPLATE_DB = 'gongzhi_test_template';

/** The same connection URL pointing at another database. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
