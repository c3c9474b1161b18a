// 好差评 board: satisfaction per centre or item (the public statistics, within an area), and
// the ratings themselves filtered by period, centre, item and level, exported as a ledger.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ratingLevels } from '#server/modules/services/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { DateRangeFilter, EnumFilter, FilterBar } from '../../../platform/components/list-filters.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { OrgNodeSelect, UnderFilter, useScopeNodes } from '../../org/index.ts';
import { centreApi, type Rating, type RatingStats } from '../centre-api.ts';
import { ItemFilter } from '../components/item-filter.tsx';
import { RatingLevelTag } from '../components/rating-level-tag.tsx';

const levelValues = ratingLevels.map(String) as ['5', '4', '3', '2', '1'];
const filterParams = ['under', 'bad', 'centre', 'item', 'level', 'from', 'to'] as const;

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export function RatingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const scope = useScopeNodes();
  const [by, setBy] = useState<'centre' | 'item'>('centre');
  const list = useListPage({
    queryKey: ['services', 'ratings'],
    filters: (params) => Object.fromEntries(filterParams.map((p) => [p, params.get(p) ?? undefined])),
    load: (filters, paging, signal) => centreApi.ratings({ ...filters, ...paging }, signal),
  });
  const under = list.filters.under;
  const stats = useApiQuery(['services', 'rating-stats', by, under], (signal) => centreApi.ratingStats({ by, under }, signal));
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.ratings.title')}
      </Typography.Title>
      <FilterBar>
        <UnderFilter list={list} placeholder={t('services.centre.under')} width={200} />
        <OrgNodeSelect
          value={list.params.get('centre') ?? undefined}
          onChange={(code) => list.update({ centre: code })}
          levels={['community', 'street', 'district']}
          suggestions={scope.data?.suggestions}
          placeholder={t('services.ratings.centreFilter')}
          allowClear
          style={{ width: 200 }}
        />
        <ItemFilter list={list} placeholder={t('services.ratings.item')} width={220} />
        <EnumFilter list={list} param="level" values={levelValues} placeholder={t('services.ratings.levelFilter')} label={(l) => t(`services.rating.level.${Number(l) as 1 | 2 | 3 | 4 | 5}`)} width={140} />
        <DateRangeFilter list={list} fromParam="from" toParam="to" label={t('services.ratings.period')} width={150} />
        <Space>
          <Switch checked={list.params.get('bad') === 'true'} onChange={(on) => list.update({ bad: on ? 'true' : undefined })} aria-label={t('services.ratings.onlyBad')} />
          <span>{t('services.ratings.onlyBad')}</span>
        </Space>
        {can('services.export') && (
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(centreApi.ratingsExportUrl(list.filters))} data-testid="ratings-export">
            {t('services.ratings.export')}
          </Button>
        )}
      </FilterBar>
      <Card
        title={t('services.ratings.board')}
        extra={<Segmented value={by} onChange={(v) => setBy(v as 'centre' | 'item')} options={[{ value: 'centre', label: t('services.ratings.byCentre') }, { value: 'item', label: t('services.ratings.byItem') }]} />}
      >
        <Table<RatingStats['rows'][number]>
          data-testid="ratings-board"
          size="small"
          rowKey="code"
          loading={stats.isLoading}
          dataSource={stats.data?.rows ?? []}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: stats.error ? stats.error.message : t('services.ratings.empty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'rank', title: '#', width: 48, render: (_, _r, i) => i + 1 },
            { key: 'name', title: t('services.ratings.name'), dataIndex: 'name' },
            { key: 'total', title: t('services.ratings.total'), dataIndex: 'total', align: 'right' },
            { key: 'satisfaction', title: t('services.ratings.satisfaction'), align: 'right', render: (_, r) => percent(r.satisfaction) },
            { key: 'bad', title: t('services.ratings.bad'), dataIndex: 'bad', align: 'right' },
            { key: 'calledBack', title: t('services.ratings.calledBack'), align: 'right', render: (_, r) => `${r.calledBack} / ${r.bad}` },
            { key: 'rectified', title: t('services.ratings.rectified'), dataIndex: 'rectified', align: 'right' },
          ]}
        />
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('services.ratings.list')}
      </Typography.Title>
      <ListTable<Rating>
        list={list}
        data-testid="ratings-table"
        emptyText={t('services.ratings.empty')}
        columns={[
          { key: 'at', title: t('services.ratings.at'), render: (_, r) => <DateTime value={r.createdAt} /> },
          { key: 'subject', title: t('services.ratings.subject'), render: (_, r) => <Flex vertical><span>{r.subjectNumber}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.itemName}</Typography.Text></Flex> },
          { key: 'centre', title: t('services.ratings.centre'), dataIndex: 'centreName' },
          { key: 'level', title: t('services.ratings.level'), render: (_, r) => <Space wrap><RatingLevelTag level={r.level} />{r.voided && <Typography.Text delete type="secondary">{t('services.ratings.voided')}</Typography.Text>}</Space> },
          { key: 'channel', title: '', render: (_, r) => t(`services.rating.channel.${r.channel}`) },
          { key: 'comment', title: t('services.ratings.comment'), dataIndex: 'comment', ellipsis: true },
          {
            key: 'rectification',
            title: t('services.ratings.rectification'),
            render: (_, r) => (r.rectificationId ? <Link to={`/console/services/rectifications?number=${encodeURIComponent(r.subjectNumber)}`}>{t('services.ratings.openRectification')}</Link> : null),
          },
        ]}
      />
    </Flex>
  );
}
