// The job command.detect: runs the rules over the whole tree, records each new finding as a
// warning with its evidence, and tells the staff responsible for the place. A place is judged
// by the rule in force there (its street's, its district's, or the default), and keeps one
// warning per rule (and category) until it is closed.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { roleGrants } from '../../../platform/auth/schema.ts';
import { coversPath } from '../../../platform/auth/scope.ts';
import { roles as roleTable, type Role } from '../../../platform/auth/roles.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { orgUnitNames, orgPathsOf } from '../../org/index.ts';
import { loadCaseRules } from '../../cases/index.ts';
import { warnings } from '../schema.ts';
import { addDays, beijingDay, dayStart, wholeTree } from '../area.ts';
import { countsBy } from '../counts.ts';
import { detectOverdueJump, detectSurge, placeKey, repeatedPlaces, ruleFor } from '../detection.ts';
import { openCaseStates } from '../case-reads.ts';
import { loadRules, paramsOf } from './rules.ts';
import type { WarningKind } from '../contract.ts';

interface Finding {
  kind: WarningKind;
  orgPath: string;
  placeCode: string;
  categoryCode: string | null;
  /** What makes two findings the same (besides kind, place and category): a repeated place's key. */
  subject: string;
  title: string;
  evidence: Record<string, number | string | null>;
  caseIds: string[];
}

const lastCode = (orgPath: string) => orgPath.split('.').at(-1) ?? orgPath;

async function surgeFindings(db: Db, params: Record<string, number>, today: string): Promise<Finding[]> {
  const p = { baselineDays: params.baselineDays ?? 28, pValue: params.pValue ?? 0.001, minCount: params.minCount ?? 5 };
  const todays = await queryRows<{ org_path: string; category_code: string; n: number; ids: string[] }>(
    db,
    sql`select t.org_path, c.category_code, count(*)::int as n, (array_agg(c.id order by t.at desc))[1:50]::text[] as ids
      from case_timeline t join cases c on c.id = t.case_id
      where t.action = 'report' and t.at >= ${dayStart(today).toISOString()}
      group by 1, 2 having count(*) >= ${p.minCount}`,
  );
  if (todays.length === 0) return [];
  const history = await countsBy(db, wholeTree, { from: addDays(today, -p.baselineDays), to: today }, sql`org_path || '|' || category_code`);
  const totals = new Map(history.map((h) => [h.key, h.reported]));
  const rules = await loadCaseRules(db);
  const found: Finding[] = [];
  for (const row of todays) {
    const total = totals.get(`${row.org_path}|${row.category_code}`) ?? 0;
    // The mean is what the test needs; days without cases count as zeros.
    const finding = detectSurge(Array(p.baselineDays).fill(total / p.baselineDays), row.n, p);
    if (!finding.fires) continue;
    const category = rules.categories.get(row.category_code)?.name ?? row.category_code;
    found.push({
      kind: 'category_surge', orgPath: row.org_path, placeCode: lastCode(row.org_path), categoryCode: row.category_code, subject: today,
      title: `${category}：今日 ${row.n} 件，日均 ${finding.expected}`,
      evidence: { today: row.n, expected: finding.expected, pValue: Number(finding.pValue.toPrecision(3)), baselineDays: p.baselineDays },
      caseIds: row.ids,
    });
  }
  return found;
}

async function repeatedFindings(db: Db, params: Record<string, number>, today: string): Promise<Finding[]> {
  const days = params.days ?? 7;
  const minReports = params.minReports ?? 3;
  const cell = params.radiusMeters ?? 100;
  const rows = await queryRows<{ id: string; org_path: string; address: string; lng: number | null; lat: number | null }>(
    db,
    sql`select c.id, c.org_path, c.address, c.lng, c.lat from cases c
      where c.created_at >= ${dayStart(addDays(today, 1 - days)).toISOString()} and c.state in ${openCaseStates}`,
  );
  const groups = repeatedPlaces(rows.map((r) => ({ ...r, key: placeKey(r.address, r.lng, r.lat, cell) })), minReports);
  return groups.map((g) => {
    const first = g.reports[0] as (typeof rows)[number];
    return {
      kind: 'repeated_place', orgPath: first.org_path, placeCode: lastCode(first.org_path), categoryCode: null, subject: g.key,
      title: `${first.address || g.key.slice(2)}：${days} 天内 ${g.reports.length} 次上报`,
      evidence: { reports: g.reports.length, days, place: first.address || g.key.slice(2) },
      caseIds: g.reports.slice(0, 50).map((r) => r.id),
    };
  });
}

async function overdueFindings(db: Db, params: Record<string, number>, today: string): Promise<Finding[]> {
  const p = { days: params.days ?? 14, minRise: params.minRise ?? 0.2, minCases: params.minCases ?? 10 };
  const end = addDays(today, 1);
  const recentFrom = addDays(end, -p.days);
  const [recent, before] = await Promise.all([
    countsBy(db, wholeTree, { from: recentFrom, to: end }, sql`handling_unit`, { unit: true }),
    countsBy(db, wholeTree, { from: addDays(recentFrom, -p.days), to: recentFrom }, sql`handling_unit`, { unit: true }),
  ]);
  const beforeBy = new Map(before.map((b) => [b.key, b]));
  const share = (r: { overdue: number; dispatched: number } | undefined) => ({ overdue: r?.overdue ?? 0, total: Math.max(r?.dispatched ?? 0, r?.overdue ?? 0) });
  const hits = recent
    .filter((r) => r.key !== '')
    .map((r) => ({ unit: r.key, result: detectOverdueJump(share(r), share(beforeBy.get(r.key)), p), overdue: r.overdue }))
    .filter((h) => h.result.fires);
  if (hits.length === 0) return [];
  const paths = new Map((await orgPathsOf(db, hits.map((h) => h.unit))).map((path) => [lastCode(path), path]));
  return hits
    .filter((h) => paths.has(h.unit))
    .map((h) => ({
      kind: 'overdue_jump' as const, orgPath: paths.get(h.unit) as string, placeCode: h.unit, categoryCode: null, subject: '',
      title: `超期占比由 ${Math.round(h.result.beforeShare * 100)}% 升至 ${Math.round(h.result.recentShare * 100)}%`,
      evidence: { recentShare: h.result.recentShare, beforeShare: h.result.beforeShare, overdue: h.overdue, days: p.days },
      caseIds: [],
    }));
}

const handlerRoles = (Object.keys(roleTable) as Role[]).filter((r) => (roleTable[r].permissions as readonly string[]).includes('command.warning.handle'));

/** Staff who handle warnings and whose grant covers the place. */
async function responsibleStaff(db: Db, orgPath: string): Promise<string[]> {
  const rows = await db.select({ userId: roleGrants.userId, orgPath: roleGrants.orgPath }).from(roleGrants).where(inArray(roleGrants.role, handlerRoles));
  return rows.filter((r) => coversPath(r.orgPath, orgPath)).map((r) => r.userId);
}

/** Runs the enabled rules and records new findings; returns how many warnings it raised. */
export async function detectWarnings(db: Db, now = new Date()): Promise<number> {
  const today = beijingDay(now);
  const rules = await loadRules(db);
  const findings: Finding[] = [];
  const finders = { category_surge: surgeFindings, repeated_place: repeatedFindings, overdue_jump: overdueFindings } as const;
  for (const rule of rules) {
    if (!rule.enabled) continue;
    // Each rule looks everywhere and keeps what lies where it is the rule in force.
    const found = await finders[rule.kind](db, paramsOf(rule), today);
    findings.push(...found.filter((f) => ruleFor(rules, rule.kind, f.orgPath) === rule));
  }
  if (findings.length === 0) return 0;
  const names = await orgUnitNames(db, findings.map((f) => f.placeCode));
  let raised = 0;
  for (const f of findings) {
    const key = [f.kind, f.placeCode, f.categoryCode ?? '', f.subject].join('|');
    raised += await db.transaction(async (tx) => {
      // One warning per place, rule and category until it is closed: a surge lasting a week is one warning.
      const [openOne] = await tx
        .select({ id: warnings.id })
        .from(warnings)
        .where(and(eq(warnings.kind, f.kind), eq(warnings.placeCode, f.placeCode), f.categoryCode ? eq(warnings.categoryCode, f.categoryCode) : sql`${warnings.categoryCode} is null`, ne(warnings.state, 'closed'), f.kind === 'repeated_place' ? sql`${warnings.findingKey} like ${`${f.kind}|${f.placeCode}||${f.subject}%`}` : sql`true`))
        .limit(1);
      if (openOne) return 0;
      const [inserted] = await tx
        .insert(warnings)
        .values({ kind: f.kind, orgPath: f.orgPath, placeCode: f.placeCode, placeName: names.get(f.placeCode) ?? f.placeCode, categoryCode: f.categoryCode, title: f.title, evidence: f.evidence, caseIds: f.caseIds, findingKey: `${key}|${today}` })
        .onConflictDoNothing()
        .returning({ id: warnings.id });
      if (!inserted) return 0;
      const users = await responsibleStaff(tx, f.orgPath);
      await notifyUsers(tx, { userIds: users, kind: 'command.warning', title: `预警：${names.get(f.placeCode) ?? f.placeCode}`, body: f.title, subjectType: 'warning', subjectId: inserted.id, link: '/console/command' });
      return 1;
    });
  }
  return raised;
}
