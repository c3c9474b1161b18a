// What every case use case needs: the dependencies, loading a case (and checking the actor
// may see it), its workflow snapshot, and small text helpers.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { finishedCaseStates, openCaseStates, type CaseState } from '../contract.ts';
import type { CaseSnapshot, CaseWorkflowErrorCode, WorkflowConfig } from '../workflow.ts';
import { cases, type CaseRow } from '../schema.ts';
import type { CaseRules } from '../settings.ts';
import { canSeeCase } from '../policies.ts';

/** What the case services need besides the database. */
export interface CaseDeps {
  db: Db;
  pii: PiiCipher;
  /** Where attachments are stored. */
  dataDir: string;
}

export const openStates: readonly CaseState[] = openCaseStates;
export const finishedStates: readonly CaseState[] = finishedCaseStates;

/** Beijing date of an instant as YYYYMMDD. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Normalises a mainland phone number for look-up (digits only, no +86). */
export function normalisePhone(raw: string): string {
  const compact = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
  return compact.replace(/^(?:\+86|0086)/, '');
}

/** Character bigrams of Chinese text (and whole tokens of Latin/digits), for the simple-config tsvector. */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const run of text.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9-]+/gu) ?? []) {
    if (/^[a-z0-9-]+$/.test(run)) {
      terms.add(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) terms.add(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...terms];
}

export function searchDocument(row: { number: string; title: string; description: string; address: string }): string {
  return searchTerms(`${row.number} ${row.title} ${row.description} ${row.address}`).join(' ');
}

export function workflowError(code: CaseWorkflowErrorCode, details: Readonly<Record<string, unknown>>): AppError {
  const shown: Record<string, unknown> = { ...details };
  if (Array.isArray(details.fields)) shown.fields = (details.fields as string[]).join(', ');
  return new AppError(code, shown);
}

/** The workflow's settings out of the module's rules. */
export function workflowConfig(rules: CaseRules): WorkflowConfig {
  return { maxReopens: rules.settings.maxReopens, maxExtensions: rules.settings.maxExtensions };
}

export function snapshotOf(row: CaseRow): CaseSnapshot {
  return {
    id: row.id,
    state: row.state,
    tier: row.tier,
    version: row.version,
    reporterId: row.reporterUserId ?? (row.reporterPhoneHash ? `contact:${row.reporterPhoneHash}` : null),
    dispatcherUnitId: row.dispatcherUnit,
    handlingUnitId: row.handlingUnit,
    coHandlingUnitIds: row.coUnits,
    suspendedFrom: row.suspendedFrom,
    reopenCount: row.reopenCount,
    reworkCount: row.reworkCount,
    extensionCount: row.extensionCount,
    pendingExtension: row.pendingExtension,
    rating: row.rating,
    supervisionLevel: row.supervisionLevel,
    parentCaseId: row.parentCaseId,
  };
}

export async function loadCase(db: Db, id: string): Promise<CaseRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', { what: id });
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  return row;
}

export async function loadVisibleCase(db: Db, actor: Actor, id: string): Promise<CaseRow> {
  const row = await loadCase(db, id);
  if (!canSeeCase(actor, row)) throw new AppError('OUT_OF_SCOPE', { permission: 'case.read' });
  return row;
}
