// Planted tracks over a known grid: distance, coverage, the point filter and the geofence distance.
import { describe, expect, it } from 'vitest';
import type { GridGeometry } from '../org/index.ts';
import { coverageShare, distanceOutsideMeters, filterFixes, haversineMeters, trackLengthMeters, type Fix } from './track.ts';

// 0.01° × 0.01° at Haidian's latitude: about 853 m east–west and 1,112 m north–south.
const grid: GridGeometry = { type: 'Polygon', coordinates: [[[116.28, 39.9], [116.29, 39.9], [116.29, 39.91], [116.28, 39.91], [116.28, 39.9]]] };
const widthM = haversineMeters({ lng: 116.28, lat: 39.905 }, { lng: 116.29, lat: 39.905 });
const heightM = haversineMeters({ lng: 116.285, lat: 39.9 }, { lng: 116.285, lat: 39.91 });
const t0 = new Date('2026-11-30T01:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** A walk due north through the middle of the grid, one fix a minute (about 1.2 m/s). */
const northWalk: Fix[] = Array.from({ length: 11 }, (_, i) => ({ lng: 116.285, lat: 39.9 + i * 0.001, accuracy: 10, recordedAt: at(i * 90) }));

describe('track distance', () => {
  it('measures a degree of latitude as about 111.2 km and the planted walk as the grid height', () => {
    expect(haversineMeters({ lng: 116, lat: 39 }, { lng: 116, lat: 40 })).toBeCloseTo(111_195, -1);
    expect(trackLengthMeters(northWalk)).toBeCloseTo(heightM, 3);
    expect(heightM).toBeGreaterThan(1100);
    expect(heightM).toBeLessThan(1125);
  });
});

describe('coverage', () => {
  it('covers a 60 m strip of a square grid by a straight walk buffered 30 m (to within a lattice cell of ~5 m)', () => {
    const share = coverageShare(grid, northWalk, 30);
    expect(share * widthM).toBeGreaterThan(60 - 5);
    expect(share * widthM).toBeLessThan(60 + 5);
  });

  it('covers the whole grid by a lawnmower walk with lanes 60 m apart, and nothing by a walk elsewhere', () => {
    const lanes: Fix[] = [];
    for (let k = 0; k * 60 < widthM + 60; k++) {
      const lng = 116.28 + Math.min(widthM, 30 + k * 60) / widthM * 0.01;
      lanes.push({ lng, lat: k % 2 ? 39.91 : 39.9, accuracy: 5, recordedAt: at(k * 2) }, { lng, lat: k % 2 ? 39.9 : 39.91, accuracy: 5, recordedAt: at(k * 2 + 1) });
    }
    expect(coverageShare(grid, lanes, 31)).toBeGreaterThan(0.99);
    expect(coverageShare(grid, northWalk.map((f) => ({ ...f, lng: f.lng + 0.02 })), 30)).toBe(0);
    expect(coverageShare(grid, [], 30)).toBe(0);
  });

  it('counts a single point as a 30 m disc', () => {
    const share = coverageShare(grid, [{ lng: 116.285, lat: 39.905 }], 30);
    expect(share * widthM * heightM).toBeGreaterThan(Math.PI * 900 * 0.9);
    expect(share * widthM * heightM).toBeLessThan(Math.PI * 900 * 1.1);
  });
});

describe('the point filter', () => {
  const rule = { maxAccuracyMeters: 50, maxSpeedMetersPerSecond: 25 };

  it('drops poor accuracy, impossible jumps, and points outside the patrol window, keeping time order', () => {
    const fixes: Fix[] = [
      northWalk[2] as Fix,
      northWalk[0] as Fix,
      { ...(northWalk[1] as Fix), accuracy: 200 },
      // 5 km east one second after the last good fix: 5,000 m/s.
      { lng: 116.345, lat: 39.902, accuracy: 5, recordedAt: new Date((northWalk[2] as Fix).recordedAt.getTime() + 1000) },
      northWalk[3] as Fix,
      { ...(northWalk[4] as Fix), recordedAt: at(-60) },
    ];
    const { kept, dropped } = filterFixes(fixes, rule, { from: t0 });
    expect(kept).toEqual([northWalk[0], northWalk[2], northWalk[3]]);
    expect(dropped).toBe(3);
  });

  it('checks the first new point against the last kept one of an earlier batch', () => {
    const { kept } = filterFixes([{ lng: 116.4, lat: 39.9, accuracy: 5, recordedAt: at(10) }], rule, { from: t0 }, northWalk[0]);
    expect(kept).toEqual([]);
  });

  it('keeps points without a reported accuracy', () => {
    expect(filterFixes([{ ...(northWalk[0] as Fix), accuracy: null }], rule, { from: t0 }).kept).toHaveLength(1);
  });
});

describe('distance from the grid (geofence)', () => {
  it('is 0 inside and on the boundary, and the distance to the nearest edge outside', () => {
    expect(distanceOutsideMeters(grid, 116.285, 39.905)).toBe(0);
    expect(distanceOutsideMeters(grid, 116.29, 39.905)).toBe(0);
    const east = distanceOutsideMeters(grid, 116.291, 39.905);
    expect(east).toBeCloseTo(widthM / 10, 0);
    expect(distanceOutsideMeters(grid, 116.285, 39.8991)).toBeCloseTo(100, -1);
  });
});
