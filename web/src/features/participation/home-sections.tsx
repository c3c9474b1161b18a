// /portal's and /m's entries to participation.
import { FormOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../platform/auth.tsx';
import { useT } from '../../platform/i18n/index.tsx';

export function ParticipationPortalSection() {
  const t = useT();
  return (
    <Card size="small">
      <Link to="/portal/participation"><TeamOutlined /> {t('participation.portal.section')}</Link>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('participation.portal.sectionIntro')}</Typography.Paragraph>
    </Card>
  );
}

export function ParticipationMobileSection() {
  const t = useT();
  const { can } = useAuth();
  if (!can('participation.record')) return null;
  return (
    <Card size="small">
      <Link to="/m/participation/need"><FormOutlined /> {t('participation.mobile.need')}</Link>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('participation.mobile.needIntro')}</Typography.Paragraph>
    </Card>
  );
}
