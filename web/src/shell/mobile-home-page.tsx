import { DesktopOutlined, EnvironmentOutlined, LogoutOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { orgApi } from '../features/org/index.ts';
import type { Grant } from '../platform/session-api.ts';
import { useAuth } from '../platform/auth.tsx';
import { CaseBell } from '../features/cases/components/bell.tsx';
import { CaseMobileTasks } from '../features/cases/components/mobile-tasks.tsx';
import { ErrorAlert } from '../platform/components/feedback.tsx';
import { DutyTag, GridKindTag } from '../features/org/index.ts';
import { LanguageSwitch } from '../platform/components/language-switch.tsx';
import { RegistryMobileEntry } from '../features/registry/components/mobile-entry.tsx';
import { Logo } from '../platform/components/logo.tsx';
import { useRequest } from '../platform/use-request.ts';
import { useT } from '../platform/i18n/index.tsx';

/** /m: the grid worker's phone view — my grids and who serves them. Tasks come later. */
export function MobilePage() {
  const t = useT();
  const { me, can, logout } = useAuth();
  const navigate = useNavigate();
  if (!me) return null;
  const gridGrants = me.grants.filter((g) => g.role === 'grid_worker');
  const isStaff = me.grants.some((g) => g.role !== 'grid_worker' && g.role !== 'resident');

  return (
    <div className="gz-mobile">
      <header className="gz-mobile-header">
        <Flex align="center" gap={8}>
          <Logo size={26} />
          <span className="gz-mobile-title">{t('app.mobileTitle')}</span>
        </Flex>
        <Flex align="center" gap={4}>
          <CaseBell />
          <LanguageSwitch dark />
          <Button
            type="text"
            icon={<LogoutOutlined />}
            aria-label={t('header.logout')}
            className="gz-header-logout"
            onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
          />
        </Flex>
      </header>
      <main className="gz-mobile-main">
        <Typography.Title level={5} style={{ margin: '4px 0 12px' }}>
          {me.displayName}
        </Typography.Title>
        {can('case.handle') && <CaseMobileTasks />}
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
        <RegistryMobileEntry />
        {!can('registry.read') && <Alert type="info" showIcon title={t('m.later')} style={{ marginTop: 12 }} />}
        {isStaff && can('org.read') && (
          <Link to="/console">
            <Button block icon={<DesktopOutlined />} style={{ marginTop: 12 }}>
              {t('m.toConsole')}
            </Button>
          </Link>
        )}
      </main>
    </div>
  );
}

function MyGridCard({ grant, myId }: { grant: Grant; myId: string }) {
  const t = useT();
  const grid = useRequest((signal) => orgApi.grid(grant.orgCode, signal), [grant.orgCode]);
  const staff = useRequest((signal) => orgApi.gridStaff(grant.orgCode, signal), [grant.orgCode]);
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
        <ErrorAlert error={staff.error} onRetry={staff.reload} style={{ marginTop: 8 }} />
      ) : staff.loading && !staff.data ? (
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
