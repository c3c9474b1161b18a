import { Alert } from 'antd';
import { useAuth } from '../../../platform/auth.tsx';
import { RevealButton as PlatformRevealButton } from '../../../platform/components/reveal.tsx';
import { useT } from '../../../platform/i18n/index.tsx';

/**
 * 查看完整信息: identifiers are masked until a holder of registry.reveal gives a reason;
 * the page then asks the server again with ?reveal=true&reason=…, which audits the reveal.
 * Renders nothing for users without the permission.
 */
export function RevealButton({ reason, onReveal, onHide }: { reason: string | null; onReveal: (reason: string) => void; onHide: () => void }) {
  const t = useT();
  const { can } = useAuth();
  return (
    <PlatformRevealButton
      allowed={can('registry.reveal')}
      revealed={reason !== null}
      onReveal={onReveal}
      onHide={onHide}
      notice={t('registry.reveal.notice')}
      placeholder={t('registry.reveal.reasonPlaceholder')}
    />
  );
}

/** The notice shown while identifiers are in clear. */
export function RevealNotice({ reason }: { reason: string | null }) {
  const t = useT();
  if (!reason) return null;
  return <Alert type="warning" showIcon title={t('registry.reveal.active', { reason })} style={{ marginBottom: 16 }} data-testid="reveal-active" />;
}
