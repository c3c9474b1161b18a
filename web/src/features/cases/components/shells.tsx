import { ArrowLeftOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { CaseBell } from './bell.tsx';
import { LanguageSwitch } from '../../../platform/components/language-switch.tsx';
import { Logo } from '../../../platform/components/logo.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';

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

/** The frame of a /portal page: the portal's header with the bell for signed-in residents, optional hero band. */
export function PortalShell({ hero, children }: { hero?: ReactNode; children: ReactNode }) {
  const t = useT();
  const { me } = useAuth();
  return (
    <PortalFrame hero={hero} linkHome widgets={me && <CaseBell />} loginLabel={t('case.portal.login')}>
      {children}
    </PortalFrame>
  );
}

/** A /portal page's blue band: its title with an icon, and a line saying what the page is for. */
export function PortalHero({ icon, title, description }: { icon: ReactNode; title: string; description: string }) {
  return (
    <section className="gz-portal-hero">
      <h1>
        {icon} {title}
      </h1>
      <p>{description}</p>
    </section>
  );
}

/** In place of a page that needs a signed-in resident: why, the sign-in button (back here after), and other ways on. */
export function PortalSignIn({ hero, title, next, extra = [] }: { hero: ReactNode; title: string; next: string; extra?: ReactNode[] }) {
  const t = useT();
  return (
    <PortalShell hero={hero}>
      <Card>
        <Result
          status="info"
          title={title}
          extra={[
            <Link key="login" to={`/login?next=${encodeURIComponent(next)}`}>
              <Button type="primary" icon={<LoginOutlined />}>
                {t('case.portal.login')}
              </Button>
            </Link>,
            ...extra,
          ]}
        />
      </Card>
    </PortalShell>
  );
}
