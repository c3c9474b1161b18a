// Two-way assessment (下评上): community staff rate, per half year, each department that led
// the community's cases in it; the mean of a department's ratings is the data source
// assessment.communityRating of department schemes. Which departments led a community's cases
// comes from the command module's rollup (it registers the reader; the assessment does not import it).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { findOrgUnit, orgUnitNames, type OrgUnitView } from '../../org/index.ts';
import { unitRatings } from '../schema.ts';
import { registerDataSource } from '../sources.ts';
import type { RateableList, RateableQuery, RateUnitBody } from '../contract.ts';
import { chinaToday, existingUnit, invalid } from './common.ts';

/** The codes of the departments that led cases lying under an org path in [fromDay, toDay) (China days). */
export type HandlerReader = (db: Db, orgPath: string, fromDay: string, toDay: string) => Promise<string[]>;
let handlerReader: HandlerReader = async () => [];

/** Lets the command module tell which departments led a community's cases. */
export function setHandlerReader(reader: HandlerReader): void {
  handlerReader = reader;
}

/** The half year starting on periodStart: [start, end) as China days. */
function halfYear(periodStart: string): { from: string; to: string } {
  const [y, m] = periodStart.split('-').map(Number) as [number, number];
  return { from: periodStart, to: m === 1 ? `${y}-07-01` : `${y + 1}-01-01` };
}

async function raterCommunity(db: Db, actor: Actor, code: string, field: string): Promise<OrgUnitView> {
  const community = await existingUnit(db, code, field);
  assertInScope(actor, 'assessment.survey', community.orgPath);
  // Only communities rate upwards: a department (or any other unit) does not rate, itself or others.
  if (community.level !== 'community') throw invalid(field, '只有社区可以评价部门 / only communities rate departments');
  return community;
}

/** Departments that led the community's cases in the half year (up to today). */
async function handlersOf(db: Db, community: OrgUnitView, periodStart: string): Promise<string[]> {
  const { from, to } = halfYear(periodStart);
  const tomorrow = new Date(Date.parse(`${chinaToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (from >= tomorrow) return [];
  const leads = await handlerReader(db, community.orgPath, from, to < tomorrow ? to : tomorrow);
  // A community or grid may lead a case itself; only departments are rated upwards.
  const units = await Promise.all(leads.map((code) => findOrgUnit(db, code)));
  return units.filter((u) => u?.level === 'department').map((u) => (u as OrgUnitView).code);
}

export async function rateableUnits(db: Db, actor: Actor, q: RateableQuery): Promise<RateableList> {
  const community = await raterCommunity(db, actor, q.community, 'querystring.community');
  const codes = await handlersOf(db, community, q.periodStart);
  const [names, rated] = await Promise.all([
    orgUnitNames(db, codes),
    codes.length
      ? db.select().from(unitRatings).where(and(eq(unitRatings.periodStart, q.periodStart), eq(unitRatings.raterCode, community.code), inArray(unitRatings.unitCode, codes)))
      : Promise.resolve([]),
  ]);
  const byUnit = new Map(rated.map((r) => [r.unitCode, r]));
  return {
    community: { code: community.code, name: community.name },
    periodStart: q.periodStart,
    periodEnd: halfYear(q.periodStart).to,
    items: codes
      .map((code) => {
        const r = byUnit.get(code);
        return { code, name: names.get(code) ?? code, score: r?.score ?? null, comment: r?.comment ?? '', ratedAt: r?.ratedAt ?? null };
      })
      .sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
}

/** A community rates a department that led its cases in the half year; rating again replaces the score. */
export async function rateUnit(db: Db, actor: Actor, body: RateUnitBody): Promise<RateableList> {
  const community = await raterCommunity(db, actor, body.community, 'body.community');
  if (body.unitCode === community.code) throw invalid('body.unitCode', '不能评价自己 / a unit does not rate itself');
  const handlers = await handlersOf(db, community, body.periodStart);
  if (!handlers.includes(body.unitCode)) throw invalid('body.unitCode', '该部门本期未承办本社区的案件 / this department led none of the community\'s cases in the period');
  const values = { score: body.score, comment: body.comment, ratedBy: actor.kind === 'user' ? actor.id : null, ratedByName: shownName(actor), ratedAt: new Date() };
  await db.transaction(async (tx) => {
    await tx
      .insert(unitRatings)
      .values({ periodStart: body.periodStart, unitCode: body.unitCode, raterCode: community.code, raterPath: community.orgPath, ...values })
      .onConflictDoUpdate({ target: [unitRatings.periodStart, unitRatings.unitCode, unitRatings.raterCode], set: values });
    await recordAudit(tx, actor, {
      action: 'assessment.rating', targetType: 'org_unit', targetId: body.unitCode, orgPath: community.orgPath,
      details: { periodStart: body.periodStart, score: body.score, community: community.code },
    });
  });
  return rateableUnits(db, actor, { community: community.code, periodStart: body.periodStart });
}

registerDataSource({
  key: 'assessment.communityRating',
  direction: 'higher_better',
  kinds: ['department'],
  measure: async (ctx) => {
    const codes = ctx.units.map((u) => u.code);
    const rows = codes.length
      ? await ctx.db.select().from(unitRatings).where(
          and(inArray(unitRatings.unitCode, codes), sql`${unitRatings.periodStart} >= ${ctx.fromDay}::date and ${unitRatings.periodStart} <= ${ctx.toDay}::date`,
            sql`${unitRatings.raterPath} like ${`${ctx.under.orgPath}.%`}`),
        )
      : [];
    const raters = await orgUnitNames(ctx.db, rows.map((r) => r.raterCode));
    return new Map(
      ctx.units.map((u) => {
        const mine = rows.filter((r) => r.unitCode === u.code);
        const mean = mine.length ? mine.reduce((a, r) => a + r.score, 0) / mine.length : null;
        return [u.code, {
          value: mean === null ? null : Math.round(mean * 10_000) / 10_000,
          rows: [
            { label: '评价社区数 communities rating', value: String(mine.length) },
            ...mine.map((r) => ({ label: `${raters.get(r.raterCode) ?? r.raterCode}（${r.periodStart}）`, value: String(r.score) })),
          ],
        }];
      }),
    );
  },
});
