// The sealer runs every 5 s: a period with nothing to seal must not leave a job row
// (17,280 a day otherwise), and one with work is queued once.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helpers.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import { queryRows } from '../../platform/db.ts';
import { createJobRunner, scheduleRecurring } from '../../platform/jobs.ts';
import { createConfiguredCipher } from '../../app.ts';
import { auditJobHandlers, auditRecurringJobs } from './chain.ts';

const test = await setupTestApp();
const db = test.database.db;
const sealJob = auditRecurringJobs.filter((j) => j.kind === 'audit.seal');
const sealRows = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where kind = 'audit.seal'`))[0]?.n;

describe('audit.seal schedule', () => {
  it('leaves no job row for idle periods and seals once there is work', async () => {
    const runner = createJobRunner({ ctx: { database: test.database, config: test.config, pii: createConfiguredCipher(test.config) }, handlers: auditJobHandlers, recurring: sealJob });
    await runner.runOnce(); // seals whatever the set-up wrote
    await db.execute(sql`delete from jobs where kind = 'audit.seal'`);
    const start = Date.now() + 60_000;
    for (let i = 0; i < 12; i++) await scheduleRecurring(db, sealJob, start + i * 5_000);
    expect(await sealRows()).toBe(0);

    await recordAudit(db, systemActor, { action: 'test.write' });
    await runner.runOnce();
    expect(await sealRows()).toBe(1);
    const [unsealed] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where seq is null`);
    expect(unsealed?.n).toBe(0);
  });
});
