import { BulbOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { practicesApi } from '../api.ts';

/** The portal home's way into the library, with how many practices it holds. */
export function PracticesPortalSection() {
  const t = useT();
  const facets = useApiQuery(['practices', 'facets', {}], (signal) => practicesApi.facets({}, signal));
  return (
    <Link to="/portal/practices" data-testid="portal-practices-link">
      <Card hoverable size="small" style={{ marginTop: 16 }}>
        <Flex justify="space-between" align="center" gap={12}>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0, color: '#1a4f9c' }}>
              <BulbOutlined /> {t('practices.homeTitle')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('practices.homeDesc', { total: facets.data?.total ?? '…' })}
            </Typography.Text>
          </div>
          <RightOutlined />
        </Flex>
      </Card>
    </Link>
  );
}
