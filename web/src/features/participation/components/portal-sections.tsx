// The parts of /portal/participation for a verified resident: the community's proposals (support,
// evaluate), proposing, raising a need, micro-wishes (thank one's own), and one's points.
import { Button, Card, Empty, Form, Input, List, Pagination, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { needClasses } from '#server/modules/participation/contract.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { needsApi, pointsApi, proposalsApi, wishesApi, type ProposalItem, type Wish } from '../api.ts';
import { ProposalStatusTag, WishStatusTag } from './labels.tsx';

const pageSize = 10;

function ProposalEntry({ item }: { item: ProposalItem }) {
  const t = useT();
  const write = useWrite();
  const [open, setOpen] = useState(false);
  const detail = useApiQuery(['participation', 'proposal', item.id], open ? (signal) => proposalsApi.get(item.id, signal) : null);
  const d = detail.data;
  const done = (success: string) => ({ success, invalidates: ['participation'] });
  return (
    <List.Item
      data-testid="portal-proposal"
      actions={[
        <Button key="more" size="small" type="link" onClick={() => setOpen(!open)}>{t('participation.portal.details')}</Button>,
      ]}
    >
      <List.Item.Meta
        title={<Space wrap><span>{item.title}</span><ProposalStatusTag status={item.status} /></Space>}
        description={
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('participation.board.supports', { n: item.supportCount })}</Typography.Text>
            {open && detail.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
            {open && detail.error && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
            {open && d && (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.body}</Typography.Paragraph>
                {d.answer && <Typography.Text>{t('participation.portal.answer', { answer: t(`participation.answer.${d.answer}`) })}{d.answerReason ? `：${d.answerReason}` : ''}</Typography.Text>}
                <Space wrap>
                  {d.allowedActions.includes('support') && !d.mySupport && (
                    <Button size="small" type="primary" data-testid="support" loading={write.busy} onClick={() => void write.run(() => proposalsApi.support(item.id), done(t('participation.portal.supportedOk')))}>{t('participation.portal.support')}</Button>
                  )}
                  {d.mySupport && <Typography.Text type="success">{t('participation.portal.supported')}</Typography.Text>}
                  {d.allowedActions.includes('evaluate') && !d.myEvaluation && (
                    <>
                      <Button size="small" onClick={() => void write.run(() => proposalsApi.evaluate(item.id, { satisfied: true }), done(t('participation.portal.evaluatedOk')))}>{t('participation.portal.satisfied')}</Button>
                      <Button size="small" onClick={() => void write.run(() => proposalsApi.evaluate(item.id, { satisfied: false }), done(t('participation.portal.evaluatedOk')))}>{t('participation.portal.unsatisfied')}</Button>
                    </>
                  )}
                  {d.myEvaluation && <Typography.Text type="success">{t('participation.portal.evaluated')}</Typography.Text>}
                </Space>
              </>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

export function CommunityProposals() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useApiQuery(['participation', 'my', 'proposals', page], (signal) => proposalsApi.community({ page, pageSize }, signal));
  return (
    <Card title={t('participation.portal.proposals')}>
      {list.isLoading && <Skeleton active />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <List data-testid="portal-proposals" locale={{ emptyText: <Empty description={t('participation.proposals.empty')} /> }} dataSource={list.data.items} renderItem={(item) => <ProposalEntry item={item} />} />
          {list.data.total > pageSize && <Pagination size="small" current={page} pageSize={pageSize} total={list.data.total} onChange={setPage} showSizeChanger={false} />}
        </>
      )}
    </Card>
  );
}

export function SubmitProposal() {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm<{ title: string; body: string }>();
  return (
    <Card title={t('participation.portal.submit')}>
      <Form form={form} layout="vertical" data-testid="portal-proposal-form" onFinish={(v) => void write.run(() => proposalsApi.submit(v), { success: t('participation.portal.submitted'), invalidates: ['participation'], form, then: () => form.resetFields() })}>
        <Form.Item name="title" label={t('participation.proposals.titleField')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="body" label={t('participation.proposals.body')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={write.busy}>{t('participation.portal.submit')}</Button>
      </Form>
    </Card>
  );
}

export function RaiseNeed() {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm<{ needClass: (typeof needClasses)[number]; title: string; description?: string }>();
  const mine = useApiQuery(['participation', 'my', 'needs'], (signal) => needsApi.mine({ page: 1, pageSize: 5 }, signal));
  return (
    <Card title={t('participation.portal.need')}>
      <Form form={form} layout="vertical" initialValues={{ needClass: 'environment' }} onFinish={(v) => void write.run(() => needsApi.raise(v), { success: t('participation.portal.needSaved'), invalidates: ['participation'], form, then: () => form.resetFields() })}>
        <Form.Item name="needClass" label={t('participation.needs.class')} rules={[{ required: true }]}><Select options={needClasses.map((c) => ({ value: c, label: t(`participation.needClass.${c}`) }))} /></Form.Item>
        <Form.Item name="title" label={t('participation.needs.titleField')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="description" label={t('participation.needs.description')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={write.busy}>{t('participation.portal.need')}</Button>
      </Form>
      {mine.error && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && mine.data.items.length > 0 && (
        <List size="small" header={t('participation.portal.myNeeds')} dataSource={mine.data.items} renderItem={(n) => <List.Item>{n.title} · {t(`participation.needStatus.${n.status}`)}</List.Item>} />
      )}
    </Card>
  );
}

function WishEntry({ wish }: { wish: Wish }) {
  const t = useT();
  const write = useWrite();
  const [form] = Form.useForm<{ thanks: string }>();
  return (
    <List.Item data-testid="portal-wish">
      <List.Item.Meta
        title={<Space wrap><span>{wish.wish}</span><WishStatusTag status={wish.status} />{wish.isMine && <Typography.Text type="secondary">{t('participation.portal.mine')}</Typography.Text>}</Space>}
        description={
          <Space direction="vertical" style={{ width: '100%' }}>
            {wish.claimantName && <Typography.Text type="secondary">{t('participation.board.claimant', { name: wish.claimantName })}</Typography.Text>}
            {wish.thanks && <Typography.Text>{wish.thanks}</Typography.Text>}
            {wish.isMine && wish.status === 'fulfilled' && (
              <Form form={form} layout="inline" onFinish={(v) => void write.run(() => wishesApi.thank(wish.id, { thanks: v.thanks, version: wish.version }), { success: t('participation.portal.thanked'), invalidates: ['participation'], form })}>
                <Form.Item name="thanks" rules={[{ required: true }]}><Input placeholder={t('participation.wishes.thanks')} aria-label={t('participation.wishes.thanks')} maxLength={200} /></Form.Item>
                <Button htmlType="submit" loading={write.busy}>{t('participation.wishes.thank')}</Button>
              </Form>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

export function CommunityWishes() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useApiQuery(['participation', 'my', 'wishes', page], (signal) => wishesApi.community({ page, pageSize }, signal));
  return (
    <Card title={t('participation.portal.wishes')}>
      {list.isLoading && <Skeleton active />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <List locale={{ emptyText: <Empty description={t('participation.wishes.empty')} /> }} dataSource={list.data.items} renderItem={(w) => <WishEntry wish={w} />} />
          {list.data.total > pageSize && <Pagination size="small" current={page} pageSize={pageSize} total={list.data.total} onChange={setPage} showSizeChanger={false} />}
        </>
      )}
    </Card>
  );
}

export function MyPointsCard() {
  const t = useT();
  const points = useApiQuery(['participation', 'my', 'points'], (signal) => pointsApi.mine(signal));
  return (
    <Card title={t('participation.portal.points')}>
      {points.isLoading && <Skeleton active paragraph={{ rows: 1 }} />}
      {points.error && <ErrorAlert error={points.error} onRetry={() => void points.refetch()} />}
      {points.data && (
        <>
          <Statistic value={points.data.balance} />
          <List size="small" dataSource={points.data.entries.slice(0, 10)} renderItem={(e) => <List.Item>{t(`participation.points.action.${e.action}`)} · {e.note} · +{e.points}</List.Item>} />
        </>
      )}
    </Card>
  );
}
