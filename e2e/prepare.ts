// The data the journeys check, made before the server starts (the embedded PGlite belongs to
// one process at a time): the demo, loaded as `gongzhi serve --demo-if-empty` loads it, and a
// case of 万寿路街道 whose handling deadline passed long ago, marked overdue and supervised by
// the real deadline job. The journeys then depend neither on the demo's random history nor on
// the hour (a Monday morning after a quiet weekend night once had no overdue case). Also a
// ledger import of 翠微路社区 interrupted half-way through its commit, for the undo journey.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/migrate.ts';
import { users } from '../src/platform/auth/schema.ts';
import { loadGrants } from '../src/platform/auth/sessions.ts';
import type { Actor } from '../src/platform/auth/scope.ts';
import { createConfiguredCipher, openConfiguredDatabase } from '../src/app.ts';
import type { Database } from '../src/platform/db.ts';
import type { PiiCipher } from '../src/platform/crypto.ts';
import { ensureAdmin } from '../src/modules/accounts/index.ts';
import { actOnCase, createCase, getCase, loadCaseRules, sweepDeadlines, type CaseDeps } from '../src/modules/cases/index.ts';
import { loadDemo } from '../src/cli/demo.ts';
import { checkImport, commitImport, createImportJob } from '../src/modules/registry/index.ts';
import { ledgerXlsx, syntheticHeader, syntheticLedger } from '../src/modules/registry/testing.ts';

/** What the journeys are told about the prepared data. */
export interface PreparedData {
  /** A case of the demo community 翠微路社区 (street 110108001), overdue and supervised. */
  overdueCase: { id: string; number: string; title: string };
  /** The file name of an import of 翠微路社区 stopped half-way through its commit (some people written). */
  interruptedImport: string;
}

// A point inside the demo grid 11010800100101 of 翠微路社区, 万寿路街道.
const inGrid = { lng: 116.0778, lat: 40.1128 };
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Loads the demo into the data directory `env` names, adds the overdue case and runs the deadline job at `now`. */
export async function prepareData(env: NodeJS.ProcessEnv, now = new Date(), progress: (message: string) => void = () => undefined): Promise<PreparedData> {
  const config = loadConfig(env);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
    const db = database.db;
    const pii = createConfiguredCipher(config);
    await ensureAdmin(db, { adminPassword: config.adminPassword, dataDir: config.dataDir });
    await loadDemo(database, { district: config.demoDistrict, password: config.demoPassword, dataDir: config.dataDir, pii, progress });
    const deps: CaseDeps = { db, pii, dataDir: config.dataDir };
    const community = await actorOf(deps, 'community');

    // Reported at 10:00 on a working day at least 12 working days back: past every shipped handling limit (at most 10 days).
    const { calendar } = await loadCaseRules(db);
    let reportedAt = now;
    for (let daysBack = 1; ; daysBack++) {
      const beijingMidnight = Math.floor((now.getTime() - daysBack * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
      reportedAt = new Date(beijingMidnight + 10 * HOUR);
      if (calendar.isWorkingDay(reportedAt) && calendar.addWorkingDays(reportedAt, 12).getTime() < now.getTime()) break;
    }
    const title = '楼道堆放杂物长期无人清理';
    const { row } = await createCase(
      deps,
      community,
      { title, description: '翠微路社区1号楼2单元楼道堆放旧家具和纸箱，堵塞消防通道。', categoryCode: '0404', ...inGrid, address: '翠微路社区1号楼2单元', acceptNow: true },
      reportedAt,
    );
    await actOnCase(deps, community, row.id, { action: 'dispatch', targetUnitId: row.communityCode ?? undefined }, new Date(reportedAt.getTime() + HOUR));
    // The job as the server runs it every minute, at the real time.
    for (let i = 0; i < 50; i++) {
      const r = await sweepDeadlines(deps, now);
      if (r.warnings + r.overdue + r.supervised === 0) break;
    }
    const prepared = await getCase(deps, community, row.id, now);
    if (!prepared.sla.isOverdue || prepared.supervisionLevel === null) {
      throw new Error(`the prepared case ${row.number} is not overdue and supervised: ${JSON.stringify(prepared.sla)}`);
    }
    progress(`超期案件 ${row.number} / overdue case, deadline ${prepared.sla.deadlineAt}`);
    const interruptedImport = await interruptImport(database, pii, community, config.dataDir);
    return { overdueCase: { id: row.id, number: row.number, title }, interruptedImport };
  } finally {
    await database.close();
  }
}

/** A ledger of 30 new people committed in chunks of 10 and stopped in the third: twenty written, resumable or undoable. */
async function interruptImport(database: Database, pii: PiiCipher, importer: Actor, dataDir: string): Promise<string> {
  const fileName = '中断的台账.xlsx';
  const file = path.join(dataDir, fileName);
  const rows = [...syntheticLedger(30, { first: 900_000, buildingPrefix: '撤销演示' })].map((r) => [...r, '11010800100101']);
  fs.writeFileSync(file, await ledgerXlsx([[...syntheticHeader, '网格'], ...rows]));
  const job = await createImportJob(database.db, importer, { communityCode: '110108001001', fileName, format: 'xlsx' });
  await checkImport(database, pii, importer, job.id, file, { deleteFile: true });
  const stop = new Error('stopped for the undo journey');
  await commitImport(database, importer, job.id, { onlyValid: false }, {
    chunked: true,
    chunkRows: 10,
    afterStep: (step, _n, chunk) => {
      if (chunk === 3 && step === '户主') throw stop;
    },
  }).catch((error: unknown) => {
    if (error !== stop) throw error;
  });
  return fileName;
}

async function actorOf(deps: CaseDeps, username: string): Promise<Actor> {
  const [user] = await deps.db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo account ${username} not found`);
  return { kind: 'user', id: user.id, name: username, displayName: user.displayName, grants: await loadGrants(deps.db, user.id), mustChangePassword: false };
}
