import { EnvironmentOutlined, LinkOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { orgApi, type Grid } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { GridKindTag } from '../components/org-labels.tsx';
import { UnderFilter } from '../components/org-node-select.tsx';
import { RosterTable } from '../components/roster-table.tsx';
import { invalidate } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { gridKinds, isGridKind, type GridKind } from '../api.ts';
import { EnumFilter, FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** 网格名册: every grid in the user's area, filtered and paged, with each grid's team. */
export function GridRosterPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListPage({
    queryKey: ['org', 'grids'],
    filters: (params) => {
      const kind = params.get('kind') ?? '';
      return { under: params.get('under') ?? undefined, kind: isGridKind(kind) ? kind : undefined, q: params.get('q') || undefined };
    },
    load: (filters, paging, signal) => orgApi.grids({ ...filters, ...paging }, signal),
  });
  const [open, setOpen] = useState<Grid | null>(null);

  return (
    <Card title={<><TeamOutlined /> {t('menu.roster')}</>}>
      <FilterBar>
        <UnderFilter list={list} levels={['district', 'street', 'community']} placeholder={t('roster.underPlaceholder')} width={240} testId="roster-under" />
        <EnumFilter list={list} param="kind" values={gridKinds} placeholder={t('roster.kind')} label={(k) => t(`gridKind.${k}`)} width={160} />
        <ListSearch list={list} placeholder={t('roster.search')} style={{ width: 260 }} data-testid="roster-search" />
      </FilterBar>
      <ListTable<Grid>
        list={list}
        rowKey="code"
        data-testid="roster-table"
        columns={[
          { title: t('map.gridCode'), dataIndex: 'code', width: 160, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('map.gridName'), dataIndex: 'name' },
          { title: t('map.gridKind'), dataIndex: 'kind', width: 130, render: (value: GridKind) => <GridKindTag kind={value} /> },
          { title: t('map.community'), dataIndex: 'communityName' },
          { title: t('roster.staffCount'), dataIndex: 'staffCount', width: 90, align: 'right' },
          { title: t('roster.updatedAt'), dataIndex: 'updatedAt', width: 180, render: (value: string) => <DateTime value={value} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 230,
            render: (_: unknown, grid) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => setOpen(grid)}>
                  {t('roster.open')}
                </Button>
                <Link to={`/console/map?node=${grid.communityCode}`}>
                  <Button type="link" size="small" icon={<EnvironmentOutlined />}>
                    {t('org.viewMap')}
                  </Button>
                </Link>
                <Button type="link" size="small" icon={<LinkOutlined />} href={`/portal?grid=${encodeURIComponent(grid.code)}`} target="_blank" title={t('common.openInNewTab')}>
                  {t('roster.publicPage')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        title={open ? t('roster.drawerTitle', { name: open.name }) : ''}
        open={open !== null}
        onClose={() => {
          setOpen(null);
          void invalidate(['org', 'grids']);
        }}
        size={560}
        destroyOnHidden
      >
        {open && (
          <>
            <Typography.Paragraph type="secondary">
              {open.communityName} · <GridKindTag kind={open.kind} /> · {open.code}
            </Typography.Paragraph>
            <RosterTable gridCode={open.code} editable={can('grid.roster.write')} />
          </>
        )}
      </Drawer>
    </Card>
  );
}
