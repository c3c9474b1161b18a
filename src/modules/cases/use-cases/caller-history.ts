// The hotline operator's screen: a caller's earlier cases, by phone.
import { and, desc, eq } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { CallerHistory } from '../contract.ts';
import { cases } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { visibleCases } from '../policies.ts';
import { normalisePhone, type CaseDeps } from './common.ts';
import { orgUnitNamesOf, presentListItem } from './present.ts';

/** Earlier cases of a caller (by phone), newest first, for the hotline operator's screen. */
export async function callerHistory(deps: CaseDeps, actor: Actor, phone: string): Promise<CallerHistory> {
  const { db } = deps;
  requirePermission(actor, 'case.report');
  const normalised = normalisePhone(phone);
  const rows = await db
    .select()
    .from(cases)
    .where(and(eq(cases.reporterPhoneHash, deps.pii.lookupHash(normalised)), visibleCases(actor)))
    .orderBy(desc(cases.createdAt))
    .limit(20);
  const rules = await loadCaseRules(db);
  const names = await orgUnitNamesOf(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
  const lastName = rows.find((r) => r.reporterName)?.reporterName;
  return {
    phone: normalised,
    callerName: lastName ? deps.pii.decrypt(lastName) : null,
    cases: rows.map((r) => presentListItem(r, names, rules)),
  };
}
