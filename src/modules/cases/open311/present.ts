// What an Open311 client may see of a case, and how. Published: public cases outside the
// sensitive categories (vulnerable people, security — whatever the case's privacy), with
// their point rounded to about 100 m. The client that submitted a case sees it whatever its
// privacy, with its own point. Our states map to the spec's open/closed on requests, and to
// the extended statuses FixMyStreet reads on updates, so a refusal or a merge never reads
// as fixed.
import { and, desc, eq, inArray, notInArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { placeOf } from '../../org/index.ts';
import type { CaseState } from '../contract.ts';
import { cases, caseTimeline, type CaseRow } from '../schema.ts';
import { loadCaseRules, type CaseRules } from '../settings.ts';
import { openStates } from '../use-cases/common.ts';
import { w3cDate } from './format.ts';

/** Who asks: an API key (its id), or nobody. */
export interface Caller {
  keyId: string | null;
}

/** The workflow id a key's cases are created under (policies.caseActorId). */
export const creatorIdOf = (keyId: string) => `apikey:${keyId}`;

/** Subclasses never published: marked sensitive, or under a class marked sensitive. */
export function sensitiveCodes(rules: CaseRules): string[] {
  return [...rules.categories.values()].filter((c) => c.sensitive || (c.parentCode !== null && rules.categories.get(c.parentCode)?.sensitive)).map((c) => c.code);
}

/** SQL keeping the cases the caller may see on Open311. */
export async function visibleToCaller(db: Db, caller: Caller): Promise<SQL> {
  const hidden = sensitiveCodes(await loadCaseRules(db));
  const published = and(eq(cases.isPublic, true), hidden.length ? notInArray(cases.categoryCode, hidden) : undefined) as SQL;
  return caller.keyId ? (or(published, eq(cases.createdBy, creatorIdOf(caller.keyId))) as SQL) : published;
}

const stateNotes: Record<CaseState, string> = {
  reported: '已上报，等待受理 / reported, waiting to be accepted',
  accepted: '已受理 / accepted',
  rejected: '不予受理 / not accepted',
  registered: '已立案，等待派遣 / registered, waiting for dispatch',
  dispatched: '已派遣 / dispatched',
  handling: '处置中 / being handled',
  handled: '已处置，等待核查 / handled, waiting for verification',
  closed: '已结案 / closed',
  rated: '已结案并评价 / closed and rated',
  suspended: '已挂起 / suspended',
  merged: '已合并到其他案件 / merged into another request',
};

/** The state in our words (zh / en). */
export const noteOf = (state: CaseState) => stateNotes[state];

/** The extended statuses of servicerequestupdates (as FixMyStreet reads them), per workflow state. */
export const extendedStatuses: Record<CaseState, string> = {
  reported: 'OPEN',
  accepted: 'INVESTIGATING',
  registered: 'ACTION_SCHEDULED',
  dispatched: 'ACTION_SCHEDULED',
  handling: 'IN_PROGRESS',
  handled: 'IN_PROGRESS',
  suspended: 'INVESTIGATING',
  closed: 'FIXED',
  rated: 'FIXED',
  // 不予受理 is a refusal (not ours to handle), never a fix; a merged case is a duplicate.
  rejected: 'NOT_COUNCILS_RESPONSIBILITY',
  merged: 'DUPLICATE',
};

/** About 100 m: published points are rounded to 3 decimals. */
export const roundCoordinate = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** A case as an Open311 service request. */
export async function presentRequest(db: Db, row: CaseRow, caller: Caller) {
  const rules = await loadCaseRules(db);
  const category = rules.categories.get(row.categoryCode);
  let notes = noteOf(row.state);
  if (['rejected', 'closed', 'rated', 'handled'].includes(row.state)) {
    const [last] = await db
      .select({ text: caseTimeline.text, reason: caseTimeline.reason })
      .from(caseTimeline)
      .where(and(eq(caseTimeline.caseId, row.id), inArray(caseTimeline.action, ['reject', 'feedback'])))
      .orderBy(desc(caseTimeline.version))
      .limit(1);
    const said = last?.text ?? last?.reason;
    if (said) notes = `${notes}: ${said}`;
  }
  if (row.state === 'merged' && row.parentCaseId) {
    const [parent] = await db.select({ number: cases.number }).from(cases).where(eq(cases.id, row.parentCaseId));
    if (parent) notes = `${notes}: ${parent.number}`;
  }
  const agencyCode = row.handlingUnit ?? row.dispatcherUnit ?? row.communityCode ?? row.streetCode ?? row.districtCode;
  const agency = agencyCode ? ((await placeOf(db, agencyCode))?.name ?? null) : null;
  const own = caller.keyId !== null && row.createdBy === creatorIdOf(caller.keyId);
  const isOpen = openStates.includes(row.state);
  return {
    service_request_id: row.number,
    status: isOpen ? 'open' : 'closed',
    status_notes: notes,
    service_name: category?.name ?? row.categoryCode,
    service_code: row.categoryCode,
    description: row.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: w3cDate(row.createdAt),
    updated_datetime: w3cDate(row.updatedAt),
    expected_datetime: isOpen ? w3cDate(row.deadlineAt) : null,
    address: row.address || null,
    address_id: row.addressId,
    zipcode: row.zipcode,
    lat: own ? row.lat : roundCoordinate(row.lat),
    long: own ? row.lng : roundCoordinate(row.lng),
    media_url: row.mediaUrls[0] ?? row.mediaUrl,
    ...(row.mediaUrls.length > 1 ? { media_urls: row.mediaUrls } : {}),
  };
}
