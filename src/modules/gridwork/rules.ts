// The duty lists as data (pure): the default rule table a district starts from, which rule
// fields each kind needs, when a visit item falls due, and how a worker's record is scored.
//
// Haidian's grid work (seed 004) names three lists — 九必访 (must visit), 六必到 (must attend),
// 九必报 (must report) — without their items. The defaults below fill them plausibly from this
// system's vocabularies: the registry's key-group kinds with their visit intervals, and the
// case categories; districts edit the table.
import type { CreateDutyRuleBody, DutyKind } from './contract.ts';

export type DefaultRule = Omit<CreateDutyRuleBody, 'district' | 'active'>;

const visit = (name: string, kind: string, everyDays: number, sort: number): DefaultRule => ({ kind: 'visit', name, keyGroupKinds: [kind], everyDays, categories: [], hoursAllowed: null, sort });
const attend = (name: string, hoursAllowed: number, sort: number): DefaultRule => ({ kind: 'attend', name, keyGroupKinds: [], everyDays: null, categories: [], hoursAllowed, sort });
const report = (name: string, categories: string[], hoursAllowed: number, sort: number): DefaultRule => ({ kind: 'report', name, keyGroupKinds: [], everyDays: null, categories, hoursAllowed, sort });

export const defaultDutyRules: readonly DefaultRule[] = [
  // 九必访: the registry's key groups at their own visit intervals.
  visit('独居老人', 'elderly_alone', 7, 1),
  visit('残疾人', 'disabled', 30, 2),
  visit('低保/特困家庭', 'low_income', 30, 3),
  visit('退役军人/优抚对象', 'veteran', 90, 4),
  visit('留守儿童', 'left_behind_child', 30, 5),
  visit('社区矫正人员', 'community_correction', 7, 6),
  visit('严重精神障碍患者', 'severe_mental_disorder', 30, 7),
  // 六必到: occasions staff announce, attended within the hours given.
  attend('居民家中有丧事', 24, 11),
  attend('居民家中有喜事', 72, 12),
  attend('居民生病住院', 48, 13),
  attend('突发事件现场', 2, 14),
  attend('矛盾纠纷调解现场', 24, 15),
  attend('受灾困难家庭', 24, 16),
  // 九必报: events reported as a case of these categories within the hours given.
  report('矛盾纠纷', ['0101', '0102', '0103', '0104', '0105'], 24, 21),
  report('治安隐患', ['0201', '0202', '0203'], 2, 22),
  report('安全生产隐患', ['0301', '0302', '0303'], 2, 23),
  report('消防隐患', ['0401', '0402', '0403'], 2, 24),
  report('环境卫生问题', ['0501', '0502', '0503', '0504'], 24, 25),
  report('市容秩序问题', ['0601', '0602', '0603', '0604'], 24, 26),
  report('市政设施损坏', ['0701', '0702', '0703', '0704'], 4, 27),
  report('食品药品安全', ['1101', '1102'], 24, 28),
  report('困难群众求助', ['0901', '0902', '0903'], 24, 29),
];

/** The fields a rule of each kind must have, by field name, with the message when missing. */
export function ruleProblems(kind: DutyKind, rule: { keyGroupKinds: string[]; everyDays: number | null; categories: string[]; hoursAllowed: number | null }): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (kind === 'visit') {
    if (rule.keyGroupKinds.length === 0) problems.push({ field: 'body.keyGroupKinds', message: '必访规则须选择重点人群类别 / a visit rule names key-group kinds' });
    if (rule.everyDays === null) problems.push({ field: 'body.everyDays', message: '必访规则须填写走访周期 / a visit rule needs everyDays' });
  }
  if (kind === 'report') {
    if (rule.categories.length === 0) problems.push({ field: 'body.categories', message: '必报规则须选择事件类别 / a report rule names case categories' });
    if (rule.hoursAllowed === null) problems.push({ field: 'body.hoursAllowed', message: '必报规则须填写时限 / a report rule needs hoursAllowed' });
  }
  return problems;
}

/**
 * The day a member's visit falls due: their last visit before the week plus the interval,
 * or the week's first day when they were never visited.
 */
export function visitDueOn(lastVisitBefore: string | null, everyDays: number, weekStart: string): string {
  if (!lastVisitBefore) return weekStart;
  return new Date(Date.parse(`${lastVisitBefore}T00:00:00Z`) + everyDays * 86_400_000).toISOString().slice(0, 10);
}

export interface RecordFigures {
  patrols: number;
  distanceMeters: number;
  coverage: number;
  casesValid: number;
  visitsOnTime: number;
  dutyOverdue: number;
  attendanceDays: number;
}

/**
 * The figure workers are ranked by: valid cases and on-time visits weigh most, then
 * attendance and patrols (with their coverage); each overdue duty item costs as much as a
 * valid case earns. A simple, readable weighting for the assessment to replace.
 */
export function scoreRecord(f: RecordFigures): number {
  const score = f.casesValid * 3 + f.visitsOnTime * 3 + f.attendanceDays * 1 + f.patrols * 1 + f.coverage * 5 + f.distanceMeters / 1000 - f.dutyOverdue * 3;
  return Math.round(score * 10) / 10;
}
