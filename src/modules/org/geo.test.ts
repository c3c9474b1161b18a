import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bboxOf, containsPoint, GridIndex, validateGridGeometry, type GridGeometry, type IndexedGrid, type Position } from './geo.ts';
import { splitRect } from './demo.ts';

const ring = (...points: Position[]) => points;
const square = (lng: number, lat: number, size: number): GridGeometry => ({
  type: 'Polygon',
  coordinates: [ring([lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat])],
});

describe('validateGridGeometry', () => {
  it.each([
    ['a closed polygon', square(116.3, 39.9, 0.01), true],
    ['a multipolygon', { type: 'MultiPolygon', coordinates: [square(116.3, 39.9, 0.01).coordinates, square(116.4, 39.9, 0.01).coordinates] }, true],
  ])('accepts %s', (_name, geometry, ok) => {
    expect(validateGridGeometry(geometry).ok).toBe(ok);
  });

  it.each([
    ['no geometry', null, 'not_an_object'],
    ['a point', { type: 'Point', coordinates: [116.3, 39.9] }, 'unsupported_type'],
    ['an open ring', { type: 'Polygon', coordinates: [ring([116.3, 39.9], [116.31, 39.9], [116.31, 39.91], [116.3, 39.91])] }, 'ring_not_closed'],
    ['a ring of three points', { type: 'Polygon', coordinates: [ring([116.3, 39.9], [116.31, 39.9], [116.3, 39.9])] }, 'ring_too_short'],
    ['swapped coordinates', { type: 'Polygon', coordinates: [ring([39.9, 116.3], [39.91, 116.3], [39.91, 116.31], [39.9, 116.3])] }, 'not_wgs84'],
    ['projected metres', square(12_950_000, 4_850_000, 100), 'not_wgs84'],
    ['a place outside China', square(2.35, 48.85, 0.01), 'outside_china'],
    ['text coordinates', { type: 'Polygon', coordinates: [[['116.3', '39.9']]] }, 'bad_position'],
    ['a flat ring', { type: 'Polygon', coordinates: [ring([116.3, 39.9], [116.31, 39.9], [116.32, 39.9], [116.3, 39.9])] }, 'zero_area'],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, 'no_rings'],
  ])('rejects %s', (_name, geometry, problem) => {
    expect(validateGridGeometry(geometry)).toEqual({ ok: false, problem });
  });

  it('drops altitude', () => {
    const result = validateGridGeometry({ type: 'Polygon', coordinates: [[[116.3, 39.9, 50], [116.31, 39.9, 50], [116.31, 39.91, 50], [116.3, 39.9, 50]]] });
    expect(result.ok && result.geometry.coordinates[0]?.[0]).toEqual([116.3, 39.9]);
  });
});

describe('GridIndex', () => {
  const tiles = splitRect({ minLng: 116.2, minLat: 39.85, maxLng: 116.45, maxLat: 40.05 }, Array.from({ length: 700 }, () => 1));
  const grids: IndexedGrid[] = tiles.map((t, i) => {
    const geometry: GridGeometry = {
      type: 'Polygon',
      coordinates: [[[t.minLng, t.minLat], [t.maxLng, t.minLat], [t.maxLng, t.maxLat], [t.minLng, t.maxLat], [t.minLng, t.minLat]]],
    };
    return { code: `G${String(i).padStart(4, '0')}`, geometry, bbox: bboxOf(geometry) };
  });
  const index = new GridIndex(grids);

  it('agrees with a linear scan for any point', () => {
    fc.assert(
      fc.property(fc.double({ min: 116.1, max: 116.5, noNaN: true }), fc.double({ min: 39.8, max: 40.1, noNaN: true }), (lng, lat) => {
        const linear = grids.filter((g) => containsPoint(g.geometry, lng, lat)).map((g) => g.code).sort()[0];
        expect(index.findGridAt(lng, lat)).toBe(linear);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds nothing outside every grid and in an empty index', () => {
    expect(index.findGridAt(100, 30)).toBeUndefined();
    expect(new GridIndex([]).findGridAt(116.3, 39.9)).toBeUndefined();
  });

  it('respects holes', () => {
    const outer = ring([116, 39], [117, 39], [117, 40], [116, 40], [116, 39]);
    const hole = ring([116.4, 39.4], [116.4, 39.6], [116.6, 39.6], [116.6, 39.4], [116.4, 39.4]);
    const donut: GridGeometry = { type: 'Polygon', coordinates: [outer, hole] };
    const holed = new GridIndex([{ code: 'D', geometry: donut, bbox: bboxOf(donut) }]);
    expect(holed.findGridAt(116.2, 39.2)).toBe('D');
    expect(holed.findGridAt(116.5, 39.5)).toBeUndefined();
  });
});

describe('splitRect', () => {
  it('tiles the rectangle exactly, in proportion to the weights', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 40 }), (weights) => {
        const rect = { minLng: 116, minLat: 39, maxLng: 117, maxLat: 40 };
        const parts = splitRect(rect, weights);
        expect(parts).toHaveLength(weights.length);
        const area = (r: typeof rect) => (r.maxLng - r.minLng) * (r.maxLat - r.minLat);
        const total = weights.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => expect(area(p)).toBeCloseTo((area(rect) * (weights[i] as number)) / total, 9));
      }),
    );
  });
});
