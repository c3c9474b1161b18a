// The statements of an import's commit, step by step: places first (buildings, houses,
// households), then people, their key groups and heads, and last the job's own row and its
// audit entry. Set-based SQL over one chunk of the staged rows (commit.ts runs every step
// per chunk, each chunk in its own short transaction).
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { GridRef } from '../../org/index.ts';
import type { KindInfo } from '../key-groups/kinds.ts';
import { registryImports } from '../schema.ts';
import type { ImportJob } from './jobs.ts';
import { residentChanged } from './staged.ts';

export const commitSteps = ['楼栋', '房屋', '户', '迁居记录', '更新居民', '新增居民', '重点人群', '户主', '完成'] as const;
export type CommitStep = (typeof commitSteps)[number];

/** What every step of one commit works with; steps count what they wrote into `counts`. */
export interface CommitContext {
  actor: Actor;
  job: ImportJob;
  onlyValid: boolean;
  today: string;
  kinds: KindInfo[];
  /** The community's grids (org's), for the scope of new buildings. */
  grids: GridRef[];
  /** The last staged row of the chunk being written (earlier rows are already committed and gone). */
  upTo: number;
  /** The last row of the chunk before (0 for the first): bounds the chunk for the planner's estimates too. */
  after: number;
  /** The chunk's staged rows with their target household (staged.ts). */
  targets: SQL;
  /** What this chunk wrote; the job row adds them up. */
  counts: { inserted: number; updated: number };
  /** Whether to refresh the planner's statistics in this chunk. */
  analyze: boolean;
}

/** The chunk's good staged rows, as `s`. */
const chunkRows = ({ job, upTo, after }: CommitContext) => sql`s.import_id = ${job.id} and s.valid and s.row_no > ${after} and s.row_no <= ${upTo}`;

type Step = (tx: Db, c: CommitContext) => Promise<void>;

const insertBuildings: Step = async (tx, c) => {
  const { job, grids } = c;
  await tx.execute(sql`
    insert into buildings (community_code, grid_code, org_path, name, address, search)
    select ${job.communityCode}, g.code, g.org_path, s.building, s.building, array_to_tsvector(s.building_terms)
      from (select distinct on (building) building, grid_code, building_terms from registry_import_rows s
             where ${chunkRows(c)} order by building, row_no) s
      join unnest(${sql.param(grids.map((g) => g.code))}::text[], ${sql.param(grids.map((g) => g.orgPath))}::text[]) as g(code, org_path) on g.code = s.grid_code
    on conflict (community_code, name) do nothing`);
};

const insertHouses: Step = async (tx, c) => {
  const { job } = c;
  await tx.execute(sql`
    insert into houses (building_id, grid_code, org_path, unit, floor, number, tenure)
    select distinct on (b.id, s.unit, s.house_number) b.id, b.grid_code, b.org_path, s.unit, s.floor, s.house_number, coalesce(s.tenure, 'owner_occupied')
      from registry_import_rows s join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
     where ${chunkRows(c)}
     order by b.id, s.unit, s.house_number, s.row_no
    on conflict (building_id, unit, number) do nothing`);
};

const insertHouseholds: Step = async (tx, c) => {
  const { job } = c;
  await tx.execute(sql`
    insert into households (house_id, grid_code, org_path, number)
    select distinct h.id, h.grid_code, h.org_path, s.household_number
      from registry_import_rows s
      join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
      join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number
     where ${chunkRows(c)}
    on conflict (house_id, number) do nothing`);
  // The next statements join staged rows to what was just inserted (see crossRowChecks);
  // the first chunk may have filled empty tables, later ones change their size little.
  if (c.analyze) await tx.execute(sql`analyze buildings, houses, households, residents`);
};

// People whose household changes: close the current line of their history, open a new one.
const moveHistories: Step = async (tx, { targets: t, today }) => {
  await tx.execute(sql`
    with t as (${t})
    update residence_history rh set moved_out_on = ${today}::date, reason = coalesce(rh.reason || '；', '') || '台账导入：迁往他处'
      from t join residents r on r.id_number_hash = t.id_number_hash
     where rh.resident_id = r.id and rh.moved_out_on is null and r.household_id is distinct from t.target_household`);
  await tx.execute(sql`
    with t as (${t})
    insert into residence_history (resident_id, house_id, household_id, relation, org_path, moved_in_on, reason)
    select r.id, t.target_house, t.target_household, t.relation, t.target_path, ${today}::date, '台账导入'
      from t join residents r on r.id_number_hash = t.id_number_hash
     where r.household_id is distinct from t.target_household`);
};

const updateResidents: Step = async (tx, c) => {
  const { targets: t, counts } = c;
  const [u] = await queryRows<{ n: number }>(tx, sql`
    with t as (${t}),
    u as (
      update residents r
         set name = t.name, name_pinyin = t.name_pinyin, name_initials = t.name_initials, search = array_to_tsvector(t.search_terms),
             household_id = t.target_household, house_id = t.target_house, relation = t.relation,
             grid_code = t.target_grid, org_path = t.target_path, status = 'active',
             phone_enc = case when t.phone_hash is not null and t.phone_hash is distinct from r.phone_hash then t.phone_enc else r.phone_enc end,
             phone_hash = coalesce(t.phone_hash, r.phone_hash),
             ethnicity = coalesce(t.ethnicity, r.ethnicity),
             residence_type = coalesce(t.residence_type, r.residence_type),
             arrived_on = coalesce(t.arrived_on, r.arrived_on),
             employer = coalesce(t.employer, r.employer),
             education = coalesce(t.education, r.education),
             political_status = coalesce(t.political_status, r.political_status),
             notes = coalesce(t.notes, r.notes),
             version = r.version + 1, updated_at = now()
        from t
       where r.id_number_hash = t.id_number_hash and ${residentChanged}
      returning 1)
    select count(*)::int as n from u`);
  counts.updated = u?.n ?? 0;
  await tx.execute(sql`
    update key_group_memberships m set org_path = r.org_path
      from residents r join registry_import_rows s on s.id_number_hash = r.id_number_hash and ${chunkRows(c)}
     where m.resident_id = r.id and m.org_path <> r.org_path`);
};

const insertResidents: Step = async (tx, c) => {
  const { targets: t, today, counts } = c;
  const [n] = await queryRows<{ n: number }>(tx, sql`
    with t as (${t}),
    ins as (
      insert into residents (grid_code, org_path, house_id, household_id, relation, name, name_pinyin, name_initials, gender, birth_date,
                             id_number_enc, id_number_hash, phone_enc, phone_hash, ethnicity, residence_type, arrived_on, employer,
                             education, political_status, notes, search)
      select t.target_grid, t.target_path, t.target_house, t.target_household, t.relation, t.name, t.name_pinyin, t.name_initials, t.gender, t.birth_date,
             t.id_number_enc, t.id_number_hash, t.phone_enc, t.phone_hash, t.ethnicity, coalesce(t.residence_type, 'local'), t.arrived_on, t.employer,
             t.education, t.political_status, t.notes, array_to_tsvector(t.search_terms)
        from t
      -- People already registered were updated in the step before. (Not "where not exists": the
      -- planner, with statistics of an empty table, re-scans the rows this statement inserts per row.)
      on conflict (id_number_hash) do nothing
      returning id, house_id, household_id, relation, org_path),
    hist as (
      insert into residence_history (resident_id, house_id, household_id, relation, org_path, moved_in_on, reason)
      select id, house_id, household_id, relation, org_path, ${today}::date, '台账导入' from ins
      returning 1)
    select count(*)::int as n from hist`);
  counts.inserted = n?.n ?? 0;
  // The next steps join residents: with statistics of before the insert they scan it per staged row.
  if (c.analyze) await tx.execute(sql`analyze residents, residence_history`);
};

const insertMemberships: Step = async (tx, c) => {
  const { today, kinds } = c;
  await tx.execute(sql`
    insert into key_group_memberships (resident_id, kind, org_path, sensitive, fields, since, visit_every_days, next_visit_due)
    select r.id, k.kind, r.org_path, kinds.sensitive, k.fields, ${today}::date, kinds.every, ${today}::date + kinds.every
      from registry_import_rows s
      cross join lateral jsonb_to_recordset(s.key_groups) as k(kind text, fields jsonb)
      join residents r on r.id_number_hash = s.id_number_hash
      join unnest(${sql.param(kinds.map((k) => k.code))}::text[], ${sql.param(kinds.map((k) => k.sensitive))}::boolean[],
                  ${sql.param(kinds.map((k) => k.visitEveryDays))}::int[]) as kinds(code, sensitive, every) on kinds.code = k.kind
     where ${chunkRows(c)} and s.key_groups <> '[]'::jsonb
    on conflict (resident_id, kind) where until is null do nothing`);
};

// The file names the head of each of its households.
// A household's head is in the same chunk as the row naming it (one head per household).
const setHeads: Step = async (tx, c) => {
  const { targets: t } = c;
  await tx.execute(sql`
    update residents r set relation = 'other', version = r.version + 1, updated_at = now()
     where r.relation = 'head'
       and r.household_id in (select target_household from (${t}) t where t.relation = 'head')
       and not exists (select 1 from registry_import_rows s where ${chunkRows(c)} and s.relation = 'head' and s.id_number_hash = r.id_number_hash)`);
  await tx.execute(sql`
    update households hh set head_resident_id = null, version = hh.version + 1, updated_at = now()
     where hh.head_resident_id in (select r.id from residents r join registry_import_rows s on s.id_number_hash = r.id_number_hash
                                    where ${chunkRows(c)})
       and not exists (select 1 from residents r where r.id = hh.head_resident_id and r.household_id = hh.id and r.relation = 'head')`);
  await tx.execute(sql`
    update households hh set head_resident_id = r.id, version = hh.version + 1, updated_at = now()
      from residents r join registry_import_rows s on s.id_number_hash = r.id_number_hash and ${chunkRows(c)}
     where r.household_id = hh.id and r.relation = 'head' and hh.head_resident_id is distinct from r.id`);
};

// Runs once, with the last chunk: the totals are what every chunk added to the job row.
const markCommitted: Step = async (tx, { actor, job, onlyValid }) => {
  const skipped = onlyValid ? job.errorRows : 0;
  const [done] = await tx
    .update(registryImports)
    .set({ status: 'committed', skipped, committedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(eq(registryImports.id, job.id))
    .returning({ inserted: registryImports.inserted, updated: registryImports.updated });
  const { inserted, updated } = done ?? { inserted: 0, updated: 0 };
  await recordAudit(tx, actor, {
    action: 'registry.import.commit',
    targetType: 'registry_import',
    targetId: job.id,
    orgPath: job.orgPath,
    details: { fileName: job.fileName, rows: job.totalRows, inserted, updated, unchanged: job.validRows - inserted - updated, skipped, onlyValid },
  });
};

/** Each step of the commit, in the order of `commitSteps`. */
export const commitStatements: Record<CommitStep, Step> = {
  楼栋: insertBuildings,
  房屋: insertHouses,
  户: insertHouseholds,
  迁居记录: moveHistories,
  更新居民: updateResidents,
  新增居民: insertResidents,
  重点人群: insertMemberships,
  户主: setHeads,
  完成: markCommitted,
};
