import { ArrowLeftOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { CaseBell } from './bell.tsx';
import { LanguageSwitch } from '../../../platform/components/language-switch.tsx';
import { Logo } from '../../../platform/components/logo.tsx';

/** The frame of a /m page (same look as the grid worker's home): header with back, bell and language. */
export function MobileShell({ title, back, children }: { title: string; back?: string; children: ReactNode }) {
  const navigate = useNavigate();
  const t = useT();
  return (
    <div className="gz-mobile">
      <header className="gz-mobile-header">
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          {back ? (
            <Button type="text" icon={<ArrowLeftOutlined style={{ color: '#fff' }} />} aria-label={t('case.common.back')} onClick={() => void navigate(back)} />
          ) : (
            <Logo size={26} />
          )}
          <span className="gz-mobile-title" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {title}
          </span>
        </Flex>
        <Flex align="center" gap={4}>
          <CaseBell />
          <LanguageSwitch dark />
        </Flex>
      </header>
      <main className="gz-mobile-main">{children}</main>
    </div>
  );
}

/** The frame of a /portal page: header, optional hero band, content column, footer. */
export function PortalShell({ hero, children }: { hero?: ReactNode; children: ReactNode }) {
  const t = useT();
  const { me } = useAuth();
  return (
    <div className="gz-portal">
      <header className="gz-portal-header">
        <Link to="/portal">
          <Flex align="center" gap={10}>
            <Logo size={30} />
            <span className="gz-portal-title">{t('app.portalTitle')}</span>
          </Flex>
        </Link>
        <Flex align="center" gap={12}>
          {me && <CaseBell />}
          <LanguageSwitch dark />
          {!me && (
            <Link to="/login" className="gz-portal-login" title={t('portal.staffLogin')}>
              <LoginOutlined /> <span className="gz-hide-narrow">{t('case.portal.login')}</span>
            </Link>
          )}
        </Flex>
      </header>
      {hero}
      <main className="gz-portal-main" style={hero ? undefined : { marginTop: 16 }}>
        {children}
      </main>
      <footer className="gz-portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}
