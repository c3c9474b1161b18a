// Surveys (问卷): a questionnaire under a node, a sample of households drawn from the registry
// (N per community, stratified by grid), invitations whose code opens it on /portal, answers
// there or by a worker on /m, one per household where the survey says so, and the results.
import { randomInt } from 'node:crypto';
import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, inScope, type Actor } from '../../../platform/auth/scope.ts';
import { listPage } from '../../../platform/list-page.ts';
import { orgUnitsUnder, type TreePlace } from '../../org/index.ts';
import { householdsWithAdults } from '../../registry/index.ts';
import type { AnswerReceipt, Answers, CreateSurveyBody, InvitationPage, PublicSurvey, SampleResult, SurveyPage, SurveyResults, SurveyStatus, SurveySummary, SurveyView } from '../contract.ts';
import { invitations, responses, surveys } from '../schema.ts';
import { checkAnswers, checkQuestions, invitationAlphabet } from '../answers.ts';
import { drawSample } from '../sampling.ts';
import type { Measured } from '../sources.ts';
import { chinaToday, existingUnit, invalid, namedUnits } from './common.ts';

type SurveyRow = typeof surveys.$inferSelect;

/** A community's org path: the first five segments (province.city.district.street.community). */
const communityPathOf = (path: string) => path.split('.').slice(0, 5).join('.');

async function summaries(db: Db, rows: SurveyRow[]): Promise<SurveySummary[]> {
  const named = await namedUnits(db, rows.map((r) => r.underCode));
  const counts = rows.length
    ? await db
        .select({ id: invitations.surveyId, invited: count(), answered: sql<number>`count(${invitations.answeredAt})::int` })
        .from(invitations)
        .where(sql`${invitations.surveyId} in ${rows.map((r) => r.id)}`)
        .groupBy(invitations.surveyId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((r) => ({
    id: r.id, title: r.title, under: named(r.underCode), status: r.status, anonymous: r.anonymous, onePerHousehold: r.onePerHousehold,
    invited: byId.get(r.id)?.invited ?? 0, answered: byId.get(r.id)?.answered ?? 0, createdAt: r.createdAt, closesOn: r.closesOn,
  }));
}

export async function listSurveys(db: Db, actor: Actor, q: { page: number; pageSize: number; status?: SurveyStatus | undefined }): Promise<SurveyPage> {
  const where = and(inScope(actor, 'assessment.read', surveys.orgPath), q.status ? eq(surveys.status, q.status) : undefined);
  return listPage(
    q,
    db.select().from(surveys).where(where).orderBy(desc(surveys.createdAt), desc(surveys.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(surveys).where(where),
    (rows) => summaries(db, rows),
  );
}

async function surveyRow(db: Db, actor: Actor, id: string, permission: 'assessment.read' | 'assessment.manage'): Promise<SurveyRow> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  if (!row) throw new AppError('NOT_FOUND', { what: id });
  assertInScope(actor, permission, row.orgPath);
  return row;
}

export async function getSurvey(db: Db, actor: Actor, id: string): Promise<SurveyView> {
  const row = await surveyRow(db, actor, id, 'assessment.read');
  const [summary] = await summaries(db, [row]);
  return { ...(summary as SurveySummary), intro: row.intro, questions: row.questions };
}

export async function createSurvey(db: Db, actor: Actor, body: CreateSurveyBody): Promise<SurveyView> {
  const under = await existingUnit(db, body.underCode, 'body.underCode');
  assertInScope(actor, 'assessment.manage', under.orgPath);
  if (!['district', 'street', 'community'].includes(under.level)) throw invalid('body.underCode', '问卷面向区县、街道或社区 / a survey covers a district, street or community');
  const problems = checkQuestions(body.questions);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { summary: problems[0]?.field ?? '', fields: problems.map((p) => ({ field: `body.${p.field}`, message: p.message })) });
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(surveys)
      .values({ title: body.title, intro: body.intro, underCode: under.code, orgPath: under.orgPath, anonymous: body.anonymous, onePerHousehold: body.onePerHousehold, closesOn: body.closesOn, questions: body.questions, createdBy: actor.kind === 'user' ? actor.id : null })
      .returning({ id: surveys.id });
    const surveyId = (row as { id: string }).id;
    await recordAudit(tx, actor, { action: 'assessment.survey.create', targetType: 'assessment_survey', targetId: surveyId, orgPath: under.orgPath, details: { title: body.title } });
    return surveyId;
  });
  return getSurvey(db, actor, id);
}

function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += invitationAlphabet[randomInt(invitationAlphabet.length)];
  return s;
}

/** Draws N households per community under the survey's node and invites them (a household already invited keeps its code). */
export async function sampleSurvey(db: Db, actor: Actor, id: string, body: { perCommunity: number; seed: number }): Promise<SampleResult> {
  const row = await surveyRow(db, actor, id, 'assessment.manage');
  const under = await existingUnit(db, row.underCode, 'underCode');
  const communities: TreePlace[] = under.level === 'community' ? [under] : await orgUnitsUnder(db, under.orgPath, 'community');
  const summary: SampleResult['communities'] = [];
  const drawn: { code: string; surveyId: string; householdId: string; communityCode: string; gridCode: string | null; orgPath: string; address: string }[] = [];
  for (const c of communities) {
    const households = await householdsWithAdults(db, c.code);
    const frame = households.map((h) => ({ id: h.householdId, communityCode: c.code, gridCode: h.orgPath.split('.').length > 5 ? (h.orgPath.split('.').at(-1) ?? null) : null, orgPath: h.orgPath, address: h.address }));
    const sample = drawSample(frame, body.perCommunity, body.seed);
    summary.push({ code: c.code, name: c.name, households: households.length, drawn: sample.length });
    for (const h of sample) drawn.push({ code: newCode(), surveyId: id, householdId: h.id, communityCode: c.code, gridCode: h.gridCode, orgPath: h.orgPath, address: h.address });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < drawn.length; i += 500) await tx.insert(invitations).values(drawn.slice(i, i + 500)).onConflictDoNothing();
    await recordAudit(tx, actor, { action: 'assessment.survey.sample', targetType: 'assessment_survey', targetId: id, orgPath: row.orgPath, details: { ...body, drawn: drawn.length } });
  });
  const [invited] = await db.select({ n: count() }).from(invitations).where(eq(invitations.surveyId, id));
  return { invited: invited?.n ?? 0, communities: summary };
}

export async function listInvitations(db: Db, actor: Actor, id: string, q: { page: number; pageSize: number; answered?: 'yes' | 'no' | undefined }): Promise<InvitationPage> {
  await surveyRow(db, actor, id, 'assessment.read');
  const where = and(eq(invitations.surveyId, id), inScope(actor, 'assessment.read', invitations.orgPath), q.answered === 'yes' ? isNotNull(invitations.answeredAt) : q.answered === 'no' ? isNull(invitations.answeredAt) : undefined);
  return listPage(
    q,
    db.select().from(invitations).where(where).orderBy(invitations.communityCode, invitations.address).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(invitations).where(where),
    async (rows) => {
      const named = await namedUnits(db, rows.map((r) => r.communityCode));
      return rows.map((r) => ({ code: r.code, community: named(r.communityCode), gridCode: r.gridCode, address: r.address, answeredAt: r.answeredAt }));
    },
  );
}

function isOpen(row: SurveyRow, now = new Date()): boolean {
  return row.status === 'open' && (row.closesOn === null || row.closesOn >= chinaToday(now));
}

async function invitationByCode(db: Db, code: string) {
  const [inv] = await db.select().from(invitations).where(eq(invitations.code, code.toUpperCase()));
  if (!inv) throw new AppError('NOT_FOUND', { what: 'invitation' });
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, inv.surveyId));
  if (!survey) throw new AppError('NOT_FOUND', { what: 'survey' });
  return { inv, survey };
}

/** The questionnaire an invitation code opens on /portal (no household data). */
export async function publicSurvey(db: Db, code: string): Promise<PublicSurvey> {
  const { inv, survey } = await invitationByCode(db, code);
  const named = await namedUnits(db, [inv.communityCode]);
  return { title: survey.title, intro: survey.intro, anonymous: survey.anonymous, communityName: named(inv.communityCode).name, questions: survey.questions, answered: inv.answeredAt !== null && survey.onePerHousehold, open: isOpen(survey) };
}

/** Stores an answer for an invitation: checked against the questions, once per household where declared, anonymous where declared. */
async function answer(db: Db, code: string, answers: Answers, via: 'portal' | 'worker', actor: Actor | null): Promise<AnswerReceipt> {
  const { inv, survey } = await invitationByCode(db, code);
  if (actor) assertInScope(actor, 'assessment.survey', inv.orgPath);
  if (!isOpen(survey)) throw new AppError('ASSESSMENT_SURVEY_CLOSED', {});
  const problems = checkAnswers(survey.questions, answers);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { summary: problems[0]?.field ?? '', fields: problems.map((p) => ({ field: `body.${p.field}`, message: p.message })) });
  const answeredAt = new Date();
  await db.transaction(async (tx) => {
    // The household's one answer: the invitation is claimed in the same statement that checks it.
    const claimed = await tx
      .update(invitations)
      .set({ answeredAt: sql`coalesce(${invitations.answeredAt}, ${answeredAt.toISOString()}::timestamptz)` })
      .where(and(eq(invitations.code, inv.code), survey.onePerHousehold ? isNull(invitations.answeredAt) : undefined))
      .returning({ code: invitations.code });
    if (claimed.length === 0) throw new AppError('ASSESSMENT_ALREADY_ANSWERED', {});
    await tx.insert(responses).values({
      surveyId: survey.id, invitationCode: survey.anonymous ? null : inv.code, communityCode: inv.communityCode, orgPath: survey.anonymous ? communityPathOf(inv.orgPath) : inv.orgPath, via,
      workerId: survey.anonymous || actor?.kind !== 'user' ? null : actor.id, answers, answeredAt,
    });
    if (actor) await recordAudit(tx, actor, { action: 'assessment.survey.answer', targetType: 'assessment_survey', targetId: survey.id, orgPath: communityPathOf(inv.orgPath), details: survey.anonymous ? {} : { invitation: inv.code } });
  });
  return { surveyId: survey.id, answeredAt };
}

/** A resident answers on /portal with the invitation code. */
export function answerByCode(db: Db, code: string, answers: Answers): Promise<AnswerReceipt> {
  return answer(db, code, answers, 'portal', null);
}

/**
 * Many households' portal answers to one survey in one transaction (the demo loads a few hundred):
 * each checked as one answer is, claimed and stored set-based; an invitation answered already is skipped.
 */
export async function answerManyByCode(db: Db, surveyId: string, items: { code: string; answers: Answers }[]): Promise<number> {
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, surveyId));
  if (!survey) throw new AppError('NOT_FOUND', { what: 'survey' });
  if (!isOpen(survey)) throw new AppError('ASSESSMENT_SURVEY_CLOSED', {});
  for (const [i, item] of items.entries()) {
    const problems = checkAnswers(survey.questions, item.answers);
    if (problems.length) throw invalid(`body.${i}.${problems[0]?.field ?? ''}`, problems[0]?.message ?? '');
  }
  const answersOf = new Map(items.map((item) => [item.code.toUpperCase(), item.answers]));
  const answeredAt = new Date();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ answeredAt })
      .where(and(eq(invitations.surveyId, surveyId), inArray(invitations.code, [...answersOf.keys()]), isNull(invitations.answeredAt)))
      .returning();
    if (claimed.length === 0) return 0;
    await tx.insert(responses).values(
      claimed.map((inv) => ({
        surveyId, invitationCode: survey.anonymous ? null : inv.code, communityCode: inv.communityCode, orgPath: survey.anonymous ? communityPathOf(inv.orgPath) : inv.orgPath,
        via: 'portal' as const, workerId: null, answers: answersOf.get(inv.code) as Answers, answeredAt,
      })),
    );
    return claimed.length;
  });
}

/** A worker records a household's answer on /m during a visit; the invitation must belong to the survey. */
export async function answerByWorker(db: Db, actor: Actor, surveyId: string, body: { invitationCode: string; answers: Answers }): Promise<AnswerReceipt> {
  const { inv } = await invitationByCode(db, body.invitationCode);
  if (inv.surveyId !== surveyId) throw invalid('body.invitationCode', '邀请码不属于这份问卷 / the code belongs to another survey');
  return answer(db, body.invitationCode, body.answers, 'worker', actor);
}

/** Response rate by community and each question's counts, mean and latest texts. */
export async function surveyResults(db: Db, actor: Actor, id: string): Promise<SurveyResults> {
  const row = await surveyRow(db, actor, id, 'assessment.read');
  const [summary] = await summaries(db, [row]);
  const byCommunityRows = await db
    .select({ code: invitations.communityCode, invited: count(), answered: sql<number>`count(${invitations.answeredAt})::int` })
    .from(invitations)
    .where(eq(invitations.surveyId, id))
    .groupBy(invitations.communityCode)
    .orderBy(invitations.communityCode);
  const named = await namedUnits(db, byCommunityRows.map((r) => r.code));
  const answers = await db.select({ answers: responses.answers }).from(responses).where(eq(responses.surveyId, id)).orderBy(desc(responses.answeredAt));
  const s = summary as SurveySummary;
  return {
    survey: s,
    responseRate: s.invited ? Math.round((s.answered / s.invited) * 10_000) / 10_000 : null,
    byCommunity: byCommunityRows.map((r) => ({ ...named(r.code), invited: r.invited, answered: r.answered })),
    questions: row.questions.map((q) => {
      const values = answers.map((a) => a.answers[q.key]).filter((v) => v !== undefined && v !== '');
      const counts = new Map<string, number>();
      if (q.kind === 'single' || q.kind === 'multiple') for (const o of q.options) counts.set(o, 0);
      if (q.kind === 'scale') for (let i = 1; i <= q.scaleMax; i++) counts.set(String(i), 0);
      for (const v of values) for (const x of Array.isArray(v) ? v : [v]) if (q.kind !== 'text') counts.set(String(x), (counts.get(String(x)) ?? 0) + 1);
      const numbers = values.filter((v): v is number => typeof v === 'number');
      return {
        key: q.key, text: q.text, kind: q.kind, answered: values.length,
        counts: [...counts].map(([option, n]) => ({ option, count: n })),
        mean: q.kind === 'scale' && numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null,
        texts: q.kind === 'text' ? values.filter((v): v is string => typeof v === 'string').slice(0, 50) : [],
      };
    }),
  };
}

/** Each unit's mean on a scale question, as 0–100 (mean ÷ top of the scale), from the answers of households under it (the survey indicator). */
export async function surveyScores(db: Db, surveyId: string, questionKey: string, units: readonly TreePlace[]): Promise<Map<string, Measured>> {
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, surveyId));
  const q = survey?.questions.find((x) => x.key === questionKey);
  const out = new Map<string, Measured>();
  if (!survey || !q) return out;
  const rows = await db.select({ orgPath: responses.orgPath, answers: responses.answers }).from(responses).where(eq(responses.surveyId, surveyId));
  for (const u of units) {
    const values = rows.filter((r) => r.orgPath === u.orgPath || r.orgPath.startsWith(`${u.orgPath}.`)).map((r) => r.answers[questionKey]).filter((v): v is number => typeof v === 'number');
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    out.set(u.code, {
      value: mean === null ? null : Math.round((mean / q.scaleMax) * 10_000) / 100,
      rows: [{ label: '问卷 survey', value: survey.title }, { label: '题目 question', value: q.text }, { label: '答卷数 answers', value: String(values.length) }, { label: '平均分 mean', value: mean === null ? '—' : `${Math.round(mean * 100) / 100} / ${q.scaleMax}` }],
    });
  }
  return out;
}

/** Surveys under a unit with their response rates (the unit report). */
export async function surveysUnder(db: Db, orgPath: string) {
  const rows = await db.select().from(surveys).where(sql`(${surveys.orgPath} = ${orgPath} or ${surveys.orgPath} like ${`${orgPath}.%`} or ${orgPath} like ${surveys.orgPath} || '.%')`).orderBy(desc(surveys.createdAt)).limit(20);
  return (await summaries(db, rows)).map((s) => ({ id: s.id, title: s.title, invited: s.invited, answered: s.answered, responseRate: s.invited ? Math.round((s.answered / s.invited) * 10_000) / 10_000 : null }));
}
