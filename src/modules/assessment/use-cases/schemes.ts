// Assessment schemes (考核方案): a period, a kind of org unit under a node, and weighted
// indicators from data sources, survey scores and a third-party evaluator's scores. Computing
// normalises, weights and ranks (scoring.ts) and keeps each raw value's source rows; publishing
// freezes the result and shows it to the units assessed.
import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, canAccess, inScope, scopePaths, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { listPage } from '../../../platform/list-page.ts';
import { listChildOrgNodes, orgUnitsUnder, type TreePlace } from '../../org/index.ts';
import type { AssessedKind, CreateSchemeBody, EvaluatorScoresBody, IndicatorView, SchemePage, SchemeResult, SchemeStatus, SchemeSummary, SchemeView, ScoreTrace } from '../contract.ts';
import { evaluatorScores, indicators, results, schemes, surveys } from '../schema.ts';
import { scoreUnits, weightsAddUp } from '../scoring.ts';
import { dataSource, dataSources, type Measured } from '../sources.ts';
import { surveyScores } from './surveys.ts';
import { addMonths, chinaDayStart, existingUnit, invalid, namedUnits } from './common.ts';

type SchemeRow = typeof schemes.$inferSelect;

/** The registered data sources (the scheme form offers them). */
export function listDataSources() {
  return { items: dataSources().map((s) => ({ key: s.key, direction: s.direction, kinds: [...s.kinds] })) };
}

/** The last day of a period starting on `start`. */
export function periodEndOf(start: string, period: 'half_year' | 'year'): string {
  const next = `${addMonths(start.slice(0, 7), period === 'year' ? 12 : 6)}-01`;
  return new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The units a scheme assesses: the streets or communities or departments under its node. */
export async function assessedUnits(db: Db, under: TreePlace, kind: AssessedKind): Promise<TreePlace[]> {
  if (kind === 'department') return orgUnitsUnder(db, under.orgPath, 'department');
  if (kind === 'street') return under.level === 'district' ? listChildOrgNodes(db, under.code, 'divisions') : [];
  return orgUnitsUnder(db, under.orgPath, 'community');
}

/** Schemes the actor may read: those in their scope, and published ones above the units they serve. */
function visible(actor: Actor) {
  const paths = scopePaths(actor, 'assessment.read');
  const above = paths.map((p) => sql`(${p} like ${schemes.orgPath} || '.%')`);
  return or(inScope(actor, 'assessment.read', schemes.orgPath), above.length ? and(eq(schemes.status, 'published'), or(...above)) : undefined);
}

async function summaries(db: Db, rows: SchemeRow[]): Promise<SchemeSummary[]> {
  const named = await namedUnits(db, rows.map((r) => r.underCode));
  return rows.map((r) => ({
    id: r.id, name: r.name, period: r.period, periodStart: r.periodStart, periodEnd: r.periodEnd, kind: r.kind, under: named(r.underCode), status: r.status, computedAt: r.computedAt, publishedAt: r.publishedAt,
  }));
}

export async function listSchemes(db: Db, actor: Actor, q: { page: number; pageSize: number; status?: SchemeStatus | undefined }): Promise<SchemePage> {
  const where = and(visible(actor), q.status ? eq(schemes.status, q.status) : undefined);
  return listPage(
    q,
    db.select().from(schemes).where(where).orderBy(desc(schemes.periodStart), desc(schemes.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(schemes).where(where),
    (rows) => summaries(db, rows),
  );
}

async function schemeRow(db: Db, actor: Actor, id: string, permission: 'assessment.read' | 'assessment.manage' | 'assessment.score'): Promise<SchemeRow> {
  const [row] = await db.select().from(schemes).where(eq(schemes.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  const publishedAbove = row.status === 'published' && permission === 'assessment.read' && scopePaths(actor, permission).some((p) => p.startsWith(`${row.orgPath}.`));
  if (!publishedAbove) assertInScope(actor, permission, row.orgPath);
  return row;
}

async function indicatorViews(db: Db, schemeId: string): Promise<IndicatorView[]> {
  const rows = await db.select().from(indicators).where(eq(indicators.schemeId, schemeId)).orderBy(asc(indicators.sort));
  const scored = rows.length
    ? await db.select({ id: evaluatorScores.indicatorId, n: count() }).from(evaluatorScores).where(inArray(evaluatorScores.indicatorId, rows.map((r) => r.id))).groupBy(evaluatorScores.indicatorId)
    : [];
  const n = new Map(scored.map((s) => [s.id, s.n]));
  return rows.map((r) => ({ id: r.id, name: r.name, source: r.source, dataKey: r.dataKey, surveyId: r.surveyId, questionKey: r.questionKey, weight: r.weight, direction: r.direction, scoredUnits: n.get(r.id) ?? 0 }));
}

export async function getScheme(db: Db, actor: Actor, id: string): Promise<SchemeView> {
  const row = await schemeRow(db, actor, id, 'assessment.read');
  const [summary] = await summaries(db, [row]);
  const under = await existingUnit(db, row.underCode, 'underCode');
  const units = await assessedUnits(db, under, row.kind);
  return { ...(summary as SchemeSummary), indicators: await indicatorViews(db, id), units: units.map((u) => ({ code: u.code, name: u.name })) };
}

/** Checks each indicator against its source (a known data key for the kind, a survey scale question in reach) and the weights' sum. */
async function checkIndicators(db: Db, actor: Actor, body: CreateSchemeBody): Promise<void> {
  if (!weightsAddUp(body.indicators.map((i) => i.weight))) throw invalid('body.indicators', '权重之和须为 100 / the weights must add up to 100');
  for (const [i, ind] of body.indicators.entries()) {
    const field = `body.indicators.${i}`;
    if (ind.source === 'data') {
      const source = ind.dataKey ? dataSource(ind.dataKey) : undefined;
      if (!source) throw invalid(`${field}.dataKey`, '请选择数据来源 / choose a data source');
      if (!source.kinds.includes(body.kind)) throw invalid(`${field}.dataKey`, '该数据来源不适用于这类单位 / this source does not measure this kind of org unit');
    }
    if (ind.source === 'survey') {
      const [survey] = ind.surveyId ? await db.select().from(surveys).where(eq(surveys.id, ind.surveyId)) : [];
      if (!survey || !canAccess(actor, 'assessment.read', survey.orgPath)) throw invalid(`${field}.surveyId`, '请选择问卷 / choose a survey');
      const q = survey.questions.find((x) => x.key === ind.questionKey);
      if (!q || q.kind !== 'scale') throw invalid(`${field}.questionKey`, '请选择问卷中的量表题 / choose a scale question of the survey');
    }
  }
}

export async function createScheme(db: Db, actor: Actor, body: CreateSchemeBody): Promise<SchemeView> {
  const under = await existingUnit(db, body.underCode, 'body.underCode');
  assertInScope(actor, 'assessment.manage', under.orgPath);
  if (under.level !== 'district' && under.level !== 'street') throw invalid('body.underCode', '考核方案设在区县或街道 / a scheme sits on a district or street');
  const md = body.periodStart.slice(5);
  if (body.period === 'year' ? md !== '01-01' : md !== '01-01' && md !== '07-01') throw invalid('body.periodStart', '半年度从 1 月 1 日或 7 月 1 日开始，年度从 1 月 1 日开始 / a half year starts on 01-01 or 07-01, a year on 01-01');
  await checkIndicators(db, actor, body);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schemes)
      .values({ name: body.name, period: body.period, periodStart: body.periodStart, periodEnd: periodEndOf(body.periodStart, body.period), kind: body.kind, underCode: under.code, orgPath: under.orgPath, createdBy: actor.kind === 'user' ? actor.id : null })
      .returning({ id: schemes.id });
    const schemeId = (row as { id: string }).id;
    await tx.insert(indicators).values(
      body.indicators.map((ind, i) => ({
        schemeId, name: ind.name, source: ind.source, dataKey: ind.source === 'data' ? (ind.dataKey ?? null) : null, surveyId: ind.source === 'survey' ? (ind.surveyId ?? null) : null,
        questionKey: ind.source === 'survey' ? (ind.questionKey ?? null) : null, weight: ind.weight, direction: ind.direction, sort: i,
      })),
    );
    await recordAudit(tx, actor, { action: 'assessment.scheme.create', targetType: 'assessment_scheme', targetId: schemeId, orgPath: under.orgPath, details: { name: body.name } });
    return schemeId;
  });
  return getScheme(db, actor, id);
}

/** The third party's scores of units on one evaluator indicator, each with its evidence (a later upload replaces a unit's score). */
export async function uploadEvaluatorScores(db: Db, actor: Actor, id: string, body: EvaluatorScoresBody): Promise<SchemeView> {
  const row = await schemeRow(db, actor, id, 'assessment.score');
  if (row.status === 'published') throw new AppError('ASSESSMENT_PUBLISHED', {});
  const [ind] = await db.select().from(indicators).where(and(eq(indicators.id, body.indicatorId), eq(indicators.schemeId, id)));
  if (!ind || ind.source !== 'evaluator') throw invalid('body.indicatorId', '请选择第三方评分指标 / choose an indicator scored by the evaluator');
  const units = new Set((await assessedUnits(db, await existingUnit(db, row.underCode, 'underCode'), row.kind)).map((u) => u.code));
  body.scores.forEach((s, i) => {
    if (!units.has(s.orgUnitCode)) throw invalid(`body.scores.${i}.orgUnitCode`, `不在考核范围内 / ${s.orgUnitCode} is not assessed by this scheme`);
  });
  await db.transaction(async (tx) => {
    for (const s of body.scores) {
      const values = { indicatorId: ind.id, orgUnitCode: s.orgUnitCode, score: s.score, evidence: s.evidence, scoredBy: actor.kind === 'user' ? actor.id : null, scoredByName: shownName(actor), scoredAt: new Date() };
      await tx.insert(evaluatorScores).values(values).onConflictDoUpdate({ target: [evaluatorScores.indicatorId, evaluatorScores.orgUnitCode], set: values });
    }
    await recordAudit(tx, actor, { action: 'assessment.scheme.score', targetType: 'assessment_scheme', targetId: id, orgPath: row.orgPath, details: { indicatorId: ind.id, units: body.scores.length } });
  });
  return getScheme(db, actor, id);
}

/** Computes every unit's raw values, normalised and weighted scores, total and rank, with the source rows behind each value. */
export async function computeScheme(db: Db, actor: Actor, id: string): Promise<SchemeResult> {
  const row = await schemeRow(db, actor, id, 'assessment.manage');
  if (row.status === 'published') throw new AppError('ASSESSMENT_PUBLISHED', {});
  const under = await existingUnit(db, row.underCode, 'underCode');
  const units = await assessedUnits(db, under, row.kind);
  const inds = await db.select().from(indicators).where(eq(indicators.schemeId, id)).orderBy(asc(indicators.sort));
  const ctx = {
    db, under, units, kind: row.kind, from: chinaDayStart(row.periodStart), to: chinaDayStart(addDays(row.periodEnd, 1)), fromDay: row.periodStart, toDay: row.periodEnd, memo: new Map<string, Promise<unknown>>(),
  };
  const measured = new Map<string, Map<string, Measured>>();
  for (const ind of inds) {
    if (ind.source === 'data') {
      const source = dataSource(ind.dataKey ?? '');
      measured.set(ind.id, source ? await source.measure(ctx) : new Map());
    } else if (ind.source === 'survey') {
      measured.set(ind.id, await surveyScores(db, ind.surveyId ?? '', ind.questionKey ?? '', units));
    } else {
      const scores = await db.select().from(evaluatorScores).where(eq(evaluatorScores.indicatorId, ind.id));
      measured.set(ind.id, new Map(scores.map((s) => [s.orgUnitCode, { value: s.score, rows: [{ label: '第三方评分 score', value: String(s.score) }, { label: '依据 evidence', value: s.evidence }, { label: '评分人 by', value: `${s.scoredByName} ${s.scoredAt.toISOString()}` }] }])));
    }
  }
  const scored = scoreUnits(units, inds, (indicatorId, i) => measured.get(indicatorId)?.get(units[i]?.code ?? '')?.value ?? null);
  await db.transaction(async (tx) => {
    await tx.delete(results).where(eq(results.schemeId, id));
    if (scored.length) {
      await tx.insert(results).values(
        scored.map((s) => ({
          schemeId: id, orgUnitCode: s.unit.code, orgUnitName: s.unit.name, rank: s.rank, total: s.total, items: s.items,
          trace: Object.fromEntries(inds.map((ind) => [ind.id, measured.get(ind.id)?.get(s.unit.code)?.rows ?? []])),
        })),
      );
    }
    await tx.update(schemes).set({ status: 'computed', computedAt: new Date() }).where(eq(schemes.id, id));
    await recordAudit(tx, actor, { action: 'assessment.scheme.compute', targetType: 'assessment_scheme', targetId: id, orgPath: row.orgPath, details: { units: scored.length } });
  });
  return schemeResult(db, actor, id);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function publishScheme(db: Db, actor: Actor, id: string): Promise<SchemeView> {
  const row = await schemeRow(db, actor, id, 'assessment.manage');
  if (row.status === 'published') throw new AppError('ASSESSMENT_PUBLISHED', {});
  if (row.status !== 'computed') throw new AppError('ASSESSMENT_NOT_COMPUTED', {});
  await db.transaction(async (tx) => {
    await tx.update(schemes).set({ status: 'published', publishedAt: new Date() }).where(eq(schemes.id, id));
    await recordAudit(tx, actor, { action: 'assessment.scheme.publish', targetType: 'assessment_scheme', targetId: id, orgPath: row.orgPath, details: {} });
  });
  return getScheme(db, actor, id);
}

export async function schemeResult(db: Db, actor: Actor, id: string): Promise<SchemeResult> {
  const row = await schemeRow(db, actor, id, 'assessment.read');
  const [summary] = await summaries(db, [row]);
  const rows = await db.select().from(results).where(eq(results.schemeId, id)).orderBy(asc(results.rank), asc(results.orgUnitCode));
  return {
    scheme: summary as SchemeSummary,
    indicators: await indicatorViews(db, id),
    rows: rows.map((r) => ({ rank: r.rank, orgUnit: { code: r.orgUnitCode, name: r.orgUnitName }, total: r.total, items: r.items })),
  };
}

/** The source rows behind one unit's value on one indicator. */
export async function traceScore(db: Db, actor: Actor, id: string, q: { indicatorId: string; orgUnitCode: string }): Promise<ScoreTrace> {
  const result = await schemeResult(db, actor, id);
  const indicator = result.indicators.find((i) => i.id === q.indicatorId);
  if (!indicator) throw invalid('query.indicatorId', '没有这个指标 / no such indicator');
  const [stored] = await db.select().from(results).where(and(eq(results.schemeId, id), eq(results.orgUnitCode, q.orgUnitCode)));
  if (!stored) throw invalid('query.orgUnitCode', '该单位没有考核结果 / no result for this org unit');
  const item = stored.items.find((i) => i.indicatorId === q.indicatorId);
  return { indicator, orgUnit: { code: stored.orgUnitCode, name: stored.orgUnitName }, raw: item?.raw ?? null, normalised: item?.normalised ?? 0, rows: stored.trace[q.indicatorId] ?? [] };
}

/** The published rankings that include a unit (its report). */
export async function rankingsOf(db: Db, unitCode: string, from: string, to: string) {
  return db
    .select({ schemeId: schemes.id, schemeName: schemes.name, rank: results.rank, total: results.total, of: sql<number>`(select count(*)::int from assessment_results r2 where r2.scheme_id = ${schemes.id})` })
    .from(results)
    .innerJoin(schemes, eq(schemes.id, results.schemeId))
    .where(and(eq(results.orgUnitCode, unitCode), inArray(schemes.status, ['computed', 'published']), sql`${schemes.periodEnd} >= ${from}`, sql`${schemes.periodStart} <= ${to}`))
    .orderBy(desc(schemes.periodStart));
}
