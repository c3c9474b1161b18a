// /portal's entry to the certificate check.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../platform/i18n/index.tsx';

export function CertificatesPortalSection() {
  const t = useT();
  return (
    <Card size="small">
      <Link to="/portal/certificates"><SafetyCertificateOutlined /> {t('certificates.portalLink')}</Link>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('certificates.portalIntro')}</Typography.Paragraph>
    </Card>
  );
}
