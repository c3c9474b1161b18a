// The hotline operator's screen: a caller's earlier cases, by phone. A look-up by phone
// number like the registry's (rate-limited per account and audited), and the same rule as
// the case page: only cases whose reporter the reader may see, and the caller's phone and
// name masked for everyone.
import { and, desc, eq } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import { maskMobile, withIdentifierLookup } from '../../registry/index.ts';
import type { CallerHistory } from '../contract.ts';
import { cases } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { seesReporter, visibleCases } from '../policies.ts';
import { normalisePhone, type CaseDeps } from './common.ts';
import { orgUnitNamesOf, presentListItem } from './present.ts';
import { maskReporterName } from './reveal-reporter.ts';

/** Earlier cases of a caller (by phone), newest first, for the hotline operator's screen. */
export async function callerHistory(deps: CaseDeps, actor: Actor, phone: string): Promise<CallerHistory> {
  const { db } = deps;
  requirePermission(actor, 'case.report');
  const normalised = normalisePhone(phone);
  const lookup = { terms: [{ field: 'phone' as const, param: 'phone', value: normalised }], context: 'hotline' };
  return withIdentifierLookup(
    db,
    deps.pii,
    actor,
    lookup,
    async () => {
      const visible = await db
        .select()
        .from(cases)
        .where(and(eq(cases.reporterPhoneHash, deps.pii.lookupHash(normalised)), visibleCases(actor)))
        .orderBy(desc(cases.createdAt))
        .limit(200);
      // A case whose reporter is hidden from the reader says nothing about this caller.
      const rows = visible.filter((r) => seesReporter(actor, r)).slice(0, 20);
      const rules = await loadCaseRules(db);
      const names = await orgUnitNamesOf(db, rows.flatMap((r) => [r.communityCode, r.streetCode, r.handlingUnit]));
      const lastName = rows.find((r) => r.reporterName)?.reporterName;
      return {
        phone: maskMobile(normalised),
        callerName: lastName ? maskReporterName(deps.pii.decrypt(lastName)) : null,
        cases: rows.map((r) => presentListItem(r, names, rules)),
      };
    },
    (history) => history.cases.length,
  );
}
