import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../platform/i18n/index.tsx';

/** A secret the server shows only once (initial password, API key), with a copy button. */
export function OneTimeSecret({ secret, notice, extra }: { secret: string; notice: string; extra?: ReactNode }) {
  const t = useT();
  return (
    <div>
      <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: secret, tooltips: [t('common.copy'), t('common.copied')] }}
        code
        className="gz-secret"
        data-testid="one-time-secret"
      >
        {secret}
      </Typography.Paragraph>
      {extra}
    </div>
  );
}
