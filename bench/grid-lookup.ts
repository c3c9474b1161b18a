// Point → grid lookup for a district's grids.
// Baseline in the same run: a linear scan with the same exact point-in-polygon test.
// Run: node --import tsx bench/grid-lookup.ts [gridCount]
import { performance } from 'node:perf_hooks';
import { bboxOf, containsPoint, GridIndex, splitRect, type GridGeometry, type IndexedGrid } from '../src/modules/org/index.ts';

const count = Number(process.argv[2] ?? 700);
const area = { minLng: 116.18, minLat: 39.88, maxLng: 116.42, maxLat: 40.08 };
const grids: IndexedGrid[] = splitRect(area, Array.from({ length: count }, (_, i) => 1 + (i % 5))).map((t, i) => {
  // Irregular 9-vertex rings, not boxes, so the exact test does real work.
  const cx = (t.minLng + t.maxLng) / 2;
  const cy = (t.minLat + t.maxLat) / 2;
  const ring: [number, number][] = [
    [t.minLng, t.minLat], [cx, t.minLat + (t.maxLat - t.minLat) * 0.05], [t.maxLng, t.minLat],
    [t.maxLng - (t.maxLng - t.minLng) * 0.05, cy], [t.maxLng, t.maxLat], [cx, t.maxLat - (t.maxLat - t.minLat) * 0.05],
    [t.minLng, t.maxLat], [t.minLng + (t.maxLng - t.minLng) * 0.05, cy], [t.minLng, t.minLat],
  ];
  const geometry: GridGeometry = { type: 'Polygon', coordinates: [ring] };
  return { code: `G${i}`, geometry, bbox: bboxOf(geometry) };
});
const points = Array.from({ length: 100_000 }, () => [
  area.minLng + Math.random() * (area.maxLng - area.minLng),
  area.minLat + Math.random() * (area.maxLat - area.minLat),
]) as [number, number][];

const buildStart = performance.now();
const index = new GridIndex(grids);
const buildMs = performance.now() - buildStart;

function time(label: string, n: number, fn: (p: [number, number]) => unknown): number {
  for (let i = 0; i < Math.min(n, 2_000); i++) fn(points[i % points.length] as [number, number]); // warm-up
  const start = performance.now();
  let hits = 0;
  for (let i = 0; i < n; i++) if (fn(points[i % points.length] as [number, number])) hits++;
  const usPerOp = ((performance.now() - start) * 1000) / n;
  console.log(`${label.padEnd(28)} ${usPerOp.toFixed(2).padStart(8)} µs/lookup  (${n} lookups, ${hits} hits)`);
  return usPerOp;
}

const linearScan = ([lng, lat]: [number, number]) => grids.find((g) => containsPoint(g.geometry, lng, lat))?.code;
console.log(`${count} grids; index built in ${buildMs.toFixed(1)} ms`);
const indexed = time('flatbush + point-in-polygon', 100_000, ([lng, lat]) => index.findGridAt(lng, lat));
const linear = time('linear scan (baseline)', 5_000, linearScan);
console.log(`speed-up over linear scan: ${(linear / indexed).toFixed(0)}×`);
