// One application's file as every party sees it: plan, budget, scores, contract, milestones,
// tranches, indicators, visits, evaluation and the timeline. The parties' actions come in as slots.
import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Flex, Progress, Skeleton, Table, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../../../../platform/api-client.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { yuan, type ApplicationDetail } from '../api.ts';
import { ApplicationStatusTag, MilestoneStatusTag } from './labels.tsx';

type Milestone = ApplicationDetail['milestones'][number];
type Tranche = ApplicationDetail['tranches'][number];

export interface ApplicationSlots {
  /** Above the file: the party's main action (award, review). */
  top?: (a: ApplicationDetail) => ReactNode;
  milestoneAction?: (a: ApplicationDetail, m: Milestone) => ReactNode;
  trancheAction?: (a: ApplicationDetail, t: Tranche) => ReactNode;
  /** Beside the indicators (record services) and the visits (record a visit, the evaluation). */
  indicatorsExtra?: (a: ApplicationDetail) => ReactNode;
  supervisionExtra?: (a: ApplicationDetail) => ReactNode;
  /** Where a deliverable file opens for this party; without it the files are named only. */
  deliverableUrl?: (fileId: string) => string;
}

/** A milestone's deliverable files (photos, PDF) under its report. */
function Deliverables({ milestone, url }: { milestone: Milestone; url: ApplicationSlots['deliverableUrl'] }) {
  const t = useT();
  if (milestone.deliverables.length === 0) return null;
  return (
    <Flex gap={4} wrap align="center" data-testid="milestone-files" style={{ marginTop: 4 }}>
      <PaperClipOutlined aria-label={t('community.projects.files')} />
      {milestone.deliverables.map((d) =>
        url ? <Typography.Link key={d.id} href={url(d.id)} target="_blank">{d.filename}</Typography.Link> : <Typography.Text key={d.id}>{d.filename}</Typography.Text>,
      )}
    </Flex>
  );
}

export function ApplicationView({ query, slots = {} }: { query: UseQueryResult<ApplicationDetail, ApiError>; slots?: ApplicationSlots }) {
  const t = useT();
  if (query.isLoading) return <Skeleton active />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  if (!a) return null;
  return (
    <Flex vertical gap={12} data-testid="application-view">
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {a.organisationName} · {a.title}
          </Typography.Title>
          <ApplicationStatusTag status={a.status} />
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          style={{ marginTop: 12 }}
          items={[
            { key: 'call', label: t('community.projects.call'), children: a.callTitle },
            { key: 'requested', label: t('community.projects.requested'), children: yuan(a.requestedFen) },
            { key: 'awarded', label: t('community.projects.awarded'), children: <span data-testid="application-awarded">{yuan(a.awardedFen)}</span> },
            { key: 'contract', label: t('community.projects.contractNumber'), children: a.contractNumber ?? '—' },
            { key: 'score', label: t('community.projects.score'), children: <span data-testid="application-score">{a.score ?? '—'}</span> },
            { key: 'rank', label: t('community.projects.rank'), children: a.rank ?? '—' },
            { key: 'reviews', label: t('community.projects.reviews'), children: t('community.projects.reviewCount', { reviews: a.reviews, conflicts: a.conflicts }) },
          ]}
        />
        <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{a.plan}</Typography.Paragraph>
      </Card>
      {slots.top?.(a)}
      <Card size="small" title={t('community.projects.budgetAndScores')}>
        <Flex gap={16} wrap>
          <Table size="small" pagination={false} rowKey="item" dataSource={a.budgetLines} style={{ minWidth: 320 }}
            columns={[{ title: t('community.projects.budgetItem'), dataIndex: 'item' }, { title: t('community.projects.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) }]} />
          <Table size="small" pagination={false} rowKey="key" dataSource={a.criteria} style={{ minWidth: 320 }} data-testid="score-lines"
            columns={[
              { title: t('community.projects.criterion'), dataIndex: 'name' },
              { title: t('community.projects.maxScore'), dataIndex: 'maxScore' },
              { title: t('community.projects.average'), key: 'avg', render: (_, c) => { const l = a.scoreLines.find((x) => x.criterionKey === c.key); return l ? `${l.average}（${t('community.projects.counted', { counted: l.counted, dropped: l.dropped })}）` : '—'; } },
            ]} />
        </Flex>
      </Card>
      <Card size="small" title={t('community.projects.milestones')}>
        <Table size="small" pagination={false} rowKey="id" dataSource={a.milestones} data-testid="milestones"
          columns={[
            { title: '#', dataIndex: 'seq', width: 40 },
            { title: t('community.projects.milestone'), dataIndex: 'title' },
            { title: t('community.projects.dueOn'), dataIndex: 'dueOn', width: 110 },
            { title: t('community.projects.status'), dataIndex: 'status', width: 90, render: (_, m) => <MilestoneStatusTag status={m.status} /> },
            { title: t('community.projects.report'), dataIndex: 'report', render: (v: string | null, m) => <>{v ?? '—'}<Deliverables milestone={m} url={slots.deliverableUrl} />{m.decisionNote ? <Typography.Text type="secondary"><br />{m.decidedBy}：{m.decisionNote}</Typography.Text> : null}</> },
            { title: t('common.actions'), key: 'act', width: 200, render: (_, m) => slots.milestoneAction?.(a, m) },
          ]} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('community.projects.tranches')}</Typography.Title>
        {a.tranches.length === 0 ? <Empty description={t('community.projects.noContract')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
          <Table size="small" pagination={false} rowKey="id" dataSource={a.tranches} data-testid="tranches"
            columns={[
              { title: '#', dataIndex: 'seq', width: 40 },
              { title: t('community.projects.milestone'), dataIndex: 'milestoneSeq', width: 80 },
              { title: t('community.projects.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('community.projects.paid'), key: 'paid', render: (_, x) => (x.paidAt ? <span data-testid="tranche-paid">{t('community.projects.paidOn', { at: x.paidAt.slice(0, 10), voucher: x.voucherNumber ?? '' })}</span> : '—') },
              { title: t('common.actions'), key: 'act', width: 200, render: (_, x) => slots.trancheAction?.(a, x) },
            ]} />
        )}
      </Card>
      <Card size="small" title={t('community.projects.indicators')} extra={slots.indicatorsExtra?.(a)}>
        <Flex vertical gap={8}>
          {a.indicators.map((i) => (
            <Flex key={i.key} gap={12} align="center">
              <span style={{ width: 160 }}>{i.name}</span>
              <Progress percent={Math.min(100, Math.round((i.achieved * 100) / i.target))} style={{ maxWidth: 360 }} aria-label={i.name} />
              <span>{i.achieved} / {i.target} {i.unit}</span>
            </Flex>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('community.projects.supervision')} extra={slots.supervisionExtra?.(a)}>
        {a.siteVisits.length === 0 && !a.evaluation && <Empty description={t('community.projects.noVisits')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {a.siteVisits.map((v, n) => (
          <Typography.Paragraph key={n} style={{ margin: 0 }}>{v.visitedOn} · {v.visitor} · {'★'.repeat(v.rating)} {v.findings}</Typography.Paragraph>
        ))}
        {a.evaluation && (
          <Descriptions size="small" style={{ marginTop: 8 }} title={t('community.projects.evaluation')} column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'e', label: t('community.projects.evaluator'), children: a.evaluation.evaluator },
              { key: 's', label: t('community.projects.thirdPartyScore'), children: a.evaluation.thirdPartyScore },
              { key: 'r', label: t('community.projects.satisfaction'), children: `${a.evaluation.satisfied} / ${a.evaluation.surveyed}` },
              { key: 'c', label: t('community.projects.conclusion'), children: a.evaluation.conclusion },
            ]} />
        )}
      </Card>
      <Card size="small" title={t('community.projects.timeline')}>
        <Timeline items={a.timeline.map((e) => ({ children: <><Typography.Text type="secondary">{e.at.slice(0, 16).replace('T', ' ')} · {e.actor}</Typography.Text><br />{e.summary}</> }))} />
      </Card>
    </Flex>
  );
}
