import { ArrowLeftOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { useT } from '../i18n/index.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';

interface MobileHeaderProps {
  title: string;
  /** A back arrow to this path, labelled for screen readers. */
  back?: { to: string; label: string };
  /** Shown before the language switch (the notification bell). */
  widgets?: ReactNode;
}

/** The blue bar of a /m page: logo and title, the language switch and signing out. */
export function MobileHeader({ title, back, widgets }: MobileHeaderProps) {
  const t = useT();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <header className="gz-mobile-header">
      <Flex align="center" gap={8}>
        {back && (
          <Link to={back.to} aria-label={back.label} style={{ color: '#fff', display: 'flex' }}>
            <ArrowLeftOutlined />
          </Link>
        )}
        <Logo size={26} />
        <span className="gz-mobile-title">{title}</span>
      </Flex>
      <Flex align="center" gap={4}>
        {widgets}
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
  );
}
