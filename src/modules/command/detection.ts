// The early-warning tests, as pure functions of counts (the job feeds them from the rollup
// and the live timeline). A surge compares today's count of one category in one place with
// that place's own baseline: under a Poisson model with the baseline's mean daily rate, how
// likely is a count at least this high? A small upper-tail probability is a surge.

/** P(X ≥ k) for X ~ Poisson(lambda), summed in log space so large counts do not overflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≥ k) = 1 − Σ_{i<k} e^{−λ} λ^i / i!; for k far above λ the complement loses precision,
  // so sum the tail directly from k until the terms vanish.
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let tail = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(logTerm);
    tail += term;
    if (term < tail * 1e-12) break;
    logTerm += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, tail);
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

export interface SurgeParams {
  baselineDays: number;
  pValue: number;
  minCount: number;
}

export interface SurgeFinding {
  fires: boolean;
  /** The baseline's mean daily count. */
  expected: number;
  pValue: number;
}

// A place with no history still has some chance of a case: without a floor one stray case
// on a quiet day would read as infinitely unlikely.
const MIN_DAILY_RATE = 0.2;

/** Whether today's count is a surge against the daily counts before it (oldest first; missing days are zeros). */
export function detectSurge(history: readonly number[], today: number, params: SurgeParams): SurgeFinding {
  const days = history.slice(-params.baselineDays);
  const mean = days.length ? days.reduce((a, b) => a + b, 0) / days.length : 0;
  const expected = Math.max(mean, MIN_DAILY_RATE);
  const pValue = poissonUpperTail(today, expected);
  return { fires: today >= params.minCount && pValue < params.pValue, expected: Math.round(mean * 100) / 100, pValue };
}

export interface OverdueJumpParams {
  days: number;
  minRise: number;
  minCases: number;
}

export interface Share {
  overdue: number;
  total: number;
}

/** Whether a unit's overdue share rose by at least `minRise` from the window before to the recent one. */
export function detectOverdueJump(recent: Share, before: Share, params: OverdueJumpParams): { fires: boolean; recentShare: number; beforeShare: number } {
  const share = (s: Share) => (s.total === 0 ? 0 : s.overdue / s.total);
  const recentShare = share(recent);
  const beforeShare = share(before);
  return {
    fires: recent.total >= params.minCases && recentShare - beforeShare >= params.minRise,
    recentShare: Math.round(recentShare * 1000) / 1000,
    beforeShare: Math.round(beforeShare * 1000) / 1000,
  };
}

/**
 * The key that makes two reports "the same place": the normalised address when there is one,
 * else the square cell (of `cellMeters`, ~100 m by default) the point falls in.
 */
export function placeKey(address: string | null, lng: number | null, lat: number | null, cellMeters = 100): string | null {
  const text = (address ?? '').replace(/[\s,，。.、#号]/g, '').toLowerCase();
  if (text.length >= 4) return `a:${text}`;
  if (lng === null || lat === null) return null;
  // A degree of latitude is 111 km; a degree of longitude shrinks with the cosine of the latitude.
  const latCell = cellMeters / 111_000;
  const lngCell = latCell / Math.max(0.1, Math.cos((lat * Math.PI) / 180));
  return `p:${Math.floor(lng / lngCell)},${Math.floor(lat / latCell)}`;
}

/** Groups reports by place and returns the places with at least `minReports` of them, most first. */
export function repeatedPlaces<T extends { key: string | null }>(reports: readonly T[], minReports: number): { key: string; reports: T[] }[] {
  const byKey = new Map<string, T[]>();
  for (const r of reports) {
    if (!r.key) continue;
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  return [...byKey.entries()]
    .filter(([, list]) => list.length >= minReports)
    .map(([key, list]) => ({ key, reports: list }))
    .sort((a, b) => b.reports.length - a.reports.length);
}

/** The shipped rules' parameters; the table command_warning_rules holds what is in force. */
export const defaultRuleParams = {
  category_surge: { baselineDays: 28, pValue: 0.001, minCount: 5 },
  repeated_place: { days: 7, minReports: 3, radiusMeters: 100 },
  overdue_jump: { days: 14, minRise: 0.2, minCases: 10 },
} as const;

/** A rule as stored: for the whole installation (orgPath '') or a district or street. */
export interface StoredRule {
  kind: string;
  orgPath: string;
}

/** The rule in force for a place: the kind's rule of the nearest area at or above it (the installation's default last). */
export function ruleFor<R extends StoredRule>(rules: readonly R[], kind: string, orgPath: string): R | undefined {
  let best: R | undefined;
  for (const r of rules) {
    if (r.kind !== kind) continue;
    const covers = r.orgPath === '' || orgPath === r.orgPath || orgPath.startsWith(`${r.orgPath}.`);
    if (covers && (!best || r.orgPath.length > best.orgPath.length)) best = r;
  }
  return best;
}
