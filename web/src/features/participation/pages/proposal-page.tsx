// /console/participation/proposals/:id: one proposal with its review (criteria, panel, each
// reviewer's scores and the mean), answer, implementation (unit, milestones, progress) and
// the residents' evaluation against the 95 % bar; the actions allowed now.
import { Button, Card, Descriptions, Flex, Progress, Skeleton, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { StatusResult } from '../../../platform/components/status-result.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { proposalsApi, type Proposal } from '../api.ts';
import { ProposalActions } from '../components/proposal-actions.tsx';
import { ProposalStatusTag, Satisfaction } from '../components/labels.tsx';

function Milestones({ proposal }: { proposal: Proposal }) {
  const t = useT();
  const write = useWrite();
  const implementing = proposal.status === 'implementing' && proposal.allowedActions.includes('complete');
  return (
    <Table
      size="small"
      rowKey="seq"
      pagination={false}
      dataSource={proposal.milestones}
      data-testid="milestones"
      locale={{ emptyText: '—' }}
      columns={[
        { key: 'seq', title: '#', dataIndex: 'seq', width: 40 },
        { key: 'title', title: t('participation.proposal.milestoneTitle'), dataIndex: 'title' },
        { key: 'due', title: t('participation.proposal.dueOn'), dataIndex: 'dueOn', width: 110 },
        {
          key: 'done', title: t('participation.proposal.doneAt'), width: 170,
          render: (_, m) =>
            m.doneAt ? <DateTime value={m.doneAt} /> : implementing ? (
              <Button size="small" data-testid={`milestone-done-${m.seq}`} onClick={() => void write.run(() => proposalsApi.act(proposal.id, `milestones/${m.seq}/done`, { version: proposal.version }), { success: t('participation.proposal.done.ok'), invalidates: ['participation'] })}>{t('participation.proposal.done')}</Button>
            ) : '—',
        },
      ]}
    />
  );
}

export function ProposalPage() {
  const t = useT();
  const { id = '' } = useParams();
  const proposal = useApiQuery(['participation', 'proposal', id], (signal) => proposalsApi.get(id, signal));
  if (proposal.isLoading) return <Skeleton active />;
  if (proposal.error?.status === 404) return <StatusResult status="404" message={t('common.notFound')} />;
  if (proposal.error) return <ErrorAlert error={proposal.error} onRetry={() => void proposal.refetch()} />;
  const p = proposal.data!;
  return (
    <Flex vertical gap={12}>
      <Link to="/console/participation/proposals">{t('participation.proposal.back')}</Link>
      <Typography.Title level={4} style={{ margin: 0 }}>{p.title} <ProposalStatusTag status={p.status} /></Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('participation.proposals.community')}>{p.communityName}</Descriptions.Item>
        <Descriptions.Item label={t('participation.proposals.proposer')}>{p.proposerKind === 'resident' ? t('participation.proposer.resident') : `${t(`participation.proposer.${p.proposerKind}`)}：${p.proposerName}`}</Descriptions.Item>
        <Descriptions.Item label={t('participation.needs.matter')}>{p.matterKind ? t(`participation.matter.${p.matterKind}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('participation.proposals.supports')}><span data-testid="support-count">{p.supportCount}</span></Descriptions.Item>
        <Descriptions.Item label={t('participation.proposals.createdAt')}><DateTime value={p.createdAt} /></Descriptions.Item>
        {p.mergedInto && <Descriptions.Item label={t('participation.proposal.mergedInto')}><Link to={`/console/participation/proposals/${p.mergedInto}`}>{p.mergedInto}</Link></Descriptions.Item>}
        <Descriptions.Item label={t('participation.proposals.body')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.body}</Typography.Paragraph></Descriptions.Item>
      </Descriptions>
      <ProposalActions proposal={p} />
      {p.reviewCriteria && (
        <Card size="small" title={t('participation.proposal.scores')}>
          <Typography.Paragraph><Typography.Text strong>{t('participation.proposal.criteria')}：</Typography.Text>{p.reviewCriteria}</Typography.Paragraph>
          <Typography.Paragraph>{t('participation.proposal.panel')}：{p.panel.map((m) => `${m.name}${m.scored ? ' ✓' : ''}`).join('、')} · {t('participation.proposals.mean')}：<span data-testid="review-mean">{p.reviewMean ?? '—'}</span></Typography.Paragraph>
          <Table
            size="small"
            rowKey="reviewerName"
            pagination={false}
            dataSource={p.scores}
            locale={{ emptyText: t('participation.proposal.noScores') }}
            columns={[
              { key: 'who', title: t('participation.proposal.reviewer'), dataIndex: 'reviewerName' },
              { key: 'f', title: t('participation.proposal.feasibility'), dataIndex: 'feasibility', width: 80 },
              { key: 'b', title: t('participation.proposal.benefit'), dataIndex: 'benefit', width: 80 },
              { key: 'c', title: t('participation.proposal.cost'), dataIndex: 'cost', width: 80 },
              { key: 'comment', title: t('participation.proposal.comment'), dataIndex: 'comment' },
            ]}
          />
        </Card>
      )}
      {p.answer && (
        <Card size="small" title={t('participation.proposal.answer')} data-testid="answer">
          <Typography.Paragraph>{t(`participation.answer.${p.answer}`)} · <DateTime value={p.answeredAt} /></Typography.Paragraph>
          {p.answerReason && <Typography.Paragraph>{t('participation.proposal.reason')}：{p.answerReason}</Typography.Paragraph>}
        </Card>
      )}
      {p.responsibleUnit && (
        <Card size="small" title={`${t('participation.proposal.responsibleUnit')}：${p.responsibleUnit}`}>
          <Progress percent={p.progress} />
          <Milestones proposal={p} />
        </Card>
      )}
      {(p.status === 'completed' || p.status === 'closed') && (
        <Card size="small" title={t('participation.proposal.evaluation')}>
          <Satisfaction evaluation={p.evaluation} />
        </Card>
      )}
    </Flex>
  );
}
