import { FileSearchOutlined, FormOutlined, ProfileOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';

function Service({ to, icon, title, description, testId }: { to: string; icon: ReactNode; title: string; description: string; testId: string }) {
  return (
    <Link to={to} data-testid={testId}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Typography.Title level={5} style={{ marginTop: 0, color: '#1a4f9c' }}>
          {icon} {title}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {description}
        </Typography.Text>
      </Card>
    </Link>
  );
}

/** The portal's case services: report a problem, follow one by number and phone, my reports (when signed in). */
export function CasePortalServices() {
  const t = useT();
  const { me } = useAuth();
  const isResident = me?.grants.some((g) => g.role === 'resident') ?? false;
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 16 }} data-testid="portal-services">
      <Col xs={24} sm={isResident ? 8 : 12}>
        <Service to="/portal/report" icon={<FormOutlined />} title={t('case.portal.reportTitle')} description={t('case.portal.reportDesc')} testId="portal-report-link" />
      </Col>
      <Col xs={24} sm={isResident ? 8 : 12}>
        <Service to="/portal/track" icon={<FileSearchOutlined />} title={t('case.portal.trackTitle')} description={t('case.portal.trackDesc')} testId="portal-track-link" />
      </Col>
      {isResident && (
        <Col xs={24} sm={8}>
          <Service to="/portal/mine" icon={<ProfileOutlined />} title={t('case.portal.mineTitle')} description={t('case.portal.mineDesc')} testId="portal-mine-link" />
        </Col>
      )}
    </Row>
  );
}
