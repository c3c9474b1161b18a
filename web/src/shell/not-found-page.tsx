import { StatusResult } from '../platform/components/status-result.tsx';
import { useT } from '../platform/i18n/index.tsx';

export function NotFoundPage() {
  const t = useT();
  return <StatusResult status="404" message={t('common.notFound')} />;
}
