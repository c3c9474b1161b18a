// The data the journeys check, made before the server starts (the embedded PGlite belongs to
// one process at a time): the demo, loaded as `gongzhi serve --demo-if-empty` loads it, and a
// case of 万寿路街道 whose handling deadline passed long ago, marked overdue and supervised by
// the real deadline job. The journeys then depend neither on the demo's random history nor on
// the hour (a Monday morning after a quiet weekend night once had no overdue case).
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/migrate.ts';
import { users } from '../src/platform/auth/schema.ts';
import { loadGrants } from '../src/platform/auth/sessions.ts';
import type { Actor } from '../src/platform/auth/scope.ts';
import { createConfiguredCipher, openConfiguredDatabase } from '../src/app.ts';
import { ensureAdmin } from '../src/modules/accounts/index.ts';
import { actOnCase, createCase, getCase, loadCaseRules, sweepDeadlines, type CaseDeps } from '../src/modules/cases/index.ts';
import { loadDemo } from '../src/cli/demo.ts';

/** What the journeys are told about the prepared data. */
export interface PreparedData {
  /** A case of the demo community 翠微路社区 (street 110108001), overdue and supervised. */
  overdueCase: { id: string; number: string; title: string };
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
    return { overdueCase: { id: row.id, number: row.number, title } };
  } finally {
    await database.close();
  }
}

async function actorOf(deps: CaseDeps, username: string): Promise<Actor> {
  const [user] = await deps.db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo account ${username} not found`);
  return { kind: 'user', id: user.id, name: username, displayName: user.displayName, grants: await loadGrants(deps.db, user.id), mustChangePassword: false };
}
