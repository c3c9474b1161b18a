import { Select } from 'antd';
import { orgApi, OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import type { ListParams } from '../../../platform/components/list-filters.tsx';

interface AreaValue {
  /** A street or community code. */
  under?: string;
  /** A grid of that community. */
  grid?: string;
}

/** The area a registry list is filtered by, kept in its `under` and `grid` search params. */
function areaOf(params: URLSearchParams): AreaValue {
  return { under: params.get('under') ?? undefined, grid: params.get('grid') ?? undefined };
}

/** The code a registry list is filtered by: the grid when one is picked, else the street or community. */
export function areaCode(params: URLSearchParams): string | undefined {
  const area = areaOf(params);
  return area.grid ?? area.under;
}

/**
 * Filters a registry list by street or community (the org picker) and then by grid. The grid
 * list is offered once a community is picked, or straight away to staff of a single community.
 */
export function AreaFilter({ list, testId }: { list: Pick<ListParams, 'params' | 'update'>; testId?: string }) {
  const { t } = useI18n();
  const value = areaOf(list.params);
  const onChange = (next: AreaValue) => list.update({ under: next.under, grid: next.grid });
  const scope = useScopeNodes();
  const ownCommunity = scope.data?.roots.length === 1 && scope.data.roots[0]?.level === 'community' ? scope.data.roots[0].code : undefined;
  // Community codes are the 12-digit statistical codes (streets 9, districts 6): only a
  // community's grids are few enough to list.
  const community = value.under ? (value.under.length === 12 ? value.under : undefined) : ownCommunity;
  const grids = useApiQuery(
    ['org', 'grids', community],
    community ? (signal) => orgApi.grids({ under: community, page: 1, pageSize: 100 }, signal) : null,
  );
  const gridOptions = grids.data?.items ?? [];
  return (
    <>
      <OrgNodeSelect
        value={value.under}
        onChange={(code) => onChange({ under: code })}
        levels={['district', 'street', 'community']}
        suggestions={scope.data?.suggestions}
        placeholder={t('registry.underPlaceholder')}
        allowClear
        style={{ width: 220 }}
        testId={testId}
      />
      <Select<string>
        value={value.grid}
        onChange={(grid) => onChange({ under: value.under, grid })}
        allowClear
        disabled={!community}
        loading={grids.isFetching}
        placeholder={t('registry.gridPlaceholder')}
        style={{ width: 220 }}
        options={gridOptions.map((g) => ({ value: g.code, label: g.name }))}
        data-testid={testId ? `${testId}-grid` : undefined}
      />
    </>
  );
}
