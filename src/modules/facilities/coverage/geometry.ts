// Distances on the ground for a district-sized area: great-circle metres, and a local flat
// projection in metres so the R-tree's Euclidean nearest neighbours are the true nearest.
import Flatbush from 'flatbush';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function haversineMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Point {
  lng: number;
  lat: number;
}

/** Equirectangular projection around a latitude: within a district (tens of km) its error is far below a building's size. */
export function localProjection(lat0: number): (p: Point) => [number, number] {
  const kx = EARTH_RADIUS_M * RAD * Math.cos(lat0 * RAD);
  const ky = EARTH_RADIUS_M * RAD;
  return (p) => [p.lng * kx, p.lat * ky];
}

/** Points indexed for nearest-neighbour queries (flatbush over projected metres). */
export class PointIndex<T extends Point> {
  private readonly tree: Flatbush | undefined;
  private readonly project: (p: Point) => [number, number];

  constructor(
    readonly points: readonly T[],
    lat0: number,
  ) {
    this.project = localProjection(lat0);
    if (points.length === 0) return;
    this.tree = new Flatbush(points.length);
    for (const p of points) {
      const [x, y] = this.project(p);
      this.tree.add(x, y, x, y);
    }
    this.tree.finish();
  }

  /** The nearest point to p and its great-circle distance, or undefined when the index is empty. */
  nearest(p: Point): { item: T; index: number; meters: number } | undefined {
    if (!this.tree) return undefined;
    const [x, y] = this.project(p);
    const [index] = this.tree.neighbors(x, y, 1);
    if (index === undefined) return undefined;
    const item = this.points[index]!;
    return { item, index, meters: haversineMeters(p.lng, p.lat, item.lng, item.lat) };
  }

  /** Up to `count` points within `maxMeters` of p (straight line), nearest first. */
  within(p: Point, count: number, maxMeters: number): { item: T; meters: number }[] {
    if (!this.tree) return [];
    const [x, y] = this.project(p);
    return this.tree.neighbors(x, y, count, maxMeters).map((i) => {
      const item = this.points[i]!;
      return { item, meters: haversineMeters(p.lng, p.lat, item.lng, item.lat) };
    });
  }
}

/** The mean latitude of some points (the projection's centre), 0 for none. */
export function meanLat(points: readonly Point[]): number {
  if (points.length === 0) return 0;
  let sum = 0;
  for (const p of points) sum += p.lat;
  return sum / points.length;
}
