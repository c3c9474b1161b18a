import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useAuth } from '../../../platform/auth.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** A registry list's export (.xlsx of what the filters show), for holders of registry.export only. */
export function RegistryExportButton({ url, testId }: { url: () => string; testId?: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('registry.export')) return null;
  return (
    <Tooltip title={t('registry.exportHint')}>
      <Button icon={<DownloadOutlined />} onClick={() => downloadFile(url())} data-testid={testId}>
        {t('registry.export')}
      </Button>
    </Tooltip>
  );
}
