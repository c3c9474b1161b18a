// /m's home: a volunteer's activities of today, with 签到 / 签退 at hand.
import { HeartOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { TodayList } from './components/today-list.tsx';

export function VolunteerMobileSection() {
  const t = useT();
  const { can } = useAuth();
  if (!can('community.volunteer')) return null;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="m-volunteer-today"
      title={<Typography.Text strong style={{ color: '#1a4f9c' }}><HeartOutlined /> {t('community.mobile.today')}</Typography.Text>}
      extra={<Link to="/m/community/today">{t('community.mobile.all')}</Link>}
    >
      <TodayList limit={3} />
    </Card>
  );
}
