import { RightOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { registryApi } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { mobileRegistryPath } from './paths.ts';
import { useApiQuery } from '../../../platform/query.ts';

/** The registry part of /m's home: the way into the grid's houses and people, with how many are overdue for a visit. */
export function RegistryMobileEntry() {
  const t = useT();
  const { can } = useAuth();
  const mayRead = can('registry.read');
  const summary = useApiQuery(['registry', 'myGrid'], mayRead ? (signal) => registryApi.myGrid(signal) : null);
  // Without the registry, /m says what is still to come.
  if (!mayRead) return <Alert type="info" showIcon title={t('m.later')} style={{ marginTop: 12 }} />;
  const counts = summary.data?.counts;
  return (
    <Link to={mobileRegistryPath} data-testid="m-registry-entry">
      <Card size="small" hoverable style={{ marginTop: 12, borderColor: '#1a4f9c' }}>
        <Flex align="center" justify="space-between" gap={8}>
          <Flex vertical gap={2}>
            <Typography.Text strong style={{ color: '#1a4f9c' }}>
              <SearchOutlined /> {t('registry.m.entry')}
            </Typography.Text>
            {counts && (
              <Typography.Text type={counts.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('registry.m.entryHint', { residents: counts.residents, overdue: counts.overdue })}
              </Typography.Text>
            )}
          </Flex>
          <RightOutlined style={{ color: '#8c8c8c' }} />
        </Flex>
      </Card>
    </Link>
  );
}
