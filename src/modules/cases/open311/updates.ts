// servicerequestupdates (the GeoReport v2 extension FixMyStreet and others use): GET the
// updates of a date window (each state change of a visible case, with the extended status
// of the state it reached), and POST a client's update on a request it submitted: a
// comment (with any media files as its photos), or, when the client says the problem is back (OPEN, REOPEN) on a finished case,
// a reopen where the workflow table allows it.
import type { FastifyRequest } from 'fastify';
import { and, asc, eq, gte, lte, ne, sql } from 'drizzle-orm';
import { shownName } from '../../../platform/auth/scope.ts';
import { permissionsOf } from '../../../platform/auth/roles.ts';
import type { AppContext } from '../../../platform/http.ts';
import type { CaseAction } from '../contract.ts';
import type { CaseActor } from '../workflow.ts';
import { applyAction } from '../apply-action.ts';
import { cases, caseTimeline } from '../schema.ts';
import { loadCaseRules } from '../settings.ts';
import { finishedStates, snapshotOf, workflowConfig } from '../use-cases/common.ts';
import { clockEvents } from '../use-cases/case-sla.ts';
import { commitTransition, extraColumns } from '../use-cases/commit-transition.ts';
import { creatorIdOf, extendedStatuses, noteOf, visibleToCaller, type Caller } from './present.ts';
import { dateWindow, one, Open311Error, pageOf, parseDate, w3cDate } from './format.ts';
import { mediaUrls, readBody, reportingKeyActor, storeMedia } from './submit.ts';

/** The statuses a client may post (the extension's list, as FixMyStreet sends them). */
const postedStatuses = new Set([
  'OPEN', 'CLOSED', 'FIXED', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'INVESTIGATING', 'DUPLICATE', 'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION', 'INTERNAL_REFERRAL', 'FOR_TRIAGE', 'CANCELLED', 'REOPEN', 'UNABLE_TO_FIX', 'WONT_FIX',
]);
const reopening = new Set(['OPEN', 'REOPEN']);

/** GET servicerequestupdates: state changes of visible cases in the window, oldest first, paged. */
export async function listUpdates(ctx: AppContext, query: Record<string, unknown>, caller: Caller) {
  const db = ctx.database.db;
  const { from, to } = dateWindow(query);
  const { page, pageSize } = pageOf(query);
  const rows = await db
    .select({ entry: caseTimeline, number: cases.number, state: cases.state })
    .from(caseTimeline)
    .innerJoin(cases, eq(cases.id, caseTimeline.caseId))
    .where(
      and(
        await visibleToCaller(db, caller),
        gte(caseTimeline.at, from),
        to ? lte(caseTimeline.at, to) : undefined,
        // A change of state is news to a client; the report itself is the request.
        ne(caseTimeline.action, 'report'),
        sql`${caseTimeline.fromState} is distinct from ${caseTimeline.toState}`,
      ),
    )
    .orderBy(asc(caseTimeline.at), asc(caseTimeline.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return rows.map(({ entry, number }) => {
    const said = entry.action === 'reject' || entry.action === 'feedback' || entry.action === 'reopen' ? (entry.text ?? entry.reason) : null;
    // A rating that says the problem was not solved closes without a fix.
    const status = entry.action === 'rate' && entry.details.resolved === false ? 'CLOSED' : extendedStatuses[entry.toState];
    return {
      update_id: String(entry.id),
      service_request_id: number,
      status,
      updated_datetime: w3cDate(entry.at),
      description: said ? `${noteOf(entry.toState)}: ${said}` : noteOf(entry.toState),
      media_url: null,
    };
  });
}

/**
 * The client as a workflow actor on a request it submitted. An Open311 client stands for the
 * people who report through it, so on its own requests it takes the reporter's part of the
 * table (comment, reopen), the part roles.ts gives residents as case.rate.
 */
function reporterActorOf(keyId: string, role: Parameters<typeof permissionsOf>[0]): CaseActor {
  return { id: creatorIdOf(keyId), permissions: [...new Set([...permissionsOf(role), 'case.rate' as const])], orgUnitId: null, role };
}

/** POST servicerequestupdates: the client's update on its own request; answers the update's id. */
export async function postUpdate(req: FastifyRequest, ctx: AppContext) {
  const db = ctx.database.db;
  const { fields, files } = await readBody(req);
  const actor = await reportingKeyActor(req, ctx, fields);
  const number = one(fields.service_request_id)?.trim();
  if (!number) throw new Open311Error(400, 'service_request_id is required');
  const status = (one(fields.status) ?? '').trim().toUpperCase();
  if (!postedStatuses.has(status)) throw new Open311Error(400, `status must be one of ${[...postedStatuses].join(', ')}`);
  const description = (one(fields.description) ?? '').trim().slice(0, 2000);
  parseDate(one(fields.updated_datetime), 'updated_datetime');
  const urls = mediaUrls(fields);
  const [row] = await db.select().from(cases).where(eq(cases.number, number));
  if (!row) throw new Open311Error(404, `service_request_id ${number} not found`);
  if (actor.kind !== 'api_key' || !actor.id || row.createdBy !== creatorIdOf(actor.id)) {
    throw new Open311Error(403, 'updates are taken only from the client that submitted the request');
  }
  const deps = { db, pii: ctx.pii, dataDir: ctx.config.dataDir };
  const photos = await storeMedia(deps, actor, files);
  const rules = await loadCaseRules(db);
  const who = reporterActorOf(actor.id, actor.grants[0]?.role ?? 'open311_client');
  const snapshot = { ...snapshotOf(row), reporterId: creatorIdOf(actor.id) };
  const text = [description, ...urls].filter(Boolean).join('\n');
  const details = { open311: { status, updateId: one(fields.update_id) ?? null } };
  const now = new Date();
  const attempt = (action: CaseAction, input: { text?: string; reason?: string; photos?: string[] }) => applyAction(snapshot, action, who, input, workflowConfig(rules), now);
  // Photos go with a comment (a reopen takes none).
  let applied = reopening.has(status) && finishedStates.includes(row.state) && text && photos.length === 0 ? attempt('reopen', { reason: text }) : undefined;
  if (!applied?.ok) {
    if (!text && photos.length === 0) throw new Open311Error(400, 'description is required');
    applied = attempt('comment', { text: text || '附图 / photos', ...(photos.length ? { photos } : {}) });
  }
  if (!applied.ok) throw new Open311Error(403, `the update cannot be taken on this request (${applied.code})`);
  const { next, timelineEntry } = applied;
  const { extra } = extraColumns(row, timelineEntry, { action: timelineEntry.action }, now);
  const events = await clockEvents(db, row.id, row.stageStartedAt);
  await db.transaction((tx) => commitTransition(tx, deps, rules, row, { next, entry: timelineEntry, actorName: shownName(actor), actor: { ...actor, ip: req.ip }, extra, details }, events, now));
  const [entry] = await db
    .select({ id: caseTimeline.id })
    .from(caseTimeline)
    .where(and(eq(caseTimeline.caseId, row.id), eq(caseTimeline.version, timelineEntry.version)));
  return [{ update_id: String(entry?.id ?? ''), account_id: one(fields.account_id) ?? null }];
}
