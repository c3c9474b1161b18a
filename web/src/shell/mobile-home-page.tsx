import { DesktopOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { features } from '../features/index.ts';
import { useAuth } from '../platform/auth.tsx';
import { LanguageSwitch } from '../platform/components/language-switch.tsx';
import { Logo } from '../platform/components/logo.tsx';
import { useT } from '../platform/i18n/index.tsx';
import { HeaderWidgets, homeSections } from './sections.tsx';

const sections = homeSections(features.flatMap((feature) => feature.mobileHome ?? []));

/** /m: the grid worker's phone home — each feature adds its part (tasks, my grids, the registry). */
export function MobilePage() {
  const t = useT();
  const { me, can, logout } = useAuth();
  const navigate = useNavigate();
  if (!me) return null;
  const isStaff = me.grants.some((g) => g.role !== 'grid_worker' && g.role !== 'resident');

  return (
    <div className="gz-mobile">
      <header className="gz-mobile-header">
        <Flex align="center" gap={8}>
          <Logo size={26} />
          <span className="gz-mobile-title">{t('app.mobileTitle')}</span>
        </Flex>
        <Flex align="center" gap={4}>
          <HeaderWidgets />
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
        {sections}
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
