import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../platform/db.ts';
import { createPiiCipher, type PiiCipher } from '../platform/crypto.ts';
import { defaultKeysDir } from '../platform/config.ts';
import { loadPiiKey } from '../platform/keys.ts';
import { generatePassword } from '../platform/auth/passwords.ts';
import type { DemoAccount, DemoContext } from '../platform/module.ts';
import { modules } from '../modules/index.ts';

export type { DemoAccount };

export interface DemoResult {
  district: string;
  counts: Record<string, number>;
  accounts: DemoAccount[];
  password: string;
  /** Each module's loader time in ms, in the order they ran, and the CPU time this process spent in it. */
  timings: { module: string; ms: number; cpuMs: number }[];
}

/**
 * Loads the demo district: real streets and communities, generated grids and rosters,
 * and one account per role sharing one password (GONGZHI_DEMO_PASSWORD or random).
 * Each module's demo loader adds its part, in the order of the module list.
 */
export async function loadDemo(
  database: Database,
  options: {
    district: string;
    password?: string | undefined;
    dataDir: string;
    progress?: (message: string) => void;
    /** The configured personal-data cipher; by default pii.key in the keys directory beside dataDir (as the server uses without GONGZHI_PII_KEY). */
    pii?: PiiCipher | undefined;
  },
): Promise<DemoResult> {
  const demo: DemoContext = {
    db: database.db,
    pii: options.pii ?? createPiiCipher(loadPiiKey({ piiKey: undefined, dataDir: options.dataDir, keysDir: defaultKeysDir(options.dataDir) })),
    districtCode: options.district,
    password: options.password ?? generatePassword(12),
    progress: options.progress ?? (() => undefined),
    state: {},
    counts: {},
  };
  // Each loader's time goes into the progress output: a slow first start shows where it went.
  // The CPU time beside it (this process's; PGlite's work included, PostgreSQL's not) tells a
  // slow loader from a busy machine.
  const timings: DemoResult['timings'] = [];
  for (const m of modules) {
    if (!m.demo) continue;
    const started = performance.now();
    const cpu = process.cpuUsage();
    await m.demo(demo);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    timings.push({ module: m.name, ms, cpuMs });
    demo.progress(`${m.name} ${(ms / 1000).toFixed(1)} s (cpu ${(cpuMs / 1000).toFixed(1)} s)`);
  }
  const accounts = demo.state.accounts ?? [];
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'demo-accounts.txt');
  fs.writeFileSync(file, formatAccounts(accounts, demo.password), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { district: demo.state.district?.name ?? options.district, counts: demo.counts, accounts, password: demo.password, timings };
}

/** The demo accounts as a printable table; without a password, where to find it (logs never hold it). */
export function formatAccounts(accounts: DemoAccount[], password: string | { file: string }): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(10)} ${a.role.padEnd(19)} ${a.orgName}`);
  const shown = typeof password === 'string' ? `password for all: ${password}` : `共用密码见 password for all in ${password.file}`;
  return `演示账号 Demo accounts (${shown})\n${lines.join('\n')}\n`;
}
