import { describe, expect, it } from 'vitest';
import { bboxOf, containsPoint, GridIndex, pointInside, validateGridGeometry, type GridGeometry, type Position } from './geo.ts';
import { geometryOf, shapeArea, shapeOf, splitShape, type Shape } from './geo-cut.ts';
import { demoDistrictOutline, demoGridLayout, type DemoUnit } from './demo-grids.ts';
import { districtOutlines } from './district-outlines.ts';
import { loadDivisionSubtree } from './divisions.ts';
import type { GridSeed } from './seed.ts';

const ring = (...points: Position[]) => [...points, points[0] as Position];
const areaOf = (g: GridGeometry) => shapeArea(shapeOf(g));

/** Sample points on a lattice over a box, offset so that none falls on a cut line. */
function* lattice(box: { minLng: number; minLat: number; maxLng: number; maxLat: number }, steps: number): Generator<Position> {
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      yield [box.minLng + ((i + 0.5 + Math.SQRT2 / 100) / steps) * (box.maxLng - box.minLng), box.minLat + ((j + 0.5 + Math.PI / 100) / steps) * (box.maxLat - box.minLat)];
    }
  }
}

describe('splitShape', () => {
  // An L: a 3×3 square less its top-right 2×2 (area 5); concave, so some cuts go through the bay.
  const ell: Shape = [ring([0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3])];

  it('gives parts in proportion to the weights that add up to the whole', () => {
    const parts = splitShape(ell, [1, 2, 3, 4]);
    expect(parts).toHaveLength(4);
    parts.forEach((p, i) => expect(shapeArea(p)).toBeCloseTo((5 * (i + 1)) / 10, 5));
  });

  it('never gives an empty part, however many', () => {
    const parts = splitShape(ell, Array.from({ length: 37 }, () => 1));
    for (const p of parts) expect(shapeArea(p)).toBeCloseTo(5 / 37, 5);
  });

  it('keeps the separate pieces of a multipolygon', () => {
    const two: Shape = [ring([0, 0], [1, 0], [1, 1], [0, 1]), ring([5, 0], [6, 0], [6, 1], [5, 1])];
    const [west, east] = splitShape(two, [1, 1]);
    expect(shapeArea(west as Shape)).toBeCloseTo(1, 6);
    expect(geometryOf(east as Shape).type).toBe('Polygon');
  });
});

describe('the demo grids of Haidian (110108)', async () => {
  const divisions = await loadDivisionSubtree('110108');
  const path = new Map<string, string>();
  const units: DemoUnit[] = divisions.map((d) => {
    const orgPath = d.parentCode && path.has(d.parentCode) ? `${path.get(d.parentCode)}.${d.code}` : d.code;
    path.set(d.code, orgPath);
    return { code: d.code, name: d.name, parentCode: d.parentCode, orgPath };
  });
  const streets = units.filter((u) => divisions.find((d) => d.code === u.code)?.level === 'street');
  const communities = units.filter((u) => divisions.find((d) => d.code === u.code)?.level === 'community');
  const outline = demoDistrictOutline('110108', communities.length);
  const grids: GridSeed[] = demoGridLayout(outline, streets, communities);
  const boxed = grids.map((g) => ({ geometry: g.geometry, box: bboxOf(g.geometry) }));
  const index = new GridIndex(grids.map((g) => ({ code: g.code, geometry: g.geometry, bbox: bboxOf(g.geometry) })));

  it('uses the shipped real outline', () => {
    expect(outline).toBe(districtOutlines['110108']?.geometry);
    expect(communities.length).toBeGreaterThan(500);
  });

  it('gives every community a grid, each a valid polygon', () => {
    expect(new Set(grids.map((g) => g.communityCode)).size).toBe(communities.length);
    for (const g of grids) expect(validateGridGeometry(g.geometry), g.code).toMatchObject({ ok: true });
  });

  it('covers the outline exactly: areas add up, every point inside lies in one grid, none outside', () => {
    const total = grids.reduce((sum, g) => sum + areaOf(g.geometry), 0);
    expect(total / areaOf(outline)).toBeCloseTo(1, 6);
    let inside = 0;
    for (const [lng, lat] of lattice(bboxOf(outline), 120)) {
      const holders = boxed.filter(({ box, geometry }) => lng >= box.minLng && lng <= box.maxLng && lat >= box.minLat && lat <= box.maxLat && containsPoint(geometry, lng, lat)).length;
      const inOutline = containsPoint(outline, lng, lat);
      if (inOutline) inside++;
      expect(holders, `${lng},${lat}`).toBe(inOutline ? 1 : 0);
    }
    expect(inside).toBeGreaterThan(3000);
  });

  it('places 中关村 (116.316, 39.983) in exactly one grid, found by the point lookup', () => {
    const code = index.findGridAt(116.316, 39.983);
    expect(code).toBeDefined();
    expect(grids.filter((g) => containsPoint(g.geometry, 116.316, 39.983)).map((g) => g.code)).toEqual([code]);
  });
  it('moves a point drawn in a grid\'s box into the grid, and keeps one already inside', () => {
    let moved = 0;
    for (const { geometry, box } of boxed) {
      for (const [lng, lat] of lattice(box, 6)) {
        const [x, y] = pointInside(geometry, lng, lat);
        expect(containsPoint(geometry, x, y), `${lng},${lat}`).toBe(true);
        if (containsPoint(geometry, lng, lat)) expect([x, y]).toEqual([lng, lat].map((n) => Math.round(n * 1e6) / 1e6));
        else moved++;
      }
    }
    // Edge grids are not rectangles: some points of their boxes lie outside them.
    expect(moved).toBeGreaterThan(0);
  });
});

describe('a district without a shipped outline', () => {
  it('is cut from a rectangle near its provincial capital', () => {
    const outline = demoDistrictOutline('320102', 40);
    const box = bboxOf(outline);
    expect(box.minLng).toBeGreaterThan(118);
    expect(box.maxLng).toBeLessThan(119.5);
    const communities = Array.from({ length: 40 }, (_, i) => ({ code: `3201020010${String(i).padStart(2, '0')}`, name: `社区${i}`, parentCode: '320102001', orgPath: `x.${i}` }));
    const grids = demoGridLayout(outline, [{ code: '320102001', name: '街道', parentCode: '320102', orgPath: 'x' }], communities);
    expect(grids.reduce((sum, g) => sum + areaOf(g.geometry), 0) / areaOf(outline)).toBeCloseTo(1, 6);
  });
});
