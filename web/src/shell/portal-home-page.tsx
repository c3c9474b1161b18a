import { LoginOutlined } from '@ant-design/icons';
import { Flex } from 'antd';
import { Link } from 'react-router';
import { features } from '../features/index.ts';
import { useAuth } from '../platform/auth.tsx';
import { LanguageSwitch } from '../platform/components/language-switch.tsx';
import { Logo } from '../platform/components/logo.tsx';
import { useT } from '../platform/i18n/index.tsx';
import { homeSections } from './sections.tsx';

const portalSections = features.flatMap((feature) => feature.portalHome ?? []);
const hero = homeSections(portalSections.filter((section) => section.area === 'hero'));
const main = homeSections(portalSections.filter((section) => section.area !== 'hero'));

/** /portal: the residents' home, open to anyone — each feature adds its part (the public roster, case services). */
export function PortalPage() {
  const t = useT();
  const { me } = useAuth();
  return (
    <div className="gz-portal">
      <header className="gz-portal-header">
        <Flex align="center" gap={10}>
          <Logo size={30} />
          <span className="gz-portal-title">{t('app.portalTitle')}</span>
        </Flex>
        <Flex align="center" gap={12}>
          <LanguageSwitch dark />
          {!me && (
            <Link to="/login" className="gz-portal-login" title={t('portal.staffLogin')}>
              <LoginOutlined /> <span className="gz-hide-narrow">{t('portal.staffLogin')}</span>
            </Link>
          )}
        </Flex>
      </header>
      {hero}
      <main className="gz-portal-main">{main}</main>
      <footer className="gz-portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}
