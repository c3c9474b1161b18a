import { Flex, Input, Select } from 'antd';
import { useT } from '../../../platform/i18n/index.tsx';
import type { ListPage } from '../../../platform/use-list-page.tsx';
import { practiceSources, practiceThemes, type PracticeFacets, type PracticeFilter, type PracticeSource, type PracticeTheme } from '../api.ts';

const isSource = (v: string | null): v is PracticeSource => (practiceSources as readonly (string | null)[]).includes(v);
const isTheme = (v: string | null): v is PracticeTheme => (practiceThemes as readonly (string | null)[]).includes(v);

/** The filter the URL holds (unknown values are dropped, so a stale link still lists something). */
export function filterOf(params: URLSearchParams): PracticeFilter {
  const year = Number(params.get('year'));
  const source = params.get('source');
  const theme = params.get('theme');
  const division = params.get('division');
  const q = params.get('q')?.trim();
  return {
    ...(Number.isInteger(year) && year >= 2000 ? { year } : {}),
    ...(isSource(source) ? { source } : {}),
    ...(isTheme(theme) ? { theme } : {}),
    ...(division && /^\d{6}$/.test(division) ? { division } : {}),
    ...(q ? { q } : {}),
  };
}

type FilterParam = 'year' | 'source' | 'theme' | 'division';
const filterSelects: { param: FilterParam; width: number }[] = [
  { param: 'year', width: 130 },
  { param: 'source', width: 210 },
  { param: 'theme', width: 170 },
  { param: 'division', width: 160 },
];

/** Search, year, source, theme and province, with the counts of the current filter. */
export function PracticeFilters({ list, facets }: { list: ListPage<PracticeFilter, unknown>; facets: PracticeFacets | undefined }) {
  const t = useT();
  const f = list.filters;
  const counted = (key: string, rows: PracticeFacets['years'] | undefined) => rows?.find((r) => r.key === key)?.count;
  const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${count})`);
  // Every option shows how many practices of the current filter it holds.
  const optionsOf = (param: FilterParam): { value: string; label: string }[] => {
    if (param === 'year') return (facets?.years ?? []).map((y) => ({ value: y.key, label: withCount(t('practices.yearOption', { year: y.key }), y.count) }));
    if (param === 'source') return practiceSources.map((s) => ({ value: s, label: withCount(t(`practices.source.${s}`), counted(s, facets?.sources)) }));
    if (param === 'theme') return practiceThemes.map((s) => ({ value: s, label: withCount(t(`practices.theme.${s}`), counted(s, facets?.themes)) }));
    return (facets?.provinces ?? []).filter((p) => p.key).map((p) => ({ value: p.key, label: withCount(p.label ?? p.key, p.count) }));
  };
  return (
    <Flex gap={8} wrap data-testid="practice-filters">
      <Input.Search
        allowClear
        defaultValue={f.q}
        placeholder={t('practices.search')}
        onSearch={(q) => list.update({ q: q.trim() || undefined })}
        style={{ width: 240 }}
        data-testid="practice-search"
      />
      {filterSelects.map(({ param, width }) => (
        <Select<string>
          key={param}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t(`practices.${param === 'division' ? 'province' : param}`)}
          value={list.params.get(param) ?? undefined}
          onChange={(value) => list.update({ [param]: value })}
          options={optionsOf(param)}
          style={{ width }}
          data-testid={`practice-${param === 'division' ? 'province' : param}`}
        />
      ))}
    </Flex>
  );
}
