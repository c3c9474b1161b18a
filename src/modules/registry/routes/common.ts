// What the registry's route files share: splitting off the reveal fields of a query, and
// keeping identifiers out of URLs.
import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { RevealQuery } from '../contract.ts';
import { searchTermKind } from '../pinyin.ts';
import { validationFailed } from '../use-cases/common.ts';
import { revealRequest } from '../use-cases/reveal.ts';

/**
 * Refuses a query string that carries an ID or phone number (idNumber, phone, or digits in
 * q or name): URLs are written to access logs and browser histories. The same search
 * takes them in a POST body (`use`).
 */
export function refuseIdentifiersInUrl<Q extends { q?: string | undefined; name?: string | undefined; idNumber?: string | undefined; phone?: string | undefined }>(query: Q, use: string): Q {
  const fields: string[] = (['idNumber', 'phone'] as const).filter((f) => query[f]);
  for (const f of ['q', 'name'] as const) {
    const term = query[f];
    if (term && searchTermKind(term) === 'digits') fields.push(f);
  }
  if (fields.length > 0) {
    throw validationFailed(fields.map((f) => ({ field: `querystring.${f}`, message: `证件号、手机号不能放在网址中，请用 POST ${use} 查询` })));
  }
  return query;
}

/** A query's filters without its reveal fields, and the reveal it asks for (refused, or audited, by revealRequest). */
export async function filtersAndReveal<Q extends RevealQuery>(db: Db, actor: Actor, { reveal, reason, ...filters }: Q) {
  return { filters, revealed: await revealRequest(db, actor, { reveal, reason }) };
}

/**
 * A per-account limit (per address before sign-in) on writes that take a whole ID number:
 * "this person is already registered" answers whether a number exists anywhere, so trying
 * candidates through create or edit must be as slow as through the search. Generous for
 * data entry (one person every 12 s for an hour); counted per route (create, edit).
 */
export const identifierWriteLimit: FastifyContextConfig = {
  rateLimit: {
    max: 300,
    timeWindow: '1 hour',
    // After the caller is identified, so that one account is one key whatever its address.
    hook: 'preHandler',
    keyGenerator: (req: FastifyRequest) => {
      const who = req.actorResult && 'actor' in req.actorResult ? req.actorResult.actor : undefined;
      return who ? `registry-id-write:${who.kind}:${who.id ?? who.name}` : `registry-id-write:ip:${req.ip}`;
    },
  },
};
