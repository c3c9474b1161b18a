import { SearchOutlined } from '@ant-design/icons';
import { Card, Select, Typography } from 'antd';
import { genders, registryApi, residenceTypes, residentStatusFilters } from '../api.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { AreaFilter, areaCode } from '../components/area-filter.tsx';
import { keyGroupLabel } from '../components/labels.tsx';
import { ResidentTable } from '../components/resident-table.tsx';
import { RegistryExportButton } from '../components/export-button.tsx';
import { EnumFilter, FilterBar, ListSearch, pick } from '../../../platform/components/list-filters.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useState } from 'react';

// A whole or partial ID or phone number: digits (spaces, dashes, a leading + or a final X allowed).
const looksLikeIdentifier = (term: string) => /^\+?[\d\s-]+[xX]?$/.test(term.trim());

/** 居民查询: one box for name (汉字, pinyin, initials such as zsf), whole ID or phone number, or address; paged; exportable. */
export function RegistryResidentsPage() {
  const { t } = useI18n();
  // An ID or phone number typed in the box is kept in the page, never in its URL (URLs reach
  // access logs and the browser's history); other searches stay in the URL, bookmarkable.
  const [identifier, setIdentifier] = useState<string | undefined>(undefined);
  const list = useListPage({
    queryKey: ['registry', 'residents'],
    filters: (params) => ({
      q: identifier ?? (params.get('q') || undefined),
      under: areaCode(params),
      keyGroup: params.get('keyGroup') ?? undefined,
      residenceType: pick(params.get('residenceType'), residenceTypes),
      gender: pick(params.get('gender'), genders),
      status: pick(params.get('status'), residentStatusFilters),
    }),
    load: (filters, paging, signal) => registryApi.residents({ ...filters, ...paging }, signal),
  });
  const { keyGroup } = list.filters;
  const kinds = useApiQuery(['registry', 'keyGroupKinds'], (signal) => registryApi.keyGroupKinds(signal));
  const update = list.update;
  const searchBox = {
    params: identifier ? new URLSearchParams({ ...Object.fromEntries(list.params), q: identifier }) : list.params,
    update: (changes: Record<string, string | undefined>) => {
      const q = changes.q;
      setIdentifier(q && looksLikeIdentifier(q) ? q : undefined);
      update(q && looksLikeIdentifier(q) ? { ...changes, q: undefined } : changes);
    },
  };

  return (
    <Card
      title={<><SearchOutlined /> {t('registry.search.title')}</>}
      // An export link is a URL: not offered for a search by ID or phone number.
      extra={identifier ? null : <RegistryExportButton url={() => registryApi.residentsExportUrl(list.filters)} testId="residents-export" />}
    >
      <ListSearch
        list={searchBox}
        size="large"
        maxLength={50}
        placeholder={t('registry.search.placeholder')}
        enterButton={<><SearchOutlined /> {t('common.search')}</>}
        style={{ maxWidth: 720 }}
        data-testid="residents-search"
      />
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 12px', fontSize: 13 }}>
        {t('registry.search.hint')}
      </Typography.Paragraph>
      <FilterBar>
        <AreaFilter list={list} testId="residents-area" />
        <Select<string>
          value={keyGroup}
          onChange={(value) => update({ keyGroup: value })}
          allowClear
          placeholder={t('registry.search.keyGroup')}
          style={{ width: 180 }}
          loading={kinds.isFetching}
          options={(kinds.data ?? []).map((k) => ({ value: k.code, label: keyGroupLabel(t, k.code, k.name) }))}
        />
        <EnumFilter list={list} param="residenceType" values={residenceTypes} placeholder={t('registry.residenceType')} label={(v) => t(`registry.residenceType.${v}`)} width={130} />
        <EnumFilter list={list} param="gender" values={genders} placeholder={t('registry.gender')} label={(v) => t(`registry.gender.${v}`)} width={100} />
        <EnumFilter
          list={list}
          param="status"
          values={residentStatusFilters}
          placeholder={t('registry.search.status')}
          label={(v) => (v === 'any' ? t('registry.search.anyStatus') : t(`registry.status.${v}`))}
          width={130}
        />
      </FilterBar>
      {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} style={{ marginBottom: 16 }} />}
      <ResidentTable
        residents={list.rows}
        loading={list.loading}
        showAddress
        showRelation
        testId="residents-table"
        pagination={list.pagination}
        emptyText={list.emptyText(t('registry.search.empty'))}
      />
    </Card>
  );
}
