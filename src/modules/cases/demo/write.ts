// The demo's cases as rows of the cases and timeline tables, numbered in the day they were
// reported, and written with a few bulk inserts (json_to_recordset, unnest).
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { bulkLoad, insertByUnnest } from '../../../platform/bulk-insert.ts';
import type { CaseSource, CaseUrgency } from '../contract.ts';
import type { CategoryRow } from '../schema.ts';
import { beijingDay, searchTerms } from '../use-cases/common.ts';
import type { Place, SimulatedCase } from './simulate.ts';

/** One demo case as generated, before it becomes a row. */
export interface DemoCase {
  id: string;
  createdAt: Date;
  place: Place;
  category: CategoryRow;
  source: CaseSource;
  urgency: CaseUrgency;
  reporterUserId: string | null;
  reporterName: string | null;
  phone: string | null;
  lng: number;
  lat: number;
  address: string;
  title: string;
  description: string;
  sim: SimulatedCase;
}

/** The rows of the demo's cases, gathered before one write. */
export interface DemoRows {
  prefix: string;
  caseRows: Record<string, unknown>[];
  timelineRows: Record<string, unknown>[];
  /** The last sequence number used on each day (yyyymmdd). */
  seqByDay: Map<string, number>;
  /** Adds one case row and its timeline, numbered in the day it was reported. */
  add(c: DemoCase): void;
}

/** An empty set of rows for the cases of one district, numbered with `prefix`. */
export function demoRows(prefix: string, districtCode: string, pii: PiiCipher): DemoRows {
  const rows: DemoRows = {
    prefix,
    caseRows: [],
    timelineRows: [],
    seqByDay: new Map(),
    add: (c) => {
      const { id, place, category, phone, sim } = c;
      const day = beijingDay(c.createdAt);
      const seq = (rows.seqByDay.get(day) ?? 0) + 1;
      rows.seqByDay.set(day, seq);
      const number = `${prefix}${day}-${String(seq).padStart(6, '0')}`;
      const s = sim.snapshot;
      rows.caseRows.push({
        id, number, title: c.title, description: c.description, category_code: category.code, class_code: category.parentCode, matter_class: category.defaultMatterClass,
        urgency: c.urgency, source: c.source, state: s.state, tier: s.tier, version: s.version, org_path: place.orgPath, grid_code: place.gridCode, community_code: place.communityCode,
        street_code: place.streetCode, district_code: districtCode, lng: c.lng, lat: c.lat, address: c.address, reporter_user_id: c.reporterUserId,
        reporter_name: phone && c.reporterName ? pii.encrypt(c.reporterName) : null,
        reporter_phone: phone ? pii.encrypt(phone) : null, reporter_phone_hash: phone ? pii.lookupHash(phone) : null,
        is_public: category.defaultMatterClass !== 'private', dispatcher_unit: s.dispatcherUnitId, handling_unit: s.handlingUnitId, co_units: [...s.coHandlingUnitIds],
        handled_by: sim.handledBy, suspended_from: s.suspendedFrom, reopen_count: s.reopenCount, rework_count: s.reworkCount, extension_count: s.extensionCount,
        rating: s.rating, resolved: s.rating ? s.rating !== 'unsatisfied' : null, supervision_level: s.supervisionLevel, parent_case_id: s.parentCaseId,
        ...sim.sla, overdue_count: sim.overdueCount, accept_on_time: sim.acceptOnTime, created_by: 'demo', created_at: c.createdAt.toISOString(),
        updated_at: sim.updatedAt.toISOString(), accepted_at: sim.acceptedAt?.toISOString() ?? null, closed_at: sim.closedAt?.toISOString() ?? null,
        rated_at: sim.ratedAt?.toISOString() ?? null, search_text: searchTerms(`${number} ${c.title} ${c.description} ${c.address}`).join(' '),
      });
      for (const t of sim.timeline) rows.timelineRows.push(t);
    },
  };
  return rows;
}

/** Writes the cases, their timelines and the day counters in one transaction. */
export async function writeDemoRows(db: Db, { prefix, caseRows, timelineRows, seqByDay }: DemoRows): Promise<void> {
  await db.transaction(async (tx) => {
    const tables = ['cases', 'case_handlers', 'case_timeline'];
    await bulkLoad(tx, tables, async () => {
      for (let i = 0; i < caseRows.length; i += 4000) {
        await tx.execute(sql`insert into cases (id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version,
            org_path, grid_code, community_code, street_code, district_code, lng, lat, address, reporter_user_id, reporter_name, reporter_phone, reporter_phone_hash,
            is_public, dispatcher_unit, handling_unit, co_units, handled_by, suspended_from, reopen_count, rework_count, extension_count, rating, resolved,
            supervision_level, parent_case_id, stage, stage_started_at, warn_at, red_at, deadline_at, sla_level, overdue_at, overdue_count, accept_on_time,
            created_by, created_at, updated_at, accepted_at, closed_at, rated_at, search_vector)
          select id, number, title, description, category_code, class_code, matter_class, urgency, source, state, tier, version,
            org_path, grid_code, community_code, street_code, district_code, lng, lat, address, reporter_user_id, reporter_name, reporter_phone, reporter_phone_hash,
            is_public, dispatcher_unit, handling_unit, co_units, handled_by, suspended_from, reopen_count, rework_count, extension_count, rating, resolved,
            supervision_level, parent_case_id, stage, stage_started_at, warn_at, red_at, deadline_at, sla_level, overdue_at, overdue_count, accept_on_time,
            created_by, created_at, updated_at, accepted_at, closed_at, rated_at, to_tsvector('simple', search_text)
          from json_to_recordset(${JSON.stringify(caseRows.slice(i, i + 4000))}::json) as x(
            id uuid, number text, title text, description text, category_code text, class_code text, matter_class text, urgency text, source text, state text,
            tier text, version int, org_path text, grid_code text, community_code text, street_code text, district_code text, lng float8, lat float8, address text,
            reporter_user_id uuid, reporter_name text, reporter_phone text, reporter_phone_hash text, is_public boolean, dispatcher_unit text, handling_unit text,
            co_units text[], handled_by text[], suspended_from text, reopen_count int, rework_count int, extension_count int, rating text, resolved boolean,
            supervision_level text, parent_case_id uuid, stage text, stage_started_at timestamptz, warn_at timestamptz, red_at timestamptz, deadline_at timestamptz,
            sla_level text, overdue_at timestamptz, overdue_count int, accept_on_time boolean, created_by text, created_at timestamptz, updated_at timestamptz,
            accepted_at timestamptz, closed_at timestamptz, rated_at timestamptz, search_text text)`);
      }
      // The department lists' rows, as dispatch writes them.
      await tx.execute(sql`insert into case_handlers (case_id, unit, created_at)
        select distinct c.id, u.unit, c.created_at from cases c cross join lateral unnest(c.handled_by) as u(unit)
        where c.id = any(${sql.param(caseRows.map((r) => r.id))}::uuid[]) on conflict do nothing`);
      await insertByUnnest(tx, 'case_timeline', [
        ['case_id', 'uuid'], ['version', 'int'], ['action', 'text'], ['from_state', 'text'], ['to_state', 'text'], ['from_tier', 'text'], ['to_tier', 'text'],
        ['actor_id', 'text'], ['actor_name', 'text'], ['actor_role', 'text'], ['actor_unit', 'text'], ['org_path', 'text'], ['handling_unit', 'text'], ['at', 'timestamptz'], ['reason', 'text'], ['text', 'text'],
        ['target_unit', 'text'], ['co_units', 'text[]'], ['rating', 'text'], ['extension', 'jsonb'], ['supervision_level', 'text'], ['parent_case_id', 'uuid'], ['details', 'jsonb'],
      ], timelineRows, 20_000);
    });
    // Numbers made today continue the demo's daily sequences.
    const days = [...seqByDay.keys()];
    await tx.execute(sql`insert into case_number_counters (prefix, day, seq)
      select ${prefix}, x.day, x.seq from unnest(${sql.param(days.map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`))}::date[], ${sql.param(days.map((d) => seqByDay.get(d)))}::int[]) as x(day, seq)
      on conflict (prefix, day) do update set seq = greatest(case_number_counters.seq, excluded.seq)`);
  });
}
