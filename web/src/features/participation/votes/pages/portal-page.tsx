// /portal/participation/votes: a verified resident's open votes (vote once for their unit) and
// their community's participatory budget (choose projects for the household within the amount).
import { Alert, Button, Card, Checkbox, Empty, Flex, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ballotChoices, type BallotChoice } from '#server/modules/participation/contract.ts';
import { useAuth } from '../../../../platform/auth.tsx';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../../platform/components/portal-frame.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useWrite } from '../../../../platform/use-write.ts';
import { votingApi, yuan, type Budget, type MyVote } from '../api.ts';
import { VoteResult } from './vote-page.tsx';

function VoteCard({ mine }: { mine: MyVote }) {
  const t = useT();
  const write = useWrite();
  const [choice, setChoice] = useState<BallotChoice | null>(null);
  const v = mine.vote;
  return (
    <Card size="small" data-testid="my-vote" title={<Space wrap>{v.title}<Tag>{t(`participation.vote.status.${v.status}`)}</Tag></Space>}>
      {v.description && <Typography.Paragraph>{v.description}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t(`participation.vote.rule.${v.rule}`)} · {mine.unitLabel}</Typography.Paragraph>
      {mine.voted && <Alert type="success" showIcon message={t('participation.vote.youVoted')} data-testid="voted" />}
      {mine.mayVote && (
        <Flex vertical gap={8}>
          <Radio.Group aria-label={t('participation.vote.cast')} value={choice} onChange={(e) => setChoice(e.target.value as BallotChoice)} optionType="button" buttonStyle="solid" size="large"
            options={ballotChoices.map((c) => ({ value: c, label: t(`participation.vote.choice.${c}`) }))} />
          <Button type="primary" size="large" disabled={!choice} loading={write.busy} data-testid="cast"
            onClick={() => void write.run(() => votingApi.castBallot(v.id, choice!), { success: t('participation.vote.castDone'), invalidates: ['participation', 'my'] })}>{t('participation.vote.cast')}</Button>
        </Flex>
      )}
      {v.result && <VoteResult vote={v} />}
    </Card>
  );
}

function BudgetChoice({ budget, chosen }: { budget: Budget; chosen: string[] | null }) {
  const t = useT();
  const write = useWrite();
  const [picked, setPicked] = useState<string[]>(chosen ?? []);
  const feasible = budget.projects.filter((p) => p.feasibility === 'feasible');
  const total = feasible.filter((p) => picked.includes(p.id)).reduce((s, p) => s + p.costFen, 0);
  const over = total > budget.amountFen;
  return (
    <Card size="small" data-testid="my-budget" title={<Space wrap>{budget.title}<Tag color="blue">{t(`participation.budget.status.${budget.status}`)}</Tag></Space>}>
      {budget.status === 'voting' && !chosen ? (
        <Flex vertical gap={8}>
          <Checkbox.Group value={picked} onChange={(v) => setPicked(v)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={feasible.map((p) => ({ value: p.id, label: `${p.title}（${yuan(p.costFen)} 元）` }))} />
          <Typography.Text type={over ? 'danger' : 'secondary'} data-testid="budget-total">{t('participation.budget.total', { total: yuan(total), amount: yuan(budget.amountFen) })}{over ? ` · ${t('participation.budget.over')}` : ''}</Typography.Text>
          <Button type="primary" disabled={picked.length === 0 || over} loading={write.busy}
            onClick={() => void write.run(() => votingApi.choose(budget.id, picked), { success: t('participation.budget.chosen'), invalidates: ['participation', 'my'] })}>{t('participation.budget.choose')}</Button>
        </Flex>
      ) : (
        <Flex vertical gap={4}>
          {chosen && <Alert type="success" showIcon message={t('participation.budget.chosen')} />}
          {budget.projects.map((p) => (
            <Typography.Text key={p.id}>{p.title} · {yuan(p.costFen)} 元{budget.status === 'decided' ? ` · ${p.votes} ${t('participation.budget.votes')}` : ''}{p.won ? ` · ${t('participation.budget.won')} · ${t('participation.budget.progress')} ${p.progress}%` : ''}</Typography.Text>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export function PortalVotingPage() {
  const t = useT();
  const { me, can } = useAuth();
  const resident = can('participation.take_part');
  const votes = useApiQuery(['participation', 'my', 'votes', me?.id ?? ''], resident ? (signal) => votingApi.myVotes(signal) : null);
  const budgets = useApiQuery(['participation', 'my', 'budgets', me?.id ?? ''], resident ? (signal) => votingApi.myBudgets(signal) : null);
  const notVerified = votes.data?.verified === false;
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Typography.Title level={3}>{t('participation.meeting.portalTitle')}</Typography.Title>
      <Typography.Paragraph>{t('participation.meeting.portalIntro')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        {!me && <Link to="/login?next=/portal/participation/votes">{t('portal.staffLogin')}</Link>}
        {notVerified && <Alert type="info" showIcon message={t('participation.vote.notVerified')} />}
        {votes.isLoading && <Skeleton active />}
        {votes.error && <ErrorAlert error={votes.error} onRetry={() => void votes.refetch()} />}
        {votes.data?.verified && (
          <>
            <Typography.Title level={4}>{t('participation.vote.my')}</Typography.Title>
            {votes.data.items.length === 0 && <Empty description={t('participation.vote.myEmpty')} />}
            {votes.data.items.map((v) => <VoteCard key={v.vote.id} mine={v} />)}
          </>
        )}
        {budgets.data && budgets.data.items.length > 0 && (
          <>
            <Typography.Title level={4}>{t('participation.budget.title')}</Typography.Title>
            {budgets.data.items.map((b) => <BudgetChoice key={b.budget.id} budget={b.budget} chosen={b.chosen} />)}
          </>
        )}
      </Flex>
    </PortalFrame>
  );
}
