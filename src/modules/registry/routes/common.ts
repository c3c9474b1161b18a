// What the registry's route files share: splitting off the reveal fields of a query.
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { RevealQuery } from '../contract.ts';
import { revealRequest } from '../use-cases/reveal.ts';

/** A query's filters without its reveal fields, and the reveal it asks for (refused, or audited, by revealRequest). */
export async function filtersAndReveal<Q extends RevealQuery>(db: Db, actor: Actor, { reveal, reason, ...filters }: Q) {
  return { filters, revealed: await revealRequest(db, actor, { reveal, reason }) };
}
