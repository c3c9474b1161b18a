// Drawing a survey's sample (pure): N households per community, stratified by grid within
// the community (each grid's share in proportion to its households, largest remainders), by
// a seeded generator so the same seed draws the same households.

/** mulberry32: a small, fast seeded generator (uniform on [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Splits n over strata in proportion to their sizes (largest remainder), never more than a stratum holds. */
export function allocate(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((s, x) => s + x, 0);
  const want = Math.min(n, total);
  if (want === 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (s * want) / total);
  const counts = exact.map((x) => Math.floor(x));
  let left = want - counts.reduce((s, x) => s + x, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    if ((counts[i] ?? 0) < (sizes[i] ?? 0)) {
      counts[i] = (counts[i] ?? 0) + 1;
      left--;
    }
  }
  return counts;
}

/** k items of a list drawn without replacement (a partial Fisher–Yates shuffle). */
export function drawWithoutReplacement<T>(items: readonly T[], k: number, random: () => number): T[] {
  const copy = [...items];
  const take = Math.min(k, copy.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, take);
}

export interface SampleFrameRow {
  id: string;
  communityCode: string;
  gridCode: string | null;
}

/** perCommunity households from each community, stratified by grid; rows are taken in a stable order first so the seed alone decides. */
export function drawSample<R extends SampleFrameRow>(frame: readonly R[], perCommunity: number, seed: number): R[] {
  const random = seededRandom(seed);
  const byCommunity = new Map<string, Map<string, R[]>>();
  for (const row of [...frame].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const grids = byCommunity.get(row.communityCode) ?? new Map<string, R[]>();
    const key = row.gridCode ?? '';
    grids.set(key, [...(grids.get(key) ?? []), row]);
    byCommunity.set(row.communityCode, grids);
  }
  const drawn: R[] = [];
  for (const community of [...byCommunity.keys()].sort()) {
    const grids = byCommunity.get(community) ?? new Map<string, R[]>();
    const keys = [...grids.keys()].sort();
    const counts = allocate(keys.map((k) => grids.get(k)?.length ?? 0), perCommunity);
    keys.forEach((k, i) => drawn.push(...drawWithoutReplacement(grids.get(k) ?? [], counts[i] ?? 0, random)));
  }
  return drawn;
}
