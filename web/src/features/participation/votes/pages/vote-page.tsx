// /console/participation/votes/:id: one vote — electorate and turnout, open/close/publish, the
// result against the quorum table, the electorate list, and paper ballots under the two-person rule.
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Form, Input, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ballotChoices, type BallotChoice } from '#server/modules/participation/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../../platform/components/labels.tsx';
import { EnumFilter, FilterBar, ListSearch, pick } from '../../../../platform/components/list-filters.tsx';
import { ListTable, QueryTable } from '../../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { sqm, votingApi, type PaperBallot, type Vote, type VoteUnit } from '../api.ts';
import { VoteStatusTag } from './votes-page.tsx';

export function VoteResult({ vote }: { vote: Vote }) {
  const t = useT();
  const r = vote.result;
  if (!r) return null;
  const byArea = vote.rule === 'owners';
  return (
    <Card size="small" title={t('participation.vote.result')} data-testid="vote-result">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={r.quorumMet ? 'green' : 'red'}>{t(r.quorumMet ? 'participation.vote.quorumMet' : 'participation.vote.quorumNotMet')}</Tag>
        <Tag color={r.passed ? 'green' : 'orange'}>{t(r.passed ? 'participation.vote.passed' : 'participation.vote.notPassed')}</Tag>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={ballotChoices.map((c) => ({ key: c, label: t(`participation.vote.choice.${c}`), children: `${r.choices[c].count}${byArea ? ` · ${sqm(r.choices[c].area)} ㎡` : ''}` }))} />
      <Table size="small" rowKey={(c) => `${c.stage}-${c.measure}`} pagination={false} dataSource={r.checks} columns={[
        { title: '', render: (_, c) => `${t(`participation.vote.check.${c.stage}`)} · ${t(`participation.vote.check.${c.measure}`)}` },
        { title: '', render: (_, c) => (c.measure === 'area' ? `${sqm(c.part)} / ${sqm(c.whole)} ㎡` : `${c.part} / ${c.whole}`) },
        { title: '', render: (_, c) => t('participation.vote.check.share', { strict: t(c.share.strict ? 'participation.vote.check.more' : 'participation.vote.check.atLeast'), num: c.share.num, den: c.share.den }) },
        { title: '', render: (_, c) => <Tag color={c.met ? 'green' : 'red'}>{t(c.met ? 'participation.voting.yes' : 'participation.voting.no')}</Tag> },
      ]} showHeader={false} />
    </Card>
  );
}

function PaperBallots({ vote }: { vote: Vote }) {
  const t = useT();
  const write = useWrite();
  const papers = useApiQuery(['participation', 'votes', vote.id, 'paper'], (signal) => votingApi.paperBallots(vote.id, signal));
  const decide = (p: PaperBallot, decision: 'confirm' | 'reject') =>
    void write.run(() => votingApi.decidePaper(vote.id, p.id, decision), { success: t('participation.vote.paperConfirmed'), invalidates: ['participation', 'votes'] });
  return (
    <Card size="small" title={t('participation.vote.paper')}>
      <QueryTable<PaperBallot> query={papers} rows={papers.data?.items ?? []} size="small" rowKey="id" pagination={false} data-testid="paper-ballots" locale={{ emptyText: t('participation.voting.none') }} columns={[
        { title: t('participation.vote.unit'), dataIndex: 'unitLabel' },
        { title: t('participation.vote.choice'), render: (_, p) => (p.choice ? t(`participation.vote.choice.${p.choice}`) : '—') },
        { title: t('participation.vote.status'), render: (_, p) => <Tag>{t(`participation.vote.paper.${p.status}`)}</Tag> },
        { title: t('participation.vote.enteredBy'), render: (_, p) => <>{p.enteredByName} <DateTime value={p.enteredAt} /></> },
        { title: t('participation.vote.confirmedBy'), render: (_, p) => p.confirmedByName ?? '' },
        { title: '', render: (_, p) => p.status === 'pending' && vote.status === 'open' && (
          <Space>
            <Button size="small" type="primary" loading={write.busy} onClick={() => decide(p, 'confirm')}>{t('participation.vote.paperConfirm')}</Button>
            <Button size="small" loading={write.busy} onClick={() => decide(p, 'reject')}>{t('participation.vote.paperReject')}</Button>
          </Space>
        ) },
      ]} />
    </Card>
  );
}

export function VotePage() {
  const t = useT();
  const id = useParams().id ?? '';
  const write = useWrite();
  const [paperFor, setPaperFor] = useState<VoteUnit | null>(null);
  const [ownerFor, setOwnerFor] = useState<VoteUnit | null>(null);
  const [paperForm] = Form.useForm<{ choice: BallotChoice }>();
  const [ownerForm] = Form.useForm<{ representativeName: string }>();
  const vote = useApiQuery(['participation', 'votes', 'one', id], (signal) => votingApi.vote(id, signal));
  const units = useListPage({
    queryKey: ['participation', 'votes', 'units', id],
    filters: (p) => ({ voted: pick(p.get('voted'), ['yes', 'no'] as const), q: p.get('q') ?? undefined }),
    load: (f, paging, signal) => votingApi.units(id, { ...paging, ...f }, signal),
  });
  const v = vote.data;
  const done = (success: string) => ({ success, invalidates: ['participation', 'votes'] });
  return (
    <Flex vertical gap={12}>
      <Link to="/console/participation/votes"><Button icon={<ArrowLeftOutlined />} type="link" style={{ paddingLeft: 0 }}>{t('participation.voting.back')}</Button></Link>
      {vote.isLoading && <Skeleton active />}
      {vote.error && <ErrorAlert error={vote.error} onRetry={() => void vote.refetch()} />}
      {v && (
        <>
          <Card size="small">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Title level={4} style={{ margin: 0 }}>{v.title} <VoteStatusTag vote={v} /></Typography.Title>
              <Space wrap>
                {v.status === 'draft' && <Button type="primary" loading={write.busy} data-testid="vote-open" onClick={() => void write.run(() => votingApi.voteStep(v.id, 'open', v.version), done(t('participation.vote.status.open')))}>{t('participation.vote.open')}</Button>}
                {v.status === 'open' && <Button type="primary" loading={write.busy} data-testid="vote-close" onClick={() => void write.run(() => votingApi.voteStep(v.id, 'close', v.version), done(t('participation.vote.status.closed')))}>{t('participation.vote.close')}</Button>}
                {v.status === 'closed' && !v.publishedAt && <Button type="primary" loading={write.busy} data-testid="vote-publish" onClick={() => void write.run(() => votingApi.publishVote(v.id), done(t('participation.vote.published')))}>{t('participation.vote.publish')}</Button>}
                {v.publishedAt && <Tag color="blue">{t('participation.vote.published')}</Tag>}
                <Button icon={<DownloadOutlined />} onClick={() => downloadFile(votingApi.countsUrl(v.id))}>{t('participation.voting.export')}</Button>
              </Space>
            </Flex>
            <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2, lg: 3 }} items={[
              { key: 'rule', label: t('participation.vote.rule'), children: t(`participation.vote.rule.${v.rule}`) },
              { key: 'basis', label: t('participation.vote.basis'), children: t(`participation.vote.basis.${v.basis}`) },
              { key: 'matter', label: t('participation.vote.matter'), children: t(`participation.vote.matter.${v.matter}`) },
              { key: 'scope', label: t('participation.vote.scope'), children: `${t(`participation.vote.scope.${v.scopeKind}`)} · ${v.scopeName}` },
              { key: 'secret', label: t('participation.vote.secret'), children: t(v.secret ? 'participation.voting.yes' : 'participation.voting.no') },
              { key: 'turnout', label: t('participation.vote.turnout'), children: <span data-testid="vote-turnout">{`${v.turnout.count} / ${v.electorate.count}${v.rule === 'owners' ? ` · ${sqm(v.turnout.area)} / ${sqm(v.electorate.area)} ㎡` : ''}`}</span> },
            ]} />
          </Card>
          <VoteResult vote={v} />
          {v.status !== 'draft' && <PaperBallots vote={v} />}
          {v.status !== 'draft' && (
            <Card size="small" title={t('participation.vote.units')}>
              <FilterBar>
                <ListSearch list={units} placeholder={t('participation.vote.searchUnit')} />
                <EnumFilter list={units} param="voted" values={['yes', 'no'] as const} label={(x) => t(x === 'yes' ? 'participation.vote.voted' : 'participation.vote.notVoted')} placeholder={t('participation.vote.turnout')} width={120} />
              </FilterBar>
              <ListTable<VoteUnit> list={units} size="small" data-testid="vote-units" emptyText={t('participation.voting.none')} columns={[
                { key: 'label', title: t('participation.vote.unit'), dataIndex: 'label' },
                { key: 'rep', title: t('participation.vote.representative'), render: (_, u) => u.representativeName ?? (v.status === 'open' ? <Button size="small" onClick={() => setOwnerFor(u)}>{t('participation.vote.nameOwner')}</Button> : '—') },
                ...(v.rule === 'owners' ? [{ key: 'area', title: t('participation.vote.area'), render: (_: unknown, u: VoteUnit) => sqm(u.area) }] : []),
                { key: 'voted', title: t('participation.vote.turnout'), render: (_, u) => (u.voted ? <Tag color="green">{t(`participation.vote.channel.${u.channel ?? 'online'}`)}{u.choice ? ` · ${t(`participation.vote.choice.${u.choice}`)}` : ''}</Tag> : <Tag>{t('participation.vote.notVoted')}</Tag>) },
                { key: 'paper', title: '', render: (_, u) => !u.voted && v.status === 'open' && <Button size="small" onClick={() => setPaperFor(u)} data-testid="paper-enter">{t('participation.vote.paperEnter')}</Button> },
              ]} />
            </Card>
          )}
          <FormModal<{ choice: BallotChoice }> title={`${t('participation.vote.paperEnter')} · ${paperFor?.label ?? ''}`} open={paperFor !== null} onClose={() => setPaperFor(null)} form={paperForm} testId="paper-form"
            onSubmit={(f) => write.run(() => votingApi.enterPaper(v.id, { unitId: paperFor!.id, choice: f.choice }), { success: t('participation.vote.paperEntered'), invalidates: ['participation', 'votes'], form: paperForm, then: () => setPaperFor(null) })}>
            <Form.Item name="choice" label={t('participation.vote.cast')} rules={[{ required: true }]}><Select options={ballotChoices.map((c) => ({ value: c, label: t(`participation.vote.choice.${c}`) }))} /></Form.Item>
          </FormModal>
          <FormModal<{ representativeName: string }> title={`${t('participation.vote.nameOwner')} · ${ownerFor?.label ?? ''}`} open={ownerFor !== null} onClose={() => setOwnerFor(null)} form={ownerForm}
            onSubmit={(f) => write.run(() => votingApi.nameOwner(v.id, { unitId: ownerFor!.id, representativeName: f.representativeName }), { success: t('participation.voting.saved'), invalidates: ['participation', 'votes'], form: ownerForm, then: () => setOwnerFor(null) })}>
            <Form.Item name="representativeName" label={t('participation.vote.representative')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
          </FormModal>
        </>
      )}
    </Flex>
  );
}
