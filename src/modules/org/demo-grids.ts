import type { GridKind } from './contract.ts';
import type { GridGeometry, Position } from './geo.ts';
import { districtOutlines } from './district-outlines.ts';
import { geometryOf, shapeOf, splitShape } from './geo-cut.ts';
import type { GridSeed } from './seed.ts';

// The demo's grid polygons: the district's outline (its real one where shipped, else a
// rectangle near its provincial capital) cut into streets, the streets into communities,
// the communities into grids. Deterministic for a given district.

// Provincial capitals (approximate), to place a district when no better position is known.
const capitals: Record<string, Position> = {
  '11': [116.4, 39.9], '12': [117.2, 39.1], '13': [114.5, 38.0], '14': [112.55, 37.87], '15': [111.67, 40.82],
  '21': [123.43, 41.8], '22': [125.32, 43.9], '23': [126.63, 45.75], '31': [121.47, 31.23], '32': [118.78, 32.06],
  '33': [120.15, 30.28], '34': [117.27, 31.86], '35': [119.3, 26.08], '36': [115.89, 28.68], '37': [117.0, 36.65],
  '41': [113.65, 34.76], '42': [114.31, 30.59], '43': [112.94, 28.23], '44': [113.26, 23.13], '45': [108.32, 22.82],
  '46': [110.35, 20.02], '50': [106.55, 29.56], '51': [104.07, 30.67], '52': [106.71, 26.57], '53': [102.71, 25.04],
  '54': [91.13, 29.65], '61': [108.95, 34.27], '62': [103.82, 36.06], '63': [101.78, 36.62], '64': [106.27, 38.47],
  '65': [87.62, 43.82],
};

export function hashCode(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

function offsetFrom(capital: Position, code: string): Position {
  const h = hashCode(code);
  return [capital[0] + ((h % 1000) / 1000 - 0.5) * 1.2, capital[1] + (((h >>> 10) % 1000) / 1000 - 0.5) * 0.8];
}

/** The outline the demo cuts: the district's real one where shipped, else a rectangle sized to its communities. */
export function demoDistrictOutline(districtCode: string, communityCount: number): GridGeometry {
  const known = districtOutlines[districtCode];
  if (known) return known.geometry;
  const [lng, lat] = offsetFrom(capitals[districtCode.slice(0, 2)] ?? [116.4, 39.9], districtCode);
  const side = 0.012 * Math.sqrt(Math.max(communityCount, 1));
  const [w, s, e, n] = [lng - side / 2, lat - side / 2.6, lng + side / 2, lat + side / 2.6].map((v) => Math.round(v * 1e6) / 1e6) as [number, number, number, number];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

export interface DemoUnit {
  code: string;
  name: string;
  parentCode: string | null;
  orgPath: string;
}

const labels: Record<GridKind, string> = { community: '社区网格', key_unit: '重点单位网格', road: '道路网格' };

/** The grid kinds of a community: one community grid, sometimes a second, a key-unit grid or a road grid. */
function kindsOf(communityCode: string): GridKind[] {
  const h = hashCode(communityCode);
  return ['community', ...(h % 3 === 0 ? (['community'] as GridKind[]) : []), ...(h % 5 === 0 ? (['key_unit'] as GridKind[]) : []), ...(h % 7 === 0 ? (['road'] as GridKind[]) : [])];
}

/** The demo grids of a district: streets get areas in proportion to their communities, communities equal shares of their street. */
export function demoGridLayout(outline: GridGeometry, streets: readonly DemoUnit[], communities: readonly DemoUnit[]): GridSeed[] {
  const byStreet = streets.map((s) => communities.filter((c) => c.parentCode === s.code)).filter((list) => list.length > 0);
  const streetShapes = splitShape(shapeOf(outline), byStreet.map((list) => list.length));
  const rows: GridSeed[] = [];
  byStreet.forEach((list, i) => {
    splitShape(streetShapes[i] ?? [], list.map(() => 1)).forEach((communityShape, j) => {
      const community = list[j] as DemoUnit;
      const kinds = kindsOf(community.code);
      splitShape(communityShape, kinds.map(() => 1)).forEach((cell, k) => {
        const code = `${community.code}${String(k + 1).padStart(2, '0')}`;
        const kind = kinds[k] as GridKind;
        rows.push({ code, communityCode: community.code, name: `${community.name}第${k + 1}${labels[kind]}`, kind, orgPath: `${community.orgPath}.${code}`, geometry: geometryOf(cell) });
      });
    });
  });
  return rows;
}
