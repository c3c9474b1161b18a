// /portal/certificates (a code box) and /portal/certificates/:code (the verification): valid,
// withdrawn or not found. Open to anyone; a certificate shows only its public facts.
import { Button, Card, Descriptions, Flex, Form, Input, Result, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { certificateCodePattern } from '#server/modules/certificates/contract.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useI18n, useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { certificatesApi } from '../api.ts';

function CodeForm({ initial }: { initial?: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Form layout="vertical" initialValues={{ code: initial ?? '' }} onFinish={(v: { code: string }) => void navigate(`/portal/certificates/${encodeURIComponent(v.code.trim().toUpperCase())}`)}>
      <Form.Item
        name="code"
        label={t('certificates.code')}
        extra={t('certificates.codeHint')}
        rules={[{ required: true, message: t('certificates.codeHint') }, { validator: (_, v: string) => (!v || certificateCodePattern.test(v.trim().toUpperCase()) ? Promise.resolve() : Promise.reject(new Error(t('certificates.codeHint')))) }]}
      >
        <Input maxLength={19} autoComplete="off" style={{ maxWidth: 320, fontFamily: 'monospace' }} data-testid="certificate-code" />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('certificates.check')}</Button>
    </Form>
  );
}

/** /portal/certificates */
export function CertificateCheckPage() {
  const t = useT();
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Typography.Title level={3}>{t('certificates.title')}</Typography.Title>
      <Typography.Paragraph>{t('certificates.intro')}</Typography.Paragraph>
      <CodeForm />
    </PortalFrame>
  );
}

/** /portal/certificates/:code */
export function CertificateResultPage() {
  const t = useT();
  const { locale } = useI18n();
  const { code = '' } = useParams();
  const wellFormed = certificateCodePattern.test(code.toUpperCase());
  const found = useApiQuery(['certificates', code], wellFormed ? (signal) => certificatesApi.verify(code, signal) : null);
  const c = found.data;
  const notFound = !wellFormed || found.error?.code === 'CERTIFICATE_NOT_FOUND';
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Typography.Title level={3}>{t('certificates.title')}</Typography.Title>
      {wellFormed && found.isLoading && <Skeleton active />}
      {notFound && <Result status="warning" title={t('certificates.notFound')} subTitle={t('certificates.notFoundHint')} data-testid="certificate-not-found" />}
      {found.error && !notFound && <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />}
      {c && (
        <Card data-testid="certificate-result">
          <Result
            status={c.revokedAt ? 'error' : 'success'}
            title={c.revokedAt ? t('certificates.withdrawn') : t('certificates.valid')}
            subTitle={c.revokedAt ? t('certificates.withdrawnReason', { reason: c.revokedReason ?? '' }) : c.title}
          />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('certificates.number')}>{c.number}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.holder')}>{c.holder}</Descriptions.Item>
            {c.facts.map((f) => <Descriptions.Item key={f.label} label={f.label}>{f.value}</Descriptions.Item>)}
            <Descriptions.Item label={t('certificates.issuer')}>{c.issuerName}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.issuedAt')}>{formatDateTime(c.issuedAt, locale)}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Flex vertical gap={8} style={{ marginTop: 24 }}>
        <Typography.Text strong>{t('certificates.another')}</Typography.Text>
        <CodeForm />
        <Link to="/portal">{t('common.backHome')}</Link>
      </Flex>
    </PortalFrame>
  );
}
