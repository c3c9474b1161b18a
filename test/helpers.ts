import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, inject } from 'vitest';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { buildApp } from '../src/platform/http.ts';
import { createConfiguredCipher } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { provisionUser } from '../src/modules/accounts/index.ts';
import { insertGrids, insertOrgUnits, type GridGeometry } from '../src/modules/org/index.ts';
import type { Role } from '../src/platform/auth/roles.ts';
import type { Actor } from '../src/platform/auth/scope.ts';
import { loadGrants } from '../src/platform/auth/sessions.ts';
import { pgliteTemplatePath, pgTemplateName, withDatabaseName } from './paths.ts';

/**
 * A fresh, migrated database for one test file, on the engine the environment selects:
 * PostgreSQL when DATABASE_URL is set, else in-process PGlite. Closed after the file.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  if (url) {
    const name = `gongzhi_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplateName(inject('testRunId'))}`);
    await admin.end();
    const opened = await openDatabase({ engine: 'postgres', url: withDatabaseName(url, name), poolSize: 5 });
    database = {
      ...opened,
      close: async () => {
        await opened.close();
        await dropTestDatabase(url, name);
      },
    };
  } else {
    const dump = fs.readFileSync(pgliteTemplatePath(inject('testRunId')));
    database = await openDatabase({ engine: 'pglite', loadDataDir: new Blob([dump]) });
  }
  return database;
}

// An autovacuum worker may still be on a database after bulk loads, and a non-superuser
// cannot terminate it: retry for a while, then leave the database rather than fail the file.
async function dropTestDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const dropper = new pg.Client({ connectionString: url });
    try {
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if (attempt >= 20) {
        console.warn(`could not drop test database ${name}: ${(error as Error).message}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await dropper.end().catch(() => undefined);
    }
  }
}

export const TEST_PASSWORD = 'Test#Pass2026';

/** Configuration for tests: defaults, a temporary data directory. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Data, keys and audit anchors side by side in one temporary directory per test file.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-'));
  const env = { GONGZHI_DATA_DIR: path.join(root, 'data'), GONGZHI_LOG_LEVEL: 'silent' };
  fs.mkdirSync(env.GONGZHI_DATA_DIR);
  // Tests sign in far more often than a person; the rate limit has its own test.
  return { ...loadConfig(env), loginRatePerMinute: 100_000, ...overrides };
}

export interface TestContext {
  database: Database;
  app: FastifyInstance;
  config: Config;
}

/** A database and an app on it for one test file; closed after the file's tests. */
export async function setupTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ ctx: { database, config, pii: createConfiguredCipher(config) }, modules, logger: false });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return { database, app, config };
}

const square = (lng: number, lat: number, size = 0.01): GridGeometry => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
});

/**
 * A small real tree: 北京市 › 市辖区 › 海淀区 › two streets › three communities, one grid
 * each, and a district department.
 *   street A 110108001: communities A1 110108001001 (grid GA1), A2 110108001002 (grid GA2)
 *   street B 110108002: community B1 110108002001 (grid GB1)
 */
export async function seedTree(database: Database) {
  const db = database.db;
  const p = '110000.110100.110108';
  const nodes = [
    { code: '110000', parentCode: null, level: 'province' as const, name: '北京市', orgPath: '110000' },
    { code: '110100', parentCode: '110000', level: 'city' as const, name: '市辖区', orgPath: '110000.110100' },
    { code: '110108', parentCode: '110100', level: 'district' as const, name: '海淀区', orgPath: p },
    { code: '110108001', parentCode: '110108', level: 'street' as const, name: '万寿路街道', orgPath: `${p}.110108001` },
    { code: '110108002', parentCode: '110108', level: 'street' as const, name: '永定路街道', orgPath: `${p}.110108002` },
    { code: '110108001001', parentCode: '110108001', level: 'community' as const, name: '翠微路社区', orgPath: `${p}.110108001.110108001001` },
    { code: '110108001002', parentCode: '110108001', level: 'community' as const, name: '万寿路西街社区', orgPath: `${p}.110108001.110108001002` },
    { code: '110108002001', parentCode: '110108002', level: 'community' as const, name: '永定路东街社区', orgPath: `${p}.110108002.110108002001` },
    { code: '110108D01', parentCode: '110108', level: 'department' as const, name: '海淀区城市管理委员会', orgPath: `${p}.110108D01` },
  ];
  await insertOrgUnits(db, nodes);
  const gridRows = [
    { code: 'GA1', communityCode: '110108001001', geometry: square(116.28, 39.9) },
    { code: 'GA2', communityCode: '110108001002', geometry: square(116.29, 39.9) },
    { code: 'GB1', communityCode: '110108002001', geometry: square(116.3, 39.9) },
  ];
  await insertGrids(
    db,
    gridRows.map((g) => ({
      ...g,
      name: `${g.code}网格`,
      kind: 'community' as const,
      orgPath: `${nodes.find((n) => n.code === g.communityCode)?.orgPath}.${g.code}`,
    })),
  );
  return { square };
}

/** Creates a user holding one role (no forced password change); returns its name and the Actor services see for it. */
export async function makeActor(database: Database, role: Role, orgCode?: string, username = `${role}_${crypto.randomBytes(3).toString('hex')}`): Promise<{ username: string; actor: Actor }> {
  const { user } = await provisionUser(database.db, { username, displayName: username, role, orgCode, password: TEST_PASSWORD });
  return { username, actor: { kind: 'user', id: user.id, name: username, grants: await loadGrants(database.db, user.id), mustChangePassword: false } };
}

/** Creates a user holding one role (no forced password change) and returns the username. */
export async function makeUser(database: Database, role: Role, orgCode?: string, username?: string): Promise<string> {
  return (await makeActor(database, role, orgCode, username)).username;
}

/** Signs in through the API and returns the session cookie header. */
export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res);
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'gz_session');
  if (!cookie) throw new Error('no session cookie');
  return `gz_session=${cookie.value}`;
}

/** A user of a role with a session (and the Actor services see for it), in one call. */
export async function actorSession(ctx: TestContext, role: Role, orgCode?: string): Promise<{ username: string; cookie: string; actor: Actor }> {
  const { username, actor } = await makeActor(ctx.database, role, orgCode);
  return { username, cookie: await signIn(ctx.app, username), actor };
}
