import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { createConfiguredCipher } from '../../app.ts';
import { seedOrgDemo } from '../org/index.ts';
import { setupTestApp } from '../../../test/helpers.ts';
import { seedRegistryDemo } from './demo.ts';
import { validateIdNumber } from './id-number.ts';
import { validateMobile } from './phone.ts';

const ctx = await setupTestApp();
const db = ctx.database.db;
const pii = createConfiguredCipher(ctx.config);

describe('registry demo data', () => {
  it('gives every community buildings, houses, households with a head, and people with valid synthetic identifiers', async () => {
    const org = await seedOrgDemo(db, '110101', () => undefined);
    const counts = await seedRegistryDemo(db, pii, { district: '110101', focusCommunity: org.community.code, residents: 6000 });
    expect(counts.residents).toBeGreaterThanOrEqual(6000);
    expect(counts.households).toBeGreaterThan(counts.residents / 4);

    const [shape] = await queryRows<Record<string, number>>(db, sql`
      select (select count(*)::int from households where head_resident_id is null) as "headless",
             (select count(*)::int from residents r where not exists (select 1 from residence_history h where h.resident_id = r.id and h.moved_out_on is null)) as "homeless",
             (select count(*)::int from residents where org_path like ${`${org.community.orgPath}.%`}) as "inFocus",
             (select count(distinct substr(org_path, 1, length(org_path) - position('.' in reverse(org_path))))::int from residents) as "communities"`);
    expect(shape).toMatchObject({ headless: 0, homeless: 0, communities: 169 });
    expect(shape?.inFocus).toBeGreaterThan(400);

    const people = await queryRows<{ id: string; phone: string | null; gender: string; birthDate: string; relation: string }>(db, sql`
      select id_number_enc as id, phone_enc as phone, gender, birth_date::text as "birthDate", relation from residents`);
    for (const p of people) {
      const id = validateIdNumber(pii.decrypt(p.id));
      expect(id).toMatchObject({ ok: true, gender: p.gender, birthDate: p.birthDate });
      if (p.phone) expect(validateMobile(pii.decrypt(p.phone)).ok).toBe(true);
    }
    expect(people.filter((p) => p.id.includes('110101')).length).toBe(0); // stored only encrypted

    // Key groups near published shares, with about one in five overdue for a visit.
    const groups = await queryRows<{ kind: string; n: number; overdue: number }>(db, sql`
      select kind, count(*)::int as n, count(*) filter (where next_visit_due < current_date)::int as overdue from key_group_memberships group by kind order by kind`);
    const share = (kind: string) => (groups.find((g) => g.kind === kind)?.n ?? 0) / people.length;
    expect(share('disabled')).toBeGreaterThan(0.015);
    expect(share('disabled')).toBeLessThan(0.035);
    expect(share('elderly_alone')).toBeGreaterThan(0.01);
    const overdue = groups.reduce((a, g) => a + g.overdue, 0) / groups.reduce((a, g) => a + g.n, 0);
    expect(overdue).toBeGreaterThan(0.05);
    expect(overdue).toBeLessThan(0.4);

    // Seeding again adds nothing.
    expect(await seedRegistryDemo(db, pii, { district: '110101' })).toMatchObject({ residents: 0 });
  }, 60_000);
});
