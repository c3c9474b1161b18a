// Expert scoring and ranking (pure). Each panel member scores every criterion; per criterion
// the highest and the lowest score are dropped when five or more members scored (the usual
// rule of 评审: one friendly or hostile expert cannot move the result), the rest averaged;
// an application's score is the sum of its criteria's averages.
import type { Criterion } from '../contract/projects.ts';

/** From this many scores up, the highest and the lowest are dropped. */
export const dropExtremesFrom = 5;

export interface CriterionScore {
  criterionKey: string;
  average: number;
  counted: number;
  dropped: number;
}

/** The mean of the scores, the highest and lowest dropped when there are five or more; null for none. */
export function trimmedMean(scores: readonly number[]): { average: number; counted: number; dropped: number } | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const kept = sorted.length >= dropExtremesFrom ? sorted.slice(1, -1) : sorted;
  // Scores are integers: sum first, divide once, round to hundredths for display.
  const sum = kept.reduce((s, x) => s + x, 0);
  return { average: Math.round((sum / kept.length) * 100) / 100, counted: kept.length, dropped: sorted.length - kept.length };
}

/** Per-criterion results and the total, from the members' score sheets (conflicted members give none). */
export function scoreApplication(criteria: readonly Criterion[], sheets: readonly Record<string, number>[]): { lines: CriterionScore[]; score: number | null } {
  const lines: CriterionScore[] = [];
  for (const c of criteria) {
    const given = sheets.map((s) => s[c.key]).filter((x): x is number => typeof x === 'number');
    const mean = trimmedMean(given);
    if (mean) lines.push({ criterionKey: c.key, ...mean });
  }
  if (lines.length === 0) return { lines, score: null };
  const score = Math.round(lines.reduce((s, l) => s + l.average, 0) * 100) / 100;
  return { lines, score };
}

/** Problems with one member's score sheet against the call's criteria: field → message. */
export function scoreSheetProblems(criteria: readonly Criterion[], scores: Record<string, number>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) problems.push({ field: `body.scores.${c.key}`, message: `请为“${c.name}”打分 / a score is required` });
    else if (s > c.maxScore) problems.push({ field: `body.scores.${c.key}`, message: `“${c.name}”最高 ${c.maxScore} 分 / at most ${c.maxScore}` });
  }
  for (const k of Object.keys(scores)) {
    if (!criteria.some((c) => c.key === k)) problems.push({ field: `body.scores.${k}`, message: '没有这项评审标准 / no such criterion' });
  }
  return problems;
}

export interface Rankable {
  id: string;
  score: number | null;
  requestedFen: number;
  submittedAt: Date;
}

/** Ranks by score (highest first); ties go to the smaller request, then the earlier application; unscored last, unranked. */
export function rankApplications<T extends Rankable>(items: readonly T[]): (T & { rank: number | null })[] {
  const scored = items
    .filter((a) => a.score !== null)
    .sort((a, b) => b.score! - a.score! || a.requestedFen - b.requestedFen || a.submittedAt.getTime() - b.submittedAt.getTime());
  const ranked = scored.map((a, i) => ({ ...a, rank: i + 1 }));
  return [...ranked, ...items.filter((a) => a.score === null).map((a) => ({ ...a, rank: null }))];
}
