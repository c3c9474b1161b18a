import { BankOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';

/** The portal home's way into the community funds' public reports. */
export function FundsPortalSection() {
  const t = useT();
  return (
    <Link to="/portal/funds" data-testid="portal-funds-link">
      <Card hoverable size="small" style={{ marginTop: 16 }}>
        <Flex justify="space-between" align="center" gap={12}>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0, color: '#1a4f9c' }}>
              <BankOutlined /> {t('community.funds.portalEntry')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('community.funds.portalEntryHint')}</Typography.Text>
          </div>
          <RightOutlined />
        </Flex>
      </Card>
    </Link>
  );
}
