// Scoring an assessment (pure): each indicator's raw values across the units are normalised
// to 0–100 (min–max, the direction applied), weighted by the scheme, added up and ranked.
import type { IndicatorDirection } from './contract.ts';

export interface ScoringIndicator {
  id: string;
  weight: number;
  direction: IndicatorDirection;
}

export interface ScoredItem {
  indicatorId: string;
  raw: number | null;
  normalised: number;
  weighted: number;
}

export interface ScoredUnit<U> {
  unit: U;
  total: number;
  rank: number;
  items: ScoredItem[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Min–max normalisation to 0–100. Higher-better: the best unit gets 100, the worst 0; lower-better
 * the reverse. When every unit has the same value all get 100 (nobody did worse). A unit with no
 * value (null) gets 0: a missing figure never ranks above a measured one.
 */
export function normalise(values: readonly (number | null)[], direction: IndicatorDirection): number[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return values.map(() => 0);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return 0;
    if (max === min) return 100;
    const share = (v - min) / (max - min);
    return round((direction === 'higher_better' ? share : 1 - share) * 100, 4);
  });
}

/** Whether the weights add up to 100 (to within rounding). */
export function weightsAddUp(weights: readonly number[]): boolean {
  return Math.abs(weights.reduce((s, w) => s + w, 0) - 100) < 0.01;
}

/**
 * Standard competition ranking (1, 2, 2, 4) by total, highest first; ties compare at two
 * decimals, the precision the result shows.
 */
export function rankByTotal<T extends { total: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  let previous: number | undefined;
  let rank = 0;
  return sorted.map((row, i) => {
    const shown = round(row.total);
    if (previous === undefined || shown !== previous) rank = i + 1;
    previous = shown;
    return { ...row, rank };
  });
}

/** Scores and ranks the units: `raw(indicatorId, unitIndex)` gives each source value. */
export function scoreUnits<U>(units: readonly U[], indicators: readonly ScoringIndicator[], raw: (indicatorId: string, unitIndex: number) => number | null): ScoredUnit<U>[] {
  const columns = indicators.map((ind) => {
    const values = units.map((_, i) => raw(ind.id, i));
    return { ind, values, normalised: normalise(values, ind.direction) };
  });
  const rows = units.map((unit, i) => {
    const items = columns.map(({ ind, values, normalised }) => {
      const n = normalised[i] ?? 0;
      return { indicatorId: ind.id, raw: values[i] ?? null, normalised: round(n), weighted: round((n * ind.weight) / 100, 4) };
    });
    return { unit, items, total: round(items.reduce((s, it) => s + it.weighted, 0)) };
  });
  return rankByTotal(rows);
}
