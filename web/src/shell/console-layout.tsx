import { KeyOutlined, LogoutOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex, Layout, Menu, Result, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageSpin, useAuth } from '../platform/auth.tsx';
import { useT } from '../platform/i18n/index.tsx';
import { allowedMenu, menuGroups } from './console-menu.tsx';
import { HeaderWidgets } from './sections.tsx';
import { GrantTag } from '../platform/components/labels.tsx';
import { LanguageSwitch } from '../platform/components/language-switch.tsx';
import { Logo } from '../platform/components/logo.tsx';
import { SkipLink } from '../platform/components/skip-link.tsx';

const { Header, Sider, Content } = Layout;

/** The staff console: header with the user and language, a menu that follows permissions. */
export function ConsoleLayout() {
  const t = useT();
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  if (!me) return null;

  const menu = allowedMenu(can);
  const groups: MenuProps['items'] = menuGroups(menu).map(({ group, items }) => ({
    type: 'group' as const,
    key: group.key,
    label: collapsed ? null : t(group.label),
    children: items.map((item) => ({ key: item.path, icon: item.icon, label: t(item.label) })),
  }));
  const selected = menu.find((item) => location.pathname.startsWith(item.path))?.path;

  const signOut = async () => {
    message.destroy();
    await logout();
    void navigate('/login', { replace: true });
  };

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword'), onClick: () => void navigate('/change-password') },
    ...(me.grants.some((g) => g.role === 'grid_worker')
      ? [{ key: 'mobile', icon: <MobileOutlined />, label: t('header.mobile'), onClick: () => void navigate('/m') }]
      : []),
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true, onClick: () => void signOut() },
  ];

  return (
    <Layout className="gz-console">
      <SkipLink />
      <Header className="gz-header">
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <Logo size={30} />
          <Typography.Title level={4} className="gz-header-title">
            {t('app.consoleTitle')}
          </Typography.Title>
        </Flex>
        <Flex align="center" gap={16}>
          <Flex gap={4} wrap className="gz-header-roles" data-testid="header-roles">
            {me.grants.slice(0, 2).map((grant) => (
              <GrantTag key={grant.id} grant={grant} />
            ))}
          </Flex>
          <HeaderWidgets />
          <LanguageSwitch dark />
          <Dropdown menu={{ items: userMenu }} placement="bottomRight">
            <Flex align="center" gap={8} className="gz-header-user" data-testid="header-user">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#f5c542', color: '#0f2a55' }} />
              <span>{me.displayName}</span>
            </Flex>
          </Dropdown>
          <Button type="text" icon={<LogoutOutlined />} aria-label={t('header.logout')} className="gz-header-logout" onClick={() => void signOut()} data-testid="logout">
            {t('header.logout')}
          </Button>
        </Flex>
      </Header>
      <Layout>
        <Sider width={208} theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} className="gz-sider">
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={groups}
            onClick={({ key }) => void navigate(key)}
            style={{ borderInlineEnd: 0 }}
            data-testid="console-menu"
          />
        </Sider>
        <Content className="gz-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

/** /console itself: the first page the user may open. */
export function ConsoleHome() {
  const t = useT();
  const { can } = useAuth();
  const first = allowedMenu(can)[0];
  if (first) return <Navigate to={first.path} replace />;
  return <Result status="info" title={t('console.noMenus')} />;
}
