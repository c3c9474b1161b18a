import { ArrowLeftOutlined, BulbOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../../platform/components/language-switch.tsx';
import { useT } from '../../../platform/i18n/index.tsx';

/** The library's pages on /portal: a header leading back to the portal, an optional hero band, the column. */
export function LibraryFrame({ back, hero, children }: { back: string; hero?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <div className="gz-portal">
      <header className="gz-portal-header">
        <Link to={back} className="gz-portal-title" data-testid="practices-back">
          <ArrowLeftOutlined /> <BulbOutlined /> {t('practices.title')}
        </Link>
        <LanguageSwitch dark />
      </header>
      {hero}
      <main className="gz-portal-main" style={{ maxWidth: 960 }}>
        {children}
      </main>
    </div>
  );
}
