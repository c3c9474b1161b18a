// /portal/volunteer/transfer: give points to a member of my household (家庭积分转赠), when the
// settings allow it. The page says plainly why a transfer cannot be made: the setting forbids
// it, no household is known, or the balance is short (the server's refusal is shown as given).
import { Alert, Button, Card, Empty, Flex, Form, InputNumber, Select, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../platform/api-client.ts';
import { useAuth } from '../../../../platform/auth.tsx';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../../platform/components/portal-frame.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../../platform/query.ts';
import { communityApi, type Family } from '../api.ts';

function TransferForm({ family, balance }: { family: Family; balance: number }) {
  const t = useT();
  const [form] = Form.useForm<{ toVolunteerId: string; points: number }>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!family.allowed) return <Alert type="warning" showIcon data-testid="transfer-refused" title={t('community.transfer.forbidden')} />;
  if (!family.linked) return <Alert type="info" showIcon data-testid="transfer-refused" title={t('community.transfer.notLinked')} />;
  if (family.members.length === 0) return <Empty description={t('community.transfer.noMembers')} />;
  const submit = async (v: { toVolunteerId: string; points: number }) => {
    setBusy(true);
    setRefusal(null);
    setDone(null);
    try {
      await communityApi.transfer(v);
      setDone(t('community.transfer.done', { points: v.points, name: family.members.find((m) => m.volunteerId === v.toVolunteerId)?.name ?? '' }));
      form.resetFields();
      void invalidate(['community', 'points']);
    } catch (error) {
      setRefusal(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 420 }}>
      <Form.Item name="toVolunteerId" label={t('community.transfer.to')} rules={[{ required: true }]}>
        <Select options={family.members.map((m) => ({ value: m.volunteerId, label: m.name }))} data-testid="transfer-to" />
      </Form.Item>
      <Form.Item name="points" label={t('community.transfer.points')} rules={[{ required: true }]} extra={t('community.transfer.balanceHint', { balance })}>
        <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {refusal && <Alert type="error" showIcon data-testid="transfer-refused" title={refusal} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" showIcon data-testid="transfer-done" title={done} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>{t('community.transfer.submit')}</Button>
    </Form>
  );
}

export function PointsTransferPage() {
  const t = useT();
  const { me, can } = useAuth();
  const volunteer = can('community.volunteer');
  const family = useApiQuery(['community', 'points', 'family'], volunteer ? (signal) => communityApi.family(signal) : null);
  const points = useApiQuery(['community', 'points', 'me'], volunteer ? (signal) => communityApi.myPoints({ page: 1, pageSize: 5 }, signal) : null);
  const error = family.error ?? points.error;
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Flex vertical gap={16}>
        <Link to="/portal/volunteer">{t('community.transfer.back')}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('community.transfer.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('community.transfer.intro')}</Typography.Paragraph>
        {!me && <Link to="/login?next=/portal/volunteer/transfer">{t('community.portal.signIn')}</Link>}
        {me && !volunteer && <Alert type="info" showIcon title={t('community.transfer.notVolunteer')} />}
        {(family.isLoading || points.isLoading) && <Skeleton active />}
        {error?.code === 'COMMUNITY_NOT_A_VOLUNTEER' && <Alert type="info" showIcon title={t('community.transfer.notVolunteer')} />}
        {error && error.code !== 'COMMUNITY_NOT_A_VOLUNTEER' && <ErrorAlert error={error} onRetry={() => void Promise.all([family.refetch(), points.refetch()])} />}
        {family.data && points.data && (
          <Card data-testid="transfer-card">
            <Statistic title={t('community.portal.balance')} value={points.data.balance} style={{ marginBottom: 16 }} data-testid="transfer-balance" />
            <TransferForm family={family.data} balance={points.data.balance} />
          </Card>
        )}
      </Flex>
    </PortalFrame>
  );
}
