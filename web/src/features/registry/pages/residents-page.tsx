import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { genders, registryApi, residenceTypes, residentStatuses, type Gender, type ResidenceType, type ResidentQuery, type ResidentStatus } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { AreaFilter, areaCode } from '../components/area-filter.tsx';
import { downloadFile, keyGroupLabel } from '../components/labels.tsx';
import { ResidentTable } from '../components/resident-table.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function residentQuery({ q, under, grid, ...rest }: Omit<ResidentQuery, 'q' | 'under'> & { q: string; under?: string; grid?: string }): ResidentQuery {
  return { q: q || undefined, under: areaCode({ under, grid }), ...rest };
}

/** 居民查询: one box for name (汉字, pinyin, initials such as zsf), whole ID or phone number, or address; paged; exportable. */
export function RegistryResidentsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListPage({
    queryKey: ['registry', 'residents'],
    filters: (params) => ({
      q: params.get('q') ?? '',
      under: params.get('under') ?? undefined,
      grid: params.get('grid') ?? undefined,
      keyGroup: params.get('keyGroup') ?? undefined,
      residenceType: oneOf<ResidenceType>(residenceTypes, params.get('residenceType')),
      gender: oneOf<Gender>(genders, params.get('gender')),
      status: oneOf<ResidentStatus | 'any'>([...residentStatuses, 'any'], params.get('status')),
    }),
    load: (filters, paging, signal) => registryApi.residents({ ...residentQuery(filters), ...paging }, signal),
  });
  const { q, under, grid, keyGroup, residenceType, gender, status } = list.filters;
  const [search, setSearch] = useState(q);
  const query = residentQuery(list.filters);
  const kinds = useApiQuery(['registry', 'keyGroupKinds'], (signal) => registryApi.keyGroupKinds(signal));

  const update = list.update;

  return (
    <Card
      title={<><SearchOutlined /> {t('registry.search.title')}</>}
      extra={
        can('registry.export') && (
          <Tooltip title={t('registry.exportHint')}>
            <Button icon={<DownloadOutlined />} onClick={() => downloadFile(registryApi.residentsExportUrl(query))} data-testid="residents-export">
              {t('registry.export')}
            </Button>
          </Tooltip>
        )
      }
    >
      <Input.Search
        size="large"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        allowClear
        maxLength={50}
        placeholder={t('registry.search.placeholder')}
        enterButton={<><SearchOutlined /> {t('common.search')}</>}
        style={{ maxWidth: 720 }}
        data-testid="residents-search"
      />
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 12px', fontSize: 13 }}>
        {t('registry.search.hint')}
      </Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <AreaFilter value={{ under, grid }} onChange={(next) => update({ under: next.under, grid: next.grid })} testId="residents-area" />
        <Select<string>
          value={keyGroup}
          onChange={(value) => update({ keyGroup: value })}
          allowClear
          placeholder={t('registry.search.keyGroup')}
          style={{ width: 180 }}
          loading={kinds.isFetching}
          options={(kinds.data ?? []).map((k) => ({ value: k.code, label: keyGroupLabel(t, k.code, k.name) }))}
        />
        <Select<ResidenceType>
          value={residenceType}
          onChange={(value) => update({ residenceType: value })}
          allowClear
          placeholder={t('registry.residenceType')}
          style={{ width: 130 }}
          options={residenceTypes.map((v) => ({ value: v, label: t(`registry.residenceType.${v}`) }))}
        />
        <Select<Gender>
          value={gender}
          onChange={(value) => update({ gender: value })}
          allowClear
          placeholder={t('registry.gender')}
          style={{ width: 100 }}
          options={genders.map((v) => ({ value: v, label: t(`registry.gender.${v}`) }))}
        />
        <Select<ResidentStatus | 'any'>
          value={status}
          onChange={(value) => update({ status: value })}
          allowClear
          placeholder={t('registry.search.status')}
          style={{ width: 130 }}
          options={[
            ...residentStatuses.map((v) => ({ value: v, label: t(`registry.status.${v}`) })),
            { value: 'any' as const, label: t('registry.search.anyStatus') },
          ]}
        />
      </Flex>
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
