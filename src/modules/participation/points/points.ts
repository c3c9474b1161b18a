// Points rules per street or community, a resident's own ledger, and the participation index.
import { desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db.ts';
import { orgUnitsUnder, placeOf, type TreePlace } from '../../org/index.ts';
import { residentCountsByCommunity } from '../../registry/index.ts';
import { pointsActions, type MyPoints, type ParticipationIndex, type PointsRules, type SetPointsRulesBody } from '../contract.ts';
import { beijingYear, invalidField, underPath } from '../places.ts';
import { verifiedResidentOrNull } from '../residents.ts';
import { participationPointsEntries, participationPointsRules } from '../schema.ts';

async function streetOrCommunity(db: Db, actor: Actor, permission: 'participation.read' | 'participation.manage', code: string, field: string) {
  const place = await placeOf(db, code);
  if (!place || (place.level !== 'street' && place.level !== 'community')) throw invalidField(field, `没有代码为 ${code} 的街道或社区 / no street or community has code ${code}`);
  assertInScope(actor, permission, place.orgPath);
  return place;
}

/** The rules that apply at a street or community: its own, else (for a community) its street's. */
export async function readPointsRules(db: Db, actor: Actor, orgCode: string): Promise<PointsRules> {
  const place = await streetOrCommunity(db, actor, 'participation.read', orgCode, 'query.orgCode');
  const codes = place.orgPath.split('.');
  const street = place.level === 'community' ? await placeOf(db, codes[3] ?? '') : undefined;
  const rows = await db.select().from(participationPointsRules).where(sql`${participationPointsRules.orgCode} in (${place.code}, ${street?.code ?? place.code})`);
  const rules = pointsActions.map((action) => {
    const own = rows.find((r) => r.orgCode === place.code && r.action === action);
    const inherited = street ? rows.find((r) => r.orgCode === street.code && r.action === action) : undefined;
    const rule = own ?? inherited;
    return { orgCode: rule?.orgCode ?? place.code, orgName: rule === inherited && street ? street.name : place.name, action, points: rule?.points ?? 0, inherited: !own && inherited !== undefined };
  });
  return { orgCode: place.code, rules };
}

/** Sets a street's or community's points per action (a community's rules override its street's). */
export async function setPointsRules(db: Db, actor: Actor, body: SetPointsRulesBody): Promise<PointsRules> {
  const place = await streetOrCommunity(db, actor, 'participation.manage', body.orgCode, 'body.orgCode');
  await db.transaction(async (tx) => {
    for (const rule of body.rules) {
      await tx
        .insert(participationPointsRules)
        .values({ orgCode: place.code, orgPath: place.orgPath, action: rule.action, points: rule.points })
        .onConflictDoUpdate({ target: [participationPointsRules.orgCode, participationPointsRules.action], set: { points: rule.points, updatedAt: new Date() } });
    }
    await recordAudit(tx, actor, { action: 'participation.points.rules', targetType: 'org_unit', targetId: place.code, orgPath: place.orgPath, details: { rules: body.rules } });
  });
  return readPointsRules(db, actor, body.orgCode);
}

/** The signed-in resident's points: balance and the newest entries. */
export async function myPoints(db: Db, actor: Actor): Promise<MyPoints> {
  const me = await verifiedResidentOrNull(db, actor);
  if (!me) return { verified: false, balance: 0, entries: [] };
  const [sum] = await db.select({ balance: sql<number>`coalesce(sum(${participationPointsEntries.points}), 0)::int` }).from(participationPointsEntries).where(eq(participationPointsEntries.residentId, me.residentId));
  const rows = await db.select().from(participationPointsEntries).where(eq(participationPointsEntries.residentId, me.residentId)).orderBy(desc(participationPointsEntries.createdAt)).limit(50);
  return { verified: true, balance: sum?.balance ?? 0, entries: rows.map((r) => ({ action: r.action, points: r.points, note: r.note, createdAt: r.createdAt.toISOString() })) };
}

/** The communities an index covers: those under `under` (or the actor's area) that the actor may read. */
async function indexCommunities(db: Db, actor: Actor, under: string | undefined): Promise<TreePlace[]> {
  const roots = under ? [under] : scopePaths(actor, 'participation.read');
  const found = await Promise.all(roots.map(async (root) => (root.split('.').length === 5 ? [await placeOf(db, root.split('.')[4]!)] : orgUnitsUnder(db, root, 'community'))));
  return found.flat().filter((c): c is TreePlace => c !== undefined && canAccess(actor, 'participation.read', c.orgPath));
}

interface IndexCounts {
  code: string;
  needs: number;
  proposals: number;
  supports: number;
  points: number;
  evaluations: number;
  satisfied: number;
  participants: number;
}

/** The year's counts per community code (the fifth segment of the org path); participants are distinct residents with any act. */
async function indexCounts(db: Db, codes: readonly string[], from: Date, to: Date): Promise<Map<string, IndexCounts>> {
  const codeList = sql.join(codes.map((c) => sql`${c}`), sql`, `);
  const rows = await queryRows<IndexCounts>(
    db,
    sql`with acts as (
        select split_part(org_path, '.', 5) as code, 'need' as kind, resident_id, 0 as points, null::boolean as satisfied from participation_needs where created_at >= ${from} and created_at < ${to}
        union all
        select split_part(org_path, '.', 5), 'proposal', proposer_resident_id, 0, null from participation_proposals where created_at >= ${from} and created_at < ${to}
        union all
        select split_part(p.org_path, '.', 5), 'support', s.resident_id, 0, null from participation_proposal_supports s join participation_proposals p on p.id = s.proposal_id where s.created_at >= ${from} and s.created_at < ${to}
        union all
        select split_part(p.org_path, '.', 5), 'evaluation', e.resident_id, 0, e.satisfied from participation_evaluations e join participation_proposals p on p.id = e.proposal_id where e.created_at >= ${from} and e.created_at < ${to}
        union all
        select split_part(org_path, '.', 5), 'points', resident_id, points, null from participation_points_entries where created_at >= ${from} and created_at < ${to}
      )
      select code,
             (count(*) filter (where kind = 'need'))::int as needs,
             (count(*) filter (where kind = 'proposal'))::int as proposals,
             (count(*) filter (where kind = 'support'))::int as supports,
             coalesce(sum(points), 0)::int as points,
             (count(*) filter (where kind = 'evaluation'))::int as evaluations,
             (count(*) filter (where satisfied))::int as satisfied,
             count(distinct resident_id)::int as participants
        from acts where code in (${codeList}) group by code`,
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * The participation index per community of the actor's area in a year (Xindu's 指数监测):
 * participants (residents with any need, proposal, support, evaluation or points) ÷ adult
 * residents, proposals per 1,000 residents, needs, supports, points, and the share satisfied.
 */
export async function participationIndexOf(db: Db, actor: Actor, query: { under?: string | undefined; year?: number | undefined }): Promise<ParticipationIndex> {
  const year = query.year ?? beijingYear();
  // Beijing calendar year.
  const [from, to] = [new Date(Date.UTC(year, 0, 1) - 8 * 3600_000), new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000)];
  const communities = await indexCommunities(db, actor, await underPath(db, query.under));
  if (communities.length === 0) return { year, rows: [] };
  const counts = await indexCounts(db, communities.map((c) => c.code), from, to);
  const people = new Map<string, { residents: number; adults: number }>();
  for (const root of [...new Set(communities.map((c) => c.orgPath.split('.').slice(0, 4).join('.')))]) {
    for (const [code, n] of await residentCountsByCommunity(db, root)) people.set(code, n);
  }
  return {
    year,
    rows: communities.map((c) => {
      const n = counts.get(c.code);
      const { residents, adults } = people.get(c.code) ?? { residents: 0, adults: 0 };
      const participants = n?.participants ?? 0;
      return {
        communityCode: c.code,
        communityName: c.name,
        residents,
        adults,
        participants,
        participationRate: adults > 0 ? participants / adults : null,
        needs: n?.needs ?? 0,
        proposals: n?.proposals ?? 0,
        proposalsPer1000: residents > 0 ? ((n?.proposals ?? 0) * 1000) / residents : null,
        supports: n?.supports ?? 0,
        points: n?.points ?? 0,
        satisfaction: n && n.evaluations > 0 ? n.satisfied / n.evaluations : null,
      };
    }),
  };
}
