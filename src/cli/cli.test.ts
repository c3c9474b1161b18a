import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../test/helpers.ts';
import { listGridPlacesUnder, orgUnitsUnder, whoServes } from '../modules/org/index.ts';
import { loadDemo } from './demo.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/gongzhi.mjs');

describe('demo district', () => {
  it('loads a real district with grids covering each community, rosters and one account per role', async () => {
    const ctx = await setupTestApp();
    const result = await loadDemo(ctx.database, { district: '110101', password: 'Demo#Pass2026', dataDir: ctx.config.dataDir });
    expect(result.district).toBe('东城区');
    expect(result.counts.streets).toBeGreaterThan(10);
    const db = ctx.database.db;
    const districtPath = '110000.110100.110101';
    const gridPlaces = await listGridPlacesUnder(db, districtPath);
    const covered = new Set(gridPlaces.map((g) => g.communityCode));
    expect((await orgUnitsUnder(db, districtPath, 'community')).filter((c) => !covered.has(c.code))).toEqual([]);
    const served = new Set((await whoServes(db, '110101')).map((s) => s.gridCode));
    expect(gridPlaces.filter((g) => !served.has(g.gridCode))).toEqual([]);
    for (const account of result.accounts) {
      const cookie = await signIn(ctx.app, account.username, 'Demo#Pass2026');
      const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.json().grants[0].role).toBe(account.role);
    }
    const file = path.join(ctx.config.dataDir, 'demo-accounts.txt');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  }, 300_000);
});

describe('gongzhi CLI', () => {
  it('imports divisions, adds a user, creates an API key, exports grids and verifies the audit log', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-cli-'));
    const { DATABASE_URL: _engine, ...rest } = process.env;
    const env = { ...rest, GONGZHI_DATA_DIR: dataDir };
    const gz = (...args: string[]) => run(process.execPath, [bin, ...args], { env });

    expect((await gz('--help')).stdout).toContain('org');
    expect((await gz('org', 'import', '110108001')).stdout).toMatch(/Imported 31 nodes/);
    const added = await gz('user', 'add', 'wsl', '--role', 'street_staff', '--org', '110108001', '--name', '万寿路管理员');
    expect(added.stdout).toMatch(/Initial password/);
    const key = await gz('apikey', 'create', '--name', 'hotline', '--org', '110108001');
    expect(key.stdout).toMatch(/gzk_[0-9a-f]{8}_/);
    const exported = await gz('org', 'grids', 'export');
    expect(JSON.parse(exported.stdout)).toEqual({ type: 'FeatureCollection', features: [] });
    expect((await gz('audit', 'verify')).stdout).toMatch(/Audit log intact: \d+ entries/);
    await expect(gz('user', 'add', 'x1', '--role', 'grid_worker', '--org', '110108001')).rejects.toMatchObject({ code: 1 });
  }, 300_000);
});
