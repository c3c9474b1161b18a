import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/index.tsx';

/** A page that cannot be shown (403, 404), with the way back home. */
export function StatusResult({ status, message }: { status: '403' | '404'; message: string }) {
  const t = useT();
  return (
    <Result
      status={status}
      title={status}
      subTitle={message}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
