// Which materials an application still lacks: required ones must be brought, 容缺 ones may be
// owed after acceptance, 告知承诺 ones may be replaced by a commitment. Rules only, no I/O.
import type { MaterialSpec, MaterialState } from '../contract.ts';

export interface Held {
  /** Material keys with at least one file. */
  supplied: ReadonlySet<string>;
  deferred: readonly string[];
  committed: readonly string[];
}

/** The state of each material of the item. */
export function materialStates(specs: readonly MaterialSpec[], held: Held): Omit<MaterialState, 'files'>[] {
  return specs.map((m) => {
    const base = { key: m.key, name: m.name, form: m.form, count: m.count, rule: m.rule };
    if (held.supplied.has(m.key)) return { ...base, state: 'supplied' as const };
    if (m.rule === 'deferrable' && held.deferred.includes(m.key)) return { ...base, state: 'deferred' as const };
    if (m.rule === 'commitment' && held.committed.includes(m.key)) return { ...base, state: 'committed' as const };
    if (m.rule === 'optional') return { ...base, state: 'not_needed' as const };
    return { ...base, state: 'missing' as const };
  });
}

/** The names of materials that keep an application from being accepted. */
export function missingForAcceptance(specs: readonly MaterialSpec[], held: Held): string[] {
  return materialStates(specs, held)
    .filter((m) => m.state === 'missing')
    .map((m) => m.name);
}

/** The names of materials owed before a decision: missing ones and 容缺 ones not yet brought. */
export function missingForDecision(specs: readonly MaterialSpec[], held: Held): string[] {
  return materialStates(specs, held)
    .filter((m) => m.state === 'missing' || m.state === 'deferred')
    .map((m) => m.name);
}
