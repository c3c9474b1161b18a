// Rankings of units on the case indicators, with the movement against the previous period.
import type { RankingRow } from './contract.ts';

export interface RankInput {
  code: string;
  onTimeClosureRate: number | null;
  responseRate: number | null;
  satisfiedRate: number | null;
}

/** The mean of the rates a unit has (a unit with none has no score and no rank). */
export function scoreOf(r: RankInput): number | null {
  const rates = [r.onTimeClosureRate, r.responseRate, r.satisfiedRate].filter((v): v is number => v !== null);
  return rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10_000) / 10_000 : null;
}

/** Competition ranks by score, best first (equal scores share a rank: 1, 2, 2, 4); no score, no rank. */
export function ranks(rows: readonly RankInput[]): Map<string, number> {
  const scored = rows.map((r) => ({ code: r.code, score: scoreOf(r) })).filter((r): r is { code: string; score: number } => r.score !== null);
  scored.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
  const result = new Map<string, number>();
  scored.forEach((r, i) => {
    const prev = scored[i - 1];
    result.set(r.code, prev && prev.score === r.score ? (result.get(prev.code) as number) : i + 1);
  });
  return result;
}

/** Up when the rank number fell (a better place), down when it rose. */
export function movementOf(rank: number | null, previousRank: number | null): RankingRow['movement'] {
  if (rank === null || previousRank === null) return 'new';
  return rank < previousRank ? 'up' : rank > previousRank ? 'down' : 'same';
}
