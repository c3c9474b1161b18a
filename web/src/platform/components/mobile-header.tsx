import { ArrowLeftOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { ElderSwitch } from '../elder-mode.tsx';
import { useT } from '../i18n/index.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';
import { SkipLink } from './skip-link.tsx';

interface MobileHeaderProps {
  title: string;
  /** A back arrow to this path, labelled for screen readers. */
  back?: { to: string; label: string };
  /** Shown before the language switch (the notification bell). */
  widgets?: ReactNode;
}

/** The blue bar of a /m page: a skip link, logo and title, the elderly mode and language switches, signing out. */
export function MobileHeader({ title, back, widgets }: MobileHeaderProps) {
  const t = useT();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <SkipLink />
      <header className="gz-mobile-header">
        <Flex align="center" gap={8}>
          {back && (
            <Link to={back.to} aria-label={back.label} className="gz-mobile-back">
              <ArrowLeftOutlined />
            </Link>
          )}
          <Logo size={26} />
          <span className="gz-mobile-title">{title}</span>
        </Flex>
        <Flex align="center" gap={4} wrap justify="flex-end">
          {widgets}
          <ElderSwitch />
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
    </>
  );
}
