import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../platform/db.ts';
import { createPiiCipher, loadOrCreateKeyFile, type PiiCipher } from '../platform/crypto.ts';
import { generatePassword } from '../platform/auth/passwords.ts';
import { provisionUser } from '../modules/accounts/index.ts';
import { seedOrgDemo } from '../modules/org/index.ts';
import { seedCasesDemo } from '../modules/cases/index.ts';
import { seedRegistryDemo } from '../modules/registry/index.ts';
import type { Role } from '../platform/auth/roles.ts';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgCode?: string | undefined;
  orgName: string;
}

export interface DemoResult {
  district: string;
  counts: Record<string, number>;
  accounts: DemoAccount[];
  password: string;
}

/**
 * Loads the demo district: real streets and communities, generated grids and rosters,
 * and one account per role sharing one password (GONGZHI_DEMO_PASSWORD or random).
 * Each module adds its demo data here.
 */
export async function loadDemo(
  database: Database,
  options: {
    district: string;
    password?: string | undefined;
    dataDir: string;
    progress?: (message: string) => void;
    /** The configured personal-data cipher; by default the key file in dataDir (as the server uses without GONGZHI_PII_KEY). */
    pii?: PiiCipher | undefined;
  },
): Promise<DemoResult> {
  const progress = options.progress ?? (() => undefined);
  const db = database.db;
  const org = await seedOrgDemo(db, options.district, progress);
  const pii = options.pii ?? createPiiCipher(loadOrCreateKeyFile(path.join(options.dataDir, 'pii.key')));
  const registry = await seedRegistryDemo(db, pii, { district: org.district.code, focusCommunity: org.community.code, progress });
  const password = options.password ?? generatePassword(12);
  const accounts: DemoAccount[] = [
    { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', orgName: '全部' },
    { username: 'auditor', displayName: '审计员', role: 'auditor', orgName: '全部' },
    { username: 'district', displayName: `${org.district.name}工作人员`, role: 'district_staff', orgCode: org.district.code, orgName: org.district.name },
    { username: 'street', displayName: `${org.street.name}工作人员`, role: 'street_staff', orgCode: org.street.code, orgName: org.street.name },
    { username: 'community', displayName: `${org.community.name}工作人员`, role: 'community_staff', orgCode: org.community.code, orgName: org.community.name },
    { username: 'grid', displayName: org.gridWorkerName, role: 'grid_worker', orgCode: org.grid.code, orgName: org.grid.name },
    { username: 'dept', displayName: `${org.department.name}办理员`, role: 'department_handler', orgCode: org.department.code, orgName: org.department.name },
    { username: 'resident', displayName: '居民演示账号', role: 'resident', orgCode: org.community.code, orgName: org.community.name },
    { username: 'hotline', displayName: `${org.district.name}热线话务员`, role: 'hotline_operator', orgCode: org.district.code, orgName: org.district.name },
    { username: 'leader', displayName: `${org.street.name}领导`, role: 'leader', orgCode: org.street.code, orgName: org.street.name },
  ];
  progress('创建演示账号 / demo accounts');
  let residentUserId: string | undefined;
  for (const a of accounts) {
    const { user } = await provisionUser(db, { ...a, password });
    if (a.role === 'grid_worker') await org.linkGridWorker(user.id);
    if (a.role === 'resident') residentUserId = user.id;
  }
  const caseCounts = await seedCasesDemo(db, { districtCode: org.district.code, pii, accounts: { residentUserId, communityCode: org.community.code }, progress });
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'demo-accounts.txt');
  fs.writeFileSync(file, formatAccounts(accounts, password), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { district: org.district.name, counts: { ...org.counts, ...registry, ...caseCounts }, accounts, password };
}

/** The demo accounts as a printable table. */
export function formatAccounts(accounts: DemoAccount[], password: string): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(10)} ${a.role.padEnd(19)} ${a.orgName}`);
  return `演示账号 Demo accounts (password for all: ${password})\n${lines.join('\n')}\n`;
}
