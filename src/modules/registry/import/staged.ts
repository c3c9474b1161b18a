// SQL over the staged rows of an import: which existing household each row lands in, whether
// it would change a resident, and the checks that span rows (run at the end of the check).
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { inScope, type Actor } from '../../../platform/auth/scope.ts';
import { headerOf } from '../ledger.ts';
import { registryImports } from '../schema.ts';
import type { ImportJob } from './jobs.ts';

// The staged rows of a job (up to a row, for one chunk of the commit) with the household each
// row belongs to, where it already exists. (A chunk is also bounded below, by the row before
// it: rows before it are gone, but the planner's statistics still count them.)
export const targets = (job: ImportJob, upTo?: number, after = 0) => sql`
  select s.*, hh.id as target_household, h.id as target_house, b.org_path as target_path, b.grid_code as target_grid
    from registry_import_rows s
    left join buildings b on b.community_code = ${job.communityCode} and b.name = s.building
    left join houses h on h.building_id = b.id and h.unit = s.unit and h.number = s.house_number
    left join households hh on hh.house_id = h.id and hh.number = s.household_number
   where s.import_id = ${job.id} and s.valid${upTo === undefined ? sql`` : sql` and s.row_no > ${after} and s.row_no <= ${upTo}`}`;

// Whether a staged row (t) would change a resident (r). Empty optional cells change nothing.
export const residentChanged = sql`(
  r.household_id is distinct from t.target_household
  or r.status <> 'active'
  or r.relation is distinct from t.relation
  or r.name <> t.name
  or (t.phone_hash is not null and t.phone_hash is distinct from r.phone_hash)
  or (t.ethnicity is not null and t.ethnicity is distinct from r.ethnicity)
  or (t.residence_type is not null and t.residence_type <> r.residence_type)
  or (t.arrived_on is not null and t.arrived_on is distinct from r.arrived_on)
  or (t.employer is not null and t.employer is distinct from r.employer)
  or (t.education is not null and t.education is distinct from r.education)
  or (t.political_status is not null and t.political_status is distinct from r.political_status)
  or (t.notes is not null and t.notes is distinct from r.notes))`;

const keyGroupsAdded = sql`exists (
  select 1 from jsonb_array_elements(t.key_groups) k
   where not exists (select 1 from key_group_memberships m where m.resident_id = r.id and m.kind = k->>'kind' and m.until is null))`;

async function rowErrors(db: Db, jobId: string, query: SQL): Promise<void> {
  // query yields row_no, column_name, message, person_name of rows to reject.
  await db.execute(sql`
    with bad as (${query}),
    marked as (update registry_import_rows s set valid = false from bad where s.import_id = ${jobId} and s.row_no = bad.row_no returning s.row_no)
    insert into registry_import_errors (import_id, row_no, column_name, message, person_name)
    select ${jobId}, row_no, column_name, message, person_name from bad`);
}

/** The checks that span rows; then the job is marked checked with its counts. */
export async function crossRowChecks(db: Db, actor: Actor, job: ImportJob): Promise<void> {
  // Fresh rows have no statistics: without them the planner joins staged rows to
  // buildings and houses with nested loops, seconds instead of milliseconds.
  await db.execute(sql`analyze registry_import_rows`);
  // The same person twice in the file: the first row stands.
  await rowErrors(db, job.id, sql`
    select row_no, ${headerOf('idNumber')} as column_name, '与第 ' || first_row || ' 行的身份证号重复（同一身份证号即同一人）' as message, name as person_name
      from (select row_no, name, min(row_no) over (partition by id_number_hash) as first_row
              from registry_import_rows where import_id = ${job.id} and valid) d
     where row_no <> first_row`);
  // One head per household.
  await rowErrors(db, job.id, sql`
    select row_no, ${headerOf('relation')} as column_name, '第 ' || first_row || ' 行已是该户户主，一户只能有一个户主' as message, name as person_name
      from (select row_no, name, min(row_no) over (partition by building, unit, house_number, household_number) as first_row
              from registry_import_rows where import_id = ${job.id} and valid and relation = 'head') d
     where row_no <> first_row`);
  // People registered where the importer may not change them.
  await rowErrors(db, job.id, sql`
    select s.row_no, ${headerOf('idNumber')} as column_name,
           case when r.status = 'deceased' then '此人已登记为死亡，不能导入'
                else '此人已在其他社区登记，不在您的管辖范围内；请由原社区办理迁出' end as message, s.name as person_name
      from registry_import_rows s join residents r on r.id_number_hash = s.id_number_hash
     where s.import_id = ${job.id} and s.valid and (r.status = 'deceased' or not ${inScope(actor, 'registry.import', sql`r.org_path`)})`);
  const [counts] = await queryRows<{ valid: number; errorRows: number; new: number; changed: number; unchanged: number }>(db, sql`
    with t as (${targets(job)})
    select (select count(*)::int from t) as valid,
           (select count(distinct row_no)::int from registry_import_errors where import_id = ${job.id}) as "errorRows",
           count(*) filter (where r.id is null)::int as new,
           count(*) filter (where r.id is not null and (${residentChanged} or ${keyGroupsAdded}))::int as changed,
           count(*) filter (where r.id is not null and not (${residentChanged} or ${keyGroupsAdded}))::int as unchanged
      from t left join residents r on r.id_number_hash = t.id_number_hash`);
  await db
    .update(registryImports)
    .set({
      status: 'checked',
      validRows: counts?.valid ?? 0,
      errorRows: counts?.errorRows ?? 0,
      newRows: counts?.new ?? 0,
      changedRows: counts?.changed ?? 0,
      unchangedRows: counts?.unchanged ?? 0,
      checkedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(registryImports.id, job.id));
}
