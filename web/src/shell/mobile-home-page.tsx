import { DesktopOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { Link } from 'react-router';
import { features } from '../features/index.ts';
import { useAuth } from '../platform/auth.tsx';
import { MobileHeader } from '../platform/components/mobile-header.tsx';
import { useT } from '../platform/i18n/index.tsx';
import { HeaderWidgets, homeSections } from './sections.tsx';

const sections = homeSections(features.flatMap((feature) => feature.mobileHome ?? []));

/** /m: the grid worker's phone home — each feature adds its part (tasks, my grids, the registry). */
export function MobilePage() {
  const t = useT();
  const { me, can } = useAuth();
  if (!me) return null;
  const isStaff = me.grants.some((g) => g.role !== 'grid_worker' && g.role !== 'resident');

  return (
    <div className="gz-mobile">
      <MobileHeader title={t('app.mobileTitle')} widgets={<HeaderWidgets />} />
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
