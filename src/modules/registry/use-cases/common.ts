// What the registry's use cases share: field-level validation errors, where a code lies in
// the tree (through org's functions), and the search column writer.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { underPaths } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findGrid, pathOf, type GridRef } from '../../org/index.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

/** VALIDATION_FAILED naming each field, as the HTTP layer does for schema errors. */
export function validationFailed(fields: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', { fields, summary: fields.map((f) => `${f.field}: ${f.message}`).join('; ') });
}

/** A tsvector from precomputed search terms (text-search.ts), for a search column. */
export const lexemes = (terms: string[]) => sql`array_to_tsvector(${sql.param(terms)}::text[])` as unknown as string;

/** A grid by code, or NOT_FOUND (no scope: callers check it). */
export async function requireGrid(db: Db, code: string): Promise<GridRef> {
  const grid = await findGrid(db, code);
  if (!grid) throw new AppError('NOT_FOUND', { what: `网格 ${code}` });
  return grid;
}

/** Where a node or grid code lies, as a path prefix for filters; undefined when no code. */
export async function pathOfCode(db: Db, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const path = await pathOf(db, code);
  if (path === undefined) throw new AppError('NOT_FOUND', { what: code });
  return path;
}

/** Rows whose org path lies under `path` (every row when there is none). */
export function underPath(column: SQL | AnyColumn, path: string | undefined): SQL {
  return path ? underPaths(column, [path]) : sql`true`;
}
