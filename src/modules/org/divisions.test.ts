import { describe, expect, it } from 'vitest';
import { divisionKey, loadDivisionSubtree, paddedCode, shortCommunityName } from './divisions.ts';
import { itMapsEach } from '../../../test/table.ts';

describe('divisions', () => {
  itMapsEach('shortens %s to %s', shortCommunityName, [
    ['多福巷社区居委会', '多福巷社区'],
    ['银闸社区居民委员会', '银闸社区'],
    ['西辛力屯村委会', '西辛力屯村'],
    ['某某村民委员会', '某某村'],
    ['中关村社区', '中关村社区'],
  ]);

  itMapsEach('reads %s as the package code %s', divisionKey, [
    ['11', '11'],
    ['110000', '11'],
    ['110100', '1101'],
    ['110108', '110108'],
    ['110108001', '110108001'],
  ]);

  it('pads province and city codes to six digits', () => {
    expect(paddedCode('11')).toBe('110000');
    expect(paddedCode('1101')).toBe('110100');
    expect(paddedCode('110108001')).toBe('110108001');
  });

  it('loads one street with its ancestors first and its real communities', async () => {
    const nodes = await loadDivisionSubtree('110108001');
    expect(nodes.slice(0, 4).map((n) => [n.code, n.level])).toEqual([
      ['110000', 'province'],
      ['110100', 'city'],
      ['110108', 'district'],
      ['110108001', 'street'],
    ]);
    const communities = nodes.filter((n) => n.level === 'community');
    expect(communities.length).toBeGreaterThan(10);
    expect(communities.every((c) => c.parentCode === '110108001' && /^110108001\d{3}$/.test(c.code))).toBe(true);
  });

  it('returns nothing for an unknown code', async () => {
    expect(await loadDivisionSubtree('999999')).toEqual([]);
    expect(await loadDivisionSubtree('110108999')).toEqual([]);
    expect(await loadDivisionSubtree('abc')).toEqual([]);
  });
});
