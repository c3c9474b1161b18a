import { features } from '../features/index.ts';
import { PortalFrame } from '../platform/components/portal-frame.tsx';
import { useElderMode } from '../platform/elder-mode.tsx';
import { useT } from '../platform/i18n/index.tsx';
import { homeSections } from './sections.tsx';

const portalSections = features.flatMap((feature) => feature.portalHome ?? []);
const hero = homeSections(portalSections.filter((section) => section.area === 'hero'));
const main = portalSections.filter((section) => section.area !== 'hero');

/** /portal: the residents' home, open to anyone — each feature adds its part (the public roster, case services). */
export function PortalPage() {
  const t = useT();
  const { isElder } = useElderMode();
  return (
    <PortalFrame hero={hero} loginLabel={t('portal.staffLogin')}>
      {homeSections(main, isElder)}
    </PortalFrame>
  );
}
