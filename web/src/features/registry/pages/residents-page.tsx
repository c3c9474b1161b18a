import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { genders, registryApi, residenceTypes, residentStatuses, type Gender, type ResidenceType, type ResidentQuery, type ResidentStatus } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { AreaFilter, areaCode } from '../components/area-filter.tsx';
import { downloadFile, keyGroupLabel } from '../components/labels.tsx';
import { ResidentTable } from '../components/resident-table.tsx';
import { useRequest } from '../../../platform/use-request.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** 居民查询: one box for name (汉字, pinyin, initials such as zsf), whole ID or phone number, or address; paged; exportable. */
export function RegistryResidentsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const under = params.get('under') ?? undefined;
  const grid = params.get('grid') ?? undefined;
  const keyGroup = params.get('keyGroup') ?? undefined;
  const residenceType = oneOf<ResidenceType>(residenceTypes, params.get('residenceType'));
  const gender = oneOf<Gender>(genders, params.get('gender'));
  const status = oneOf<ResidentStatus | 'any'>([...residentStatuses, 'any'], params.get('status'));
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const [search, setSearch] = useState(q);

  const query: ResidentQuery = { q: q || undefined, under: areaCode({ under, grid }), keyGroup, residenceType, gender, status };
  const residents = useRequest(
    (signal) => registryApi.residents({ ...query, page, pageSize }, signal),
    [q, under, grid, keyGroup, residenceType, gender, status, page, pageSize],
  );
  const kinds = useRequest((signal) => registryApi.keyGroupKinds(signal), []);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

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
          loading={kinds.loading}
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
      {residents.error && <ErrorAlert error={residents.error} onRetry={residents.reload} style={{ marginBottom: 16 }} />}
      <ResidentTable
        residents={residents.data?.items ?? []}
        loading={residents.loading}
        showAddress
        showRelation
        testId="residents-table"
        pagination={{
          current: page,
          pageSize,
          total: residents.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => update({ page: String(nextPage), pageSize: String(nextSize) }),
        }}
      />
    </Card>
  );
}
