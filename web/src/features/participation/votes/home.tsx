// The entries to votes and budgets on /portal, and to sign-in and paper ballots on /m.
import { AuditOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';

export function VotingPortalSection() {
  const t = useT();
  return (
    <Card size="small">
      <Link to="/portal/participation/votes"><AuditOutlined /> {t('participation.meeting.portalTitle')}</Link>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('participation.meeting.portalIntro')}</Typography.Paragraph>
    </Card>
  );
}

export function VotingMobileSection() {
  const t = useT();
  const { can } = useAuth();
  if (!can('participation.record')) return null;
  return (
    <Card size="small">
      <Link to="/m/participation"><AuditOutlined /> {t('participation.meeting.mobileTitle')} · {t('participation.vote.mobileTitle')}</Link>
    </Card>
  );
}
