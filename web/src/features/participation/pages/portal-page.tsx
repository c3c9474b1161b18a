// /portal/participation: residents take part. A signed-in resident links their account to the
// registry first (name and ID number); then proposes, raises needs, supports and evaluates the
// community's proposals, thanks for a fulfilled wish, and sees their points and the public board.
import { Button, Card, Col, Flex, Form, Input, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { pointsApi } from '../api.ts';
import { CommunityProposals, CommunityWishes, MyPointsCard, RaiseNeed, SubmitProposal } from '../components/portal-sections.tsx';

function VerifyForm() {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm<{ name: string; idNumber: string }>();
  return (
    <Card title={t('participation.portal.verify')}>
      <Typography.Paragraph type="secondary">{t('participation.portal.verifyHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="verify-form" onFinish={(v) => void write.run(() => pointsApi.verify(v), { success: t('participation.portal.verifiedOk'), invalidates: ['participation'], form })}>
        <Form.Item name="name" label={t('participation.portal.name')} rules={[{ required: true }]}><Input maxLength={40} autoComplete="name" /></Form.Item>
        <Form.Item name="idNumber" label={t('participation.portal.idNumber')} rules={[{ required: true, min: 15, max: 18 }]}><Input maxLength={18} autoComplete="off" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={write.busy}>{t('participation.portal.verify')}</Button>
      </Form>
    </Card>
  );
}

export function ParticipationPortalPage() {
  const t = useT();
  const { me, can } = useAuth();
  const resident = can('participation.take_part');
  const verification = useApiQuery(['participation', 'verification', me?.id ?? ''], resident ? (signal) => pointsApi.verification(signal) : null);
  const v = verification.data;
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Typography.Title level={3}>{t('participation.portal.title')}</Typography.Title>
      <Typography.Paragraph>{t('participation.portal.intro')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        {!me && <Link to="/login?next=/portal/participation">{t('participation.portal.signIn')}</Link>}
        {verification.isLoading && <Skeleton active />}
        {verification.error && <ErrorAlert error={verification.error} onRetry={() => void verification.refetch()} />}
        {v && !v.verified && <VerifyForm />}
        {v?.verified && (
          <>
            <Flex gap={16} align="center" wrap>
              <Typography.Text data-testid="verified">{t('participation.portal.verified', { community: v.communityName ?? '' })}</Typography.Text>
              <Link to={`/portal/board/${v.communityCode}`}><Button>{t('participation.portal.board')}</Button></Link>
            </Flex>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}><Flex vertical gap={16}><CommunityProposals /><CommunityWishes /></Flex></Col>
              <Col xs={24} lg={10}><Flex vertical gap={16}><SubmitProposal /><RaiseNeed /><MyPointsCard /></Flex></Col>
            </Row>
          </>
        )}
      </Flex>
    </PortalFrame>
  );
}
