import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../test/helpers.ts';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.ts';
import { systemActor } from './auth/scope.ts';

const database = await createTestDatabase();
const db = database.db;
afterAll(() => database.close());

async function fill(n: number) {
  for (let i = 0; i < n; i++) {
    await recordAudit(db, systemActor, { action: 'test.write', targetId: String(i), details: { i, nested: { b: 2, a: [1, 'x'] } } });
  }
}

describe('audit log', () => {
  it('sorts keys so jsonb round-trips hash the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('verifies an untouched chain', async () => {
    await fill(5);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5 });
  });

  it('refuses updates and deletes through the database', async () => {
    await expect(db.execute(sql`update audit_log set action = 'x' where id = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log where id = 1`)).rejects.toThrow();
  });

  it('detects an edited entry and names it', async () => {
    // Someone with the table owner's rights turns the guard off and edits an entry.
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
    await db.execute(sql`update audit_log set details = '{"i": 99}' where id = 3`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, firstBadId: 3, reason: 'content_changed', checked: 2 });
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
  });

  it('detects a deleted entry', async () => {
    const other = await createTestDatabase();
    await (async () => {
      for (let i = 0; i < 4; i++) await recordAudit(other.db, systemActor, { action: 'test.write', details: { i } });
    })();
    await other.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
    await other.db.execute(sql`delete from audit_log where id = 2`);
    expect(await verifyAuditChain(other.db)).toMatchObject({ ok: false, firstBadId: 3, reason: 'chain_broken' });
    await other.close();
  });

  it('chains entries written concurrently', async () => {
    const other = await createTestDatabase();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(other.db, systemActor, { action: 'test.concurrent', details: { i } })));
    expect(await verifyAuditChain(other.db)).toEqual({ ok: true, checked: 20 });
    await other.close();
  });
});
