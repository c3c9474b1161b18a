import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import type { Grant } from '../../../platform/session-api.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { orgApi } from '../api.ts';
import { DutyTag, GridKindTag } from './org-labels.tsx';

/** The org part of /m's home: the grids I serve and who serves them with me. */
export function MyGrids() {
  const t = useT();
  const { me } = useAuth();
  if (!me) return null;
  const gridGrants = me.grants.filter((g) => g.role === 'grid_worker');
  return (
    <>
      <Typography.Text type="secondary" strong>
        {t('m.myGrids')}
      </Typography.Text>
      {gridGrants.length === 0 ? (
        <Card style={{ marginTop: 8 }}>
          <Empty description={t('m.noGrids')} />
        </Card>
      ) : (
        gridGrants.map((grant) => <MyGridCard key={grant.id} grant={grant} myId={me.id} />)
      )}
    </>
  );
}

function MyGridCard({ grant, myId }: { grant: Grant; myId: string }) {
  const t = useT();
  const grid = useApiQuery(['org', 'grid', grant.orgCode], (signal) => orgApi.grid(grant.orgCode, signal));
  const staff = useApiQuery(['org', 'gridStaff', grant.orgCode], (signal) => orgApi.gridStaff(grant.orgCode, signal));
  return (
    <Card
      size="small"
      style={{ marginTop: 8 }}
      data-testid="mobile-grid"
      title={
        <Flex align="center" gap={6}>
          <EnvironmentOutlined style={{ color: '#1a4f9c' }} />
          <span style={{ whiteSpace: 'normal' }}>{grant.orgName}</span>
        </Flex>
      }
      extra={grid.data && <GridKindTag kind={grid.data.kind} />}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('map.gridCode')}：{grant.orgCode}
      </Typography.Text>
      {staff.error ? (
        <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} style={{ marginTop: 8 }} />
      ) : staff.isFetching && !staff.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <List
          size="small"
          dataSource={staff.data ?? []}
          locale={{ emptyText: t('roster.empty') }}
          renderItem={(member) => (
            <List.Item
              actions={
                member.phone
                  ? [
                      <Button key="call" type="link" size="small" href={`tel:${member.phone}`} icon={<PhoneOutlined />}>
                        {t('m.call')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={2}>
                <Flex align="center" gap={6}>
                  <Typography.Text strong>{member.name}</Typography.Text>
                  {member.userId === myId && <Tag color="gold">{t('roster.me')}</Tag>}
                </Flex>
                <Flex align="center" gap={6}>
                  <DutyTag duty={member.duty} />
                  {member.phone && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {member.phone}
                    </Typography.Text>
                  )}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
