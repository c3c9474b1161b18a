import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';

/** The portal home's way to "near me". */
export function FacilitiesPortalEntry() {
  const t = useT();
  return (
    <Link to="/portal/near-me" data-testid="portal-near-me-link" style={{ display: 'block', marginTop: 16 }}>
      <Card hoverable size="small">
        <Typography.Title level={5} style={{ marginTop: 0, color: '#1a4f9c' }}>
          <EnvironmentOutlined /> {t('facilities.portal.entryTitle')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('facilities.portal.entryDesc')}
        </Typography.Text>
      </Card>
    </Link>
  );
}
