import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const certificatesRoutes: FeatureRoutes = {
  portal: [
    { path: 'certificates', page: lazyNamed(() => import('./pages/verify-page.tsx'), 'CertificateCheckPage') },
    { path: 'certificates/:code', page: lazyNamed(() => import('./pages/verify-page.tsx'), 'CertificateResultPage') },
  ],
};
