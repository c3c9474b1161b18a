// The ways into surveys from the /m and /portal home pages.
import { FormOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';

/** /m: record a sampled household's answers during a visit (workers who may). */
export function MobileSurveySection() {
  const t = useT();
  const { can } = useAuth();
  if (!can('assessment.survey')) return null;
  return (
    <Link to="/m/survey" data-testid="m-survey-entry">
      <Card size="small" hoverable style={{ marginTop: 12 }}>
        <Flex align="center" justify="space-between">
          <Typography.Text strong style={{ color: '#1a4f9c' }}><FormOutlined /> {t('assessment.mobile.title')}</Typography.Text>
          <RightOutlined style={{ color: '#8c8c8c' }} />
        </Flex>
      </Card>
    </Link>
  );
}

/** /portal: answer a questionnaire with the code on the invitation. */
export function PortalSurveySection() {
  const t = useT();
  return (
    <Link to="/portal/survey" data-testid="portal-survey-link" style={{ display: 'block', marginTop: 16 }}>
      <Card hoverable size="small">
        <Typography.Title level={5} style={{ marginTop: 0, color: '#1a4f9c' }}><FormOutlined /> {t('assessment.portal.title')}</Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('assessment.portal.description')}</Typography.Text>
      </Card>
    </Link>
  );
}
