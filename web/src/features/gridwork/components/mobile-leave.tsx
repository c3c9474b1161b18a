// 请假 / 调班 on /m, inside the attendance section: the worker asks for leave or for a
// colleague to take their duty, and sees their own requests with where each stands.
import { Button, DatePicker, Flex, Form, Input, List, Radio, Select, Skeleton, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { leaveKinds, type LeaveKind } from '#server/modules/gridwork/contract.ts';
import { gridworkApi, type Leave } from '../api.ts';

interface LeaveForm {
  kind: LeaveKind;
  from: Dayjs;
  to: Dayjs;
  reason: string;
  swapWithId?: string;
}

const statusColor: Record<Leave['status'], string> = { pending: 'orange', approved: 'green', rejected: 'red' };

export function LeaveBlock() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<LeaveForm>();
  const kind = Form.useWatch('kind', form);
  const write = useWrite();
  const mine = useApiQuery(['gridwork', 'leaves', 'mine'], (signal) => gridworkApi.leaves({ mine: true, page: 1, pageSize: 5 }, signal));
  // Colleagues on the rosters of the worker's own grids, with an account (a swap names a user).
  const grids = (me?.grants ?? []).filter((g) => g.role === 'grid_worker').map((g) => g.orgCode);
  const colleagues = useApiQuery(['gridwork', 'roster', ...grids], asking && kind === 'swap' && grids.length > 0 ? async (signal) => (await Promise.all(grids.map((code) => gridworkApi.gridRoster(code, signal)))).flat() : null);
  const choices = new Map((colleagues.data ?? []).filter((m) => m.userId && m.userId !== me?.id).map((m) => [m.userId as string, m.name]));

  const save = (values: LeaveForm) =>
    write.run(
      () =>
        gridworkApi.createLeave({
          kind: values.kind,
          from: values.from.format('YYYY-MM-DD'),
          to: values.to.format('YYYY-MM-DD'),
          reason: values.reason,
          swapWithId: values.kind === 'swap' ? values.swapWithId : undefined,
        }),
      {
        success: t('gridwork.leave.sent'),
        invalidates: ['gridwork', 'leaves'],
        form,
        then: () => {
          form.resetFields();
          setAsking(false);
        },
      },
    );
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <div style={{ marginTop: 12 }} data-testid="leave-block">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('gridwork.leave.mine')}</Typography.Text>
        <Button size="small" onClick={() => setAsking(true)} data-testid="leave-ask">
          {t('gridwork.leave.ask')}
        </Button>
      </Flex>
      {mine.error && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.isFetching && !mine.data ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <List
          size="small"
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('gridwork.leave.mineEmpty')}</Typography.Text> }}
          renderItem={(l) => (
            <List.Item key={l.id} data-testid="my-leave">
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Tag color={statusColor[l.status]}>{t(`gridwork.leaveStatus.${l.status}`)}</Tag>
                  <Typography.Text>{l.kind === 'swap' ? `${t('gridwork.leaveKind.swap')} → ${l.swapWithName ?? ''}` : t('gridwork.leaveKind.leave')}</Typography.Text>
                  <Typography.Text type="secondary">{`${l.from} – ${l.to}`}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                  {l.decisionNote ? `${l.reason} · ${l.decisionNote}` : l.reason}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <FormModal<LeaveForm> keepMounted open={asking} title={t('gridwork.leave.ask')} okText={t('gridwork.leave.submit')} form={form} onClose={() => setAsking(false)} onSubmit={save} initialValues={{ kind: 'leave' }} testId="leave-form">
        <Form.Item name="kind" label={t('gridwork.leave.kind')} rules={required(t('gridwork.leave.kind'))}>
          <Radio.Group optionType="button" options={leaveKinds.map((k) => ({ value: k, label: t(`gridwork.leaveKind.${k}`) }))} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="from" label={t('gridwork.leave.from')} rules={required(t('gridwork.leave.from'))} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="to" label={t('gridwork.leave.to')} rules={required(t('gridwork.leave.to'))} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        {kind === 'swap' && (
          <Form.Item name="swapWithId" label={t('gridwork.leave.swapWith')} rules={required(t('gridwork.leave.swapWith'))} extra={colleagues.error ? colleagues.error.message : undefined}>
            <Select loading={colleagues.isFetching} options={[...choices].map(([value, label]) => ({ value, label }))} notFoundContent={t('gridwork.leave.noColleague')} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('gridwork.leave.reason')} rules={required(t('gridwork.leave.reason'))}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
