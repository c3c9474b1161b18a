import { LoginOutlined } from '@ant-design/icons';
import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth.tsx';
import { ElderSwitch } from '../elder-mode.tsx';
import { useT } from '../i18n/index.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';
import { SkipLink } from './skip-link.tsx';

interface PortalFrameProps {
  /** The blue band above the content column. */
  hero?: ReactNode;
  /** On the portal's own pages the logo leads back to /portal; on /portal itself it is plain. */
  linkHome?: boolean;
  /** Widgets before the language switch (the notification bell). */
  widgets?: ReactNode;
  /** The sign-in link's text, shown to visitors not signed in. */
  loginLabel: string;
  children: ReactNode;
}

/** The frame of every /portal page: header (logo, widgets, elderly mode, language, sign-in), optional hero band, content column, footer. */
export function PortalFrame({ hero, linkHome = false, widgets, loginLabel, children }: PortalFrameProps) {
  const t = useT();
  const { me } = useAuth();
  const brand = (
    <Flex align="center" gap={10}>
      <Logo size={30} />
      <span className="gz-portal-title">{t('app.portalTitle')}</span>
    </Flex>
  );
  return (
    <div className="gz-portal">
      <SkipLink />
      <header className="gz-portal-header">
        {linkHome ? <Link to="/portal">{brand}</Link> : brand}
        <Flex align="center" gap={8} wrap>
          {widgets}
          <ElderSwitch />
          <LanguageSwitch dark />
          {!me && (
            <Link to="/login" className="gz-portal-login" aria-label={loginLabel}>
              <LoginOutlined /> <span className="gz-hide-narrow">{loginLabel}</span>
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
