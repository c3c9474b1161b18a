import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../platform/i18n/index.tsx';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
