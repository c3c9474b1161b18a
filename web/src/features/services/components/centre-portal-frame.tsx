import type { ReactNode } from 'react';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** The frame of a /portal services page of the second part: the portal's header and a blue band with the page's title and purpose. */
export function CentrePortalFrame({ icon, title, intro, children }: { icon: ReactNode; title: string; intro: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <PortalFrame
      linkHome
      loginLabel={t('portal.staffLogin')}
      hero={
        <section className="gz-portal-hero">
          <h1>
            {icon} {title}
          </h1>
          <p>{intro}</p>
        </section>
      }
    >
      {children}
    </PortalFrame>
  );
}
