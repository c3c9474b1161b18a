// /portal's entry to volunteering.
import { HeartOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';

export function VolunteerPortalSection() {
  const t = useT();
  return (
    <Card size="small">
      <Link to="/portal/volunteer"><HeartOutlined /> {t('community.portal.section')}</Link>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('community.portal.sectionIntro')}</Typography.Paragraph>
    </Card>
  );
}
