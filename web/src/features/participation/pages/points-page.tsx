// /console/participation/points: a street's or community's points per action (a community's
// own rule overrides its street's) and the participation index of the actor's area by year.
import { Button, Card, Flex, Form, InputNumber, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { pointsActions } from '#server/modules/participation/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../org/index.ts';
import { pointsApi, type IndexRow } from '../api.ts';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function Rules() {
  const t = useT();
  const { can } = useAuth();
  const write = useWrite();
  const [orgCode, setOrgCode] = useState<string | undefined>();
  const [form] = Form.useForm<Record<string, number>>();
  const rules = useApiQuery(['participation', 'points', 'rules', orgCode ?? ''], orgCode ? (signal) => pointsApi.rules(orgCode, signal) : null);
  useEffect(() => {
    if (rules.data) form.setFieldsValue(Object.fromEntries(rules.data.rules.map((r) => [r.action, r.points])));
  }, [rules.data, form]);
  return (
    <Card size="small" title={t('participation.points.rules')}>
      <Flex vertical gap={12}>
        <OrgNodeSelect value={orgCode} onChange={(code) => setOrgCode(code)} levels={['street', 'community']} placeholder={t('participation.points.chooseOrg')} style={{ width: 320 }} testId="points-org" />
        {!orgCode && <Typography.Text type="secondary">{t('participation.points.chooseOrg')}</Typography.Text>}
        {rules.isLoading && <Skeleton active />}
        {rules.error && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
        {rules.data && (
          <Form
            form={form}
            layout="horizontal"
            labelCol={{ span: 8 }}
            style={{ maxWidth: 480 }}
            onFinish={(v) => void write.run(() => pointsApi.setRules({ orgCode: orgCode!, rules: pointsActions.map((action) => ({ action, points: v[action] ?? 0 })) }), { success: t('participation.points.saved'), invalidates: ['participation', 'points'], form })}
          >
            {rules.data.rules.map((r) => (
              <Form.Item key={r.action} name={r.action} label={t(`participation.points.action.${r.action}`)} extra={r.inherited ? <Tag>{t('participation.points.inherited')}</Tag> : undefined}>
                <InputNumber min={0} max={1000} />
              </Form.Item>
            ))}
            {can('participation.manage') && <Button type="primary" htmlType="submit" loading={write.busy}>{t('participation.points.save')}</Button>}
          </Form>
        )}
      </Flex>
    </Card>
  );
}

function ParticipationIndexTable() {
  const t = useT();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const index = useApiQuery(['participation', 'index', year], (signal) => pointsApi.index({ year }, signal));
  return (
    <Card size="small" title={t('participation.index.title')} extra={<Select aria-label={t('participation.index.year')} value={year} onChange={setYear} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))} />}>
      {index.error && <ErrorAlert error={index.error} onRetry={() => void index.refetch()} />}
      <Table<IndexRow>
        size="small"
        rowKey="communityCode"
        loading={index.isLoading}
        dataSource={index.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="participation-index"
        locale={{ emptyText: t('participation.index.empty') }}
        columns={[
          { key: 'name', title: t('participation.needs.community'), dataIndex: 'communityName' },
          { key: 'residents', title: t('participation.index.residents'), dataIndex: 'residents' },
          { key: 'adults', title: t('participation.index.adults'), dataIndex: 'adults' },
          { key: 'participants', title: t('participation.index.participants'), dataIndex: 'participants' },
          { key: 'rate', title: t('participation.index.rate'), render: (_, r) => percent(r.participationRate) },
          { key: 'needs', title: t('participation.index.needs'), dataIndex: 'needs' },
          { key: 'proposals', title: t('participation.index.proposals'), dataIndex: 'proposals' },
          { key: 'per1000', title: t('participation.index.per1000'), render: (_, r) => (r.proposalsPer1000 === null ? '—' : r.proposalsPer1000.toFixed(2)) },
          { key: 'supports', title: t('participation.index.supports'), dataIndex: 'supports' },
          { key: 'points', title: t('participation.index.points'), dataIndex: 'points' },
          { key: 'satisfaction', title: t('participation.index.satisfaction'), render: (_, r) => percent(r.satisfaction) },
        ]}
      />
    </Card>
  );
}

export function PointsPage() {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.points.title')}</Typography.Title>
      <ParticipationIndexTable />
      <Rules />
    </Flex>
  );
}
