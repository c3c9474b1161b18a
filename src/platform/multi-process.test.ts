// Two real server processes on one PostgreSQL database, as behind a load balancer: a job is
// run by exactly one of them, a notification written through one reaches a live stream held
// by the other, and a session signed out on one is refused by the other at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Database } from './db.ts';
import { enqueueJob } from './jobs.ts';
import { makeUser, seedTree, TEST_PASSWORD } from '../../test/helpers.ts';
import { pgTemplateName, withDatabaseName } from '../../test/paths.ts';
import { openEventStream, startServer, type ServerProcess } from '../../test/processes.ts';

const url = process.env.DATABASE_URL;

// PGlite lives inside one process: two processes cannot share it, so there is nothing to prove there.
describe.skipIf(!url)('two server processes on one PostgreSQL (skipped on PGlite: one process owns its database)', () => {
  const name = `gongzhi_multi_${process.pid}_${Date.now().toString(36)}`;
  let database: Database;
  let dir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  const users: Record<'resident' | 'staff', string> = { resident: '', staff: '' };

  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const signIn = async (server: ServerProcess, username: string) => {
    const res = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
    expect(res.status, await res.clone().text()).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };

  beforeAll(async () => {
    await admin(`create database ${name} template ${pgTemplateName(inject('testRunId'))}`);
    const dbUrl = withDatabaseName(url as string, name);
    database = await openDatabase({ engine: 'postgres', url: dbUrl, poolSize: 2 });
    await seedTree(database);
    users.resident = await makeUser(database, 'resident', '110108001001');
    users.staff = await makeUser(database, 'community_staff', '110108001001');
    // One data directory and one set of keys for both, as an operator shares them.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-multi-'));
    fs.mkdirSync(path.join(dir, 'data'));
    const env = { DATABASE_URL: dbUrl, GONGZHI_DATA_DIR: path.join(dir, 'data'), GONGZHI_LOG_LEVEL: 'warn', GONGZHI_ADMIN_PASSWORD: 'Admin#Multi2026', GONGZHI_LOGIN_RATE_PER_MINUTE: '1000' };
    // Started together: migrations and the first admin are made under their locks, once.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
    await admin(`drop database if exists ${name} with (force)`).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs each job exactly once, whichever process claims it', async () => {
    const ids: number[] = [];
    // A delivery without a record is a job that succeeds at once: what is measured is the claim.
    for (let i = 0; i < 30; i++) ids.push((await enqueueJob(database.db, 'notify.deliver', { probe: i })) as number);
    const deadline = Date.now() + 60_000;
    let rows: { id: number; status: string; attempts: number; locked_by: string | null }[] = [];
    while (Date.now() < deadline) {
      rows = await queryRows(database.db, sql`select id::int as id, status, attempts, locked_by from jobs where id in ${ids}`);
      if (rows.every((r) => r.status === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['done', 1]));
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  }, 90_000);

  it('delivers a notification written through one process to a stream held by the other', async () => {
    const staffOnB = await signIn(b, users.staff);
    const stream = await openEventStream(`${b.base}/api/notifications/stream`, staffOnB);
    try {
      const residentOnA = await signIn(a, users.resident);
      const title = `多进程测试 ${Date.now()}`;
      const res = await fetch(`${a.base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: residentOnA, origin: a.base },
        body: JSON.stringify({ title, description: '两个进程共用一个数据库', categoryCode: '0501', lng: 116.285, lat: 39.905, address: '翠微路2号院' }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const caseId = ((await res.json()) as { case: { id: string } }).case.id;
      const event = await stream.waitFor((data) => data.includes(caseId) || data.includes(title), 15_000);
      expect(event).toBeTruthy();
    } finally {
      stream.close();
    }
  }, 60_000);

  it('refuses on one process, at once, a session signed out on the other', async () => {
    const cookie = await signIn(a, users.resident);
    expect((await fetch(`${b.base}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${a.base}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: a.base } });
    expect(out.status).toBeLessThan(300);
    expect((await fetch(`${b.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${a.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  }, 60_000);
});
