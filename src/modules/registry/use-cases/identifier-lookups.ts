// Look-ups by a whole ID or phone number: each one audited (who, which field, a masked form
// and a keyed-hash prefix of the value, never the value; how many it found) and counted per
// account, so that a masked identifier cannot be recovered by trying every candidate. The
// limit counts distinct values: looking the same number up again within the window is free
// (a hotline call reads the caller's history twice). An account over the limit gets 429 and
// the security admins are told, once per window.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import { roleGrants, users } from '../../../platform/auth/schema.ts';
import { notifyUsers } from '../../notifications/index.ts';
import type { IdentifierLookupSettings, UpdateIdentifierLookupSettings } from '../contract.ts';
import { validateIdNumber } from '../id-number.ts';
import { maskIdNumber, maskMobile } from '../mask.ts';
import { validateMobile } from '../phone.ts';
import { searchTermKind } from '../pinyin.ts';
import { identifierLookups, identifierLookupSettings } from '../schema.ts';

export type IdentifierField = 'idNumber' | 'phone';

/** One identifier a request looks people up by, normalised, and the request field it came in. */
export interface IdentifierTerm {
  field: IdentifierField;
  /** Where it came in: `q`, `name`, `idNumber`, `phone`. */
  param: string;
  value: string;
}

/** The whole ID or phone number a search term is, if it is one (fragments find nothing). */
export function identifierIn(param: string, term: string | undefined): IdentifierTerm | null {
  if (!term || searchTermKind(term) !== 'digits') return null;
  const id = validateIdNumber(term);
  if (id.ok) return { field: 'idNumber', param, value: id.value };
  const phone = validateMobile(term);
  if (phone.ok) return { field: 'phone', param, value: phone.value };
  return null;
}

/** The account a look-up is counted against. */
function accountOf(actor: Actor): string {
  return `${actor.kind}:${actor.id ?? actor.name}`;
}

function maskedForm(term: IdentifierTerm): string {
  return term.field === 'idNumber' ? maskIdNumber(term.value) : maskMobile(term.value);
}

/** The key-hashed value a look-up is counted by: domain-separated, so it never equals the residents' blind index. */
function valueHashOf(pii: PiiCipher, term: IdentifierTerm): string {
  return pii.lookupHash(`identifier_lookups/${term.field}/${term.value}`);
}

/** The look-up limit: at most `lookupLimit` per account in any `windowMinutes`. */
export async function identifierLookupSettingsOf(db: Db): Promise<IdentifierLookupSettings> {
  const [row] = await db.select().from(identifierLookupSettings).where(eq(identifierLookupSettings.id, 1));
  return { lookupLimit: row?.lookupLimit ?? 30, windowMinutes: row?.windowMinutes ?? 10, version: row?.version ?? 1 };
}

/** The security admin changes the limit (optimistic version check; audited). */
export async function updateIdentifierLookupSettings(db: Db, actor: Actor, input: UpdateIdentifierLookupSettings): Promise<IdentifierLookupSettings> {
  requirePermission(actor, 'role.grant');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(identifierLookupSettings)
      .set({ lookupLimit: input.lookupLimit, windowMinutes: input.windowMinutes, version: sql`${identifierLookupSettings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(identifierLookupSettings.id, 1), eq(identifierLookupSettings.version, input.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { currentVersion: (await identifierLookupSettingsOf(tx)).version });
    await recordAudit(tx, actor, { action: 'registry.lookup_settings', targetType: 'settings', details: { lookupLimit: row.lookupLimit, windowMinutes: row.windowMinutes } });
    return { lookupLimit: row.lookupLimit, windowMinutes: row.windowMinutes, version: row.version };
  });
}

/** Tells every active security admin that an account was stopped for too many look-ups. */
async function alertSecurityAdmins(db: Db, actor: Actor, settings: IdentifierLookupSettings): Promise<void> {
  const admins = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, 'security_admin'), eq(users.disabled, false)));
  await notifyUsers(db, {
    userIds: admins.map((a) => a.userId),
    kind: 'security.identifier_lookup_burst',
    title: `账号 ${actor.name} 按证件号/手机号查询过于频繁`,
    body: `${settings.windowMinutes} 分钟内超过 ${settings.lookupLimit} 次，已暂停其查询；请在审计日志中核查（操作：registry.identifier_lookup）。`,
    subjectType: 'user',
    subjectId: actor.id ?? undefined,
  });
}

/**
 * Runs a look-up by identifiers under the limit: refuses it (429, audited, the security
 * admins alerted on the first refusal of a window) when the account has used its
 * allowance, else counts it, runs it and audits it with the number of results.
 */
export async function withIdentifierLookup<T>(
  db: Db,
  pii: PiiCipher,
  actor: Actor,
  lookup: { terms: IdentifierTerm[]; context: string },
  run: () => Promise<T>,
  resultCount: (result: T) => number,
): Promise<T> {
  const { terms, context } = lookup;
  if (terms.length === 0) return run();
  const settings = await identifierLookupSettingsOf(db);
  const account = accountOf(actor);
  const since = new Date(Date.now() - settings.windowMinutes * 60_000);
  const valueHashes = terms.map((t) => valueHashOf(pii, t));
  const [seen] = await db
    .select({
      // Rows from before value hashes were kept count once each.
      used: sql<number>`count(distinct coalesce(${identifierLookups.valueHash}, 'row:' || ${identifierLookups.id})) filter (where not ${identifierLookups.refused})::int`,
      known: sql<string[]>`coalesce(array_agg(distinct ${identifierLookups.valueHash}) filter (where not ${identifierLookups.refused} and ${identifierLookups.valueHash} is not null), '{}')`,
      refusedBefore: sql<number>`count(*) filter (where ${identifierLookups.refused})::int`,
    })
    .from(identifierLookups)
    .where(and(eq(identifierLookups.account, account), gt(identifierLookups.at, since)));
  const used = seen?.used ?? 0;
  const refusedBefore = seen?.refusedBefore ?? 0;
  const fresh = new Set(valueHashes.filter((h) => !(seen?.known ?? []).includes(h)));
  const details = {
    context,
    fields: terms.map((t) => t.param),
    kinds: terms.map((t) => t.field),
    masked: terms.map(maskedForm),
    // A prefix of the keyed look-up hash: lets an auditor see the same value tried again, reveals nothing.
    hashes: terms.map((t) => pii.lookupHash(t.value).slice(0, 16)),
  };
  const rows = (refused: boolean) => terms.map((t, i) => ({ account, field: t.field, context, refused, valueHash: valueHashes[i] ?? null }));
  if (fresh.size > 0 && used + fresh.size > settings.lookupLimit) {
    await db.transaction(async (tx) => {
      await tx.insert(identifierLookups).values(rows(true));
      await recordAudit(tx, actor, { action: 'registry.identifier_lookup', result: 'denied', targetType: 'resident', details: { ...details, limit: settings.lookupLimit, windowMinutes: settings.windowMinutes } });
      if (refusedBefore === 0) await alertSecurityAdmins(tx, actor, settings);
    });
    throw new AppError('REGISTRY_LOOKUP_RATE_LIMITED', { limit: settings.lookupLimit, minutes: settings.windowMinutes });
  }
  // Counted before it runs: a look-up that fails half-way still counts.
  await db.insert(identifierLookups).values(rows(false));
  const result = await run();
  await recordAudit(db, actor, { action: 'registry.identifier_lookup', targetType: 'resident', details: { ...details, resultCount: resultCount(result) } });
  return result;
}
