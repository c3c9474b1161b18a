import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { certificatesEnUS } from './i18n.en-US.ts';
import { certificatesZhCN, type CertificatesMessageKey } from './i18n.zh-CN.ts';
import { certificatesRoutes } from './routes.tsx';

/** The public check of any module's certificates by their verification code (/portal/certificates). */
export const certificatesFeature: Feature<CertificatesMessageKey> = {
  id: 'certificates', routes: certificatesRoutes, messages: { 'zh-CN': certificatesZhCN, 'en-US': certificatesEnUS },
  portalHome: [{ order: 60, component: lazyNamed(() => import('./portal-home.tsx'), 'CertificatesPortalSection') }],
};
