// Patrol tracks (pure): the filter that drops poor GPS points, distance along a track,
// the share of a grid covered by the buffered track, and a point's distance from a grid
// (for the geofenced check-in). Distances use a local flat projection around the grid,
// good to well under 1% across a grid's few hundred metres.
import { bboxOf, containsPoint, type GridGeometry } from '../org/index.ts';

export interface Fix {
  lng: number;
  lat: number;
  accuracy: number | null;
  recordedAt: Date;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two points (metres). */
export function haversineMeters(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a track in the order given (metres). */
export function trackLengthMeters(points: readonly { lng: number; lat: number }[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += haversineMeters(points[i - 1] as Fix, points[i] as Fix);
  return sum;
}

export interface TrackFilter {
  maxAccuracyMeters: number;
  maxSpeedMetersPerSecond: number;
}

/**
 * Keeps the points worth drawing: in time order, not before the patrol started nor after it
 * ended, with an accuracy no worse than the limit, and reachable from the last kept point
 * without an impossible speed (a jump to a wrong fix). `previous` is the last point already kept.
 */
export function filterFixes<T extends Fix>(
  fixes: readonly T[],
  rule: TrackFilter,
  window: { from: Date; to?: Date | null },
  previous?: Fix | null,
): { kept: T[]; dropped: number } {
  const sorted = [...fixes].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  const kept: T[] = [];
  let last: Fix | null | undefined = previous;
  for (const fix of sorted) {
    const t = fix.recordedAt.getTime();
    if (t < window.from.getTime() || (window.to && t > window.to.getTime())) continue;
    if (fix.accuracy !== null && fix.accuracy > rule.maxAccuracyMeters) continue;
    if (last) {
      const seconds = (t - last.recordedAt.getTime()) / 1000;
      if (seconds <= 0) continue;
      if (haversineMeters(last, fix) / seconds > rule.maxSpeedMetersPerSecond) continue;
    }
    kept.push(fix);
    last = fix;
  }
  return { kept, dropped: fixes.length - kept.length };
}

// ------------------------------------------------------------------ local projection

interface Projection {
  x: (lng: number) => number;
  y: (lat: number) => number;
}

function projectionAround(lng0: number, lat0: number): Projection {
  const mPerDegLat = (Math.PI / 180) * EARTH_RADIUS_M;
  const mPerDegLng = mPerDegLat * Math.cos(rad(lat0));
  return { x: (lng) => (lng - lng0) * mPerDegLng, y: (lat) => (lat - lat0) * mPerDegLat };
}

/** Squared distance from point p to segment ab, in projected metres. */
function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return cx * cx + cy * cy;
}

function rings(geometry: GridGeometry): [number, number][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygon.map((ring) => ring.map(([lng, lat]) => [lng, lat] as [number, number])));
}

/** How far a point lies outside a grid (metres; 0 inside or on the boundary). */
export function distanceOutsideMeters(geometry: GridGeometry, lng: number, lat: number): number {
  if (containsPoint(geometry, lng, lat)) return 0;
  const p = projectionAround(lng, lat);
  let best = Infinity;
  for (const ring of rings(geometry)) {
    for (let i = 1; i < ring.length; i++) {
      const [a, b] = [ring[i - 1] as [number, number], ring[i] as [number, number]];
      best = Math.min(best, segmentDistanceSq(0, 0, p.x(a[0]), p.y(a[1]), p.x(b[0]), p.y(b[1])));
    }
  }
  return Math.sqrt(best);
}

/** Most cells the coverage lattice uses; the cell grows with the grid to stay under it. */
const MAX_CELLS = 40_000;

/**
 * The share of the grid's area within `bufferMeters` of the track (0–1): the grid is laid
 * out as a lattice of small cells and a cell counts when its centre lies inside the grid and
 * near the track. Equivalent to area(buffer(track) ∩ grid) / area(grid) to within a cell.
 */
export function coverageShare(geometry: GridGeometry, track: readonly { lng: number; lat: number }[], bufferMeters: number): number {
  if (track.length === 0) return 0;
  const box = bboxOf(geometry);
  const p = projectionAround(box.minLng, box.minLat);
  const width = p.x(box.maxLng);
  const height = p.y(box.maxLat);
  if (!(width > 0 && height > 0)) return 0;
  const cell = Math.max(2, Math.sqrt((width * height) / MAX_CELLS));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const lngOf = (x: number) => box.minLng + (x / width) * (box.maxLng - box.minLng);
  const latOf = (y: number) => box.minLat + (y / height) * (box.maxLat - box.minLat);
  type XY = readonly [number, number];
  const pts: XY[] = track.map((t) => [p.x(t.lng), p.y(t.lat)] as const);
  const segments: (readonly [XY, XY])[] = pts.length === 1 ? [[pts[0] as XY, pts[0] as XY]] : pts.slice(1).map((b, i) => [pts[i] as XY, b] as const);
  const near = new Uint8Array(cols * rows);
  const r2 = bufferMeters * bufferMeters;
  // Only the cells in each segment's widened box are tested against it.
  for (const [a, b] of segments) {
    const c0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - bufferMeters) / cell));
    const c1 = Math.min(cols - 1, Math.floor((Math.max(a[0], b[0]) + bufferMeters) / cell));
    const r0 = Math.max(0, Math.floor((Math.min(a[1], b[1]) - bufferMeters) / cell));
    const r1 = Math.min(rows - 1, Math.floor((Math.max(a[1], b[1]) + bufferMeters) / cell));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const i = r * cols + c;
        if (near[i]) continue;
        if (segmentDistanceSq((c + 0.5) * cell, (r + 0.5) * cell, a[0], a[1], b[0], b[1]) <= r2) near[i] = 1;
      }
    }
  }
  let inside = 0;
  let covered = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!containsPoint(geometry, lngOf((c + 0.5) * cell), latOf((r + 0.5) * cell))) continue;
      inside++;
      if (near[r * cols + c]) covered++;
    }
  }
  return inside === 0 ? 0 : covered / inside;
}
