// /m/participation: a grid worker on a phone — sign participants in at a meeting (in person or by
// a proxy with consent), and enter paper ballots of their grid's units for a second person to confirm.
import { Button, Card, Empty, Flex, Form, List, Select, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ballotChoices, type BallotChoice } from '#server/modules/participation/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { MobileHeader } from '../../../../platform/components/mobile-header.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useWrite } from '../../../../platform/use-write.ts';
import { votingApi } from '../../votes/api.ts';
import { SignInButtons } from './sign-in.tsx';

function MeetingSignIn() {
  const t = useT();
  const [meetingId, setMeetingId] = useState<string | undefined>();
  const meetings = useApiQuery(['participation', 'meetings', 'mobile'], (signal) => votingApi.meetings({ page: 1, pageSize: 50, status: 'notified' }, signal));
  const people = useApiQuery(['participation', 'meetings', 'participants', meetingId ?? '', 'mobile'], meetingId ? (signal) => votingApi.participants(meetingId, { page: 1, pageSize: 200 }, signal) : null);
  return (
    <Flex vertical gap={8}>
      {meetings.error && <ErrorAlert error={meetings.error} onRetry={() => void meetings.refetch()} />}
      <Select size="large" placeholder={t('participation.meeting.mobilePick')} aria-label={t('participation.meeting.mobilePick')} value={meetingId} onChange={setMeetingId} loading={meetings.isLoading}
        options={(meetings.data?.items ?? []).map((m) => ({ value: m.id, label: m.title }))} notFoundContent={t('participation.meeting.empty')} />
      {people.isLoading && <Skeleton active />}
      {people.error && <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />}
      {people.data && (
        <List dataSource={people.data.items} locale={{ emptyText: <Empty description={t('participation.voting.none')} /> }} renderItem={(p) => (
          <List.Item>
            <Flex vertical style={{ width: '100%' }} gap={4}>
              <Typography.Text strong>{p.name} <Typography.Text type="secondary">{p.label}</Typography.Text></Typography.Text>
              {p.signedInAt ? <Tag color="green">{t('participation.meeting.signedInDone')}{p.proxy ? ` · ${p.proxy.proxyName}` : ''}</Tag> : <SignInButtons meetingId={meetingId!} participant={p} size="middle" />}
            </Flex>
          </List.Item>
        )} />
      )}
    </Flex>
  );
}

function PaperBallots() {
  const t = useT();
  const write = useWrite();
  const [voteId, setVoteId] = useState<string | undefined>();
  const [form] = Form.useForm<{ unitId: string; choice: BallotChoice }>();
  const votes = useApiQuery(['participation', 'votes', 'mobile'], (signal) => votingApi.votes({ page: 1, pageSize: 50, status: 'open' }, signal));
  const units = useApiQuery(['participation', 'votes', 'units', voteId ?? '', 'mobile'], voteId ? (signal) => votingApi.units(voteId, { page: 1, pageSize: 500, voted: 'no' }, signal) : null);
  return (
    <Flex vertical gap={8}>
      {votes.error && <ErrorAlert error={votes.error} onRetry={() => void votes.refetch()} />}
      <Select size="large" placeholder={t('participation.vote.title')} aria-label={t('participation.vote.title')} value={voteId} onChange={setVoteId} loading={votes.isLoading}
        options={(votes.data?.items ?? []).map((v) => ({ value: v.id, label: v.title }))} notFoundContent={t('participation.vote.empty')} />
      {units.error && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
      {voteId && (
        <Card size="small">
          <Form form={form} layout="vertical" onFinish={(v) => void write.run(() => votingApi.enterPaper(voteId, v), { success: t('participation.vote.paperEntered'), invalidates: ['participation', 'votes'], form, then: () => form.resetFields() })}>
            <Form.Item name="unitId" label={t('participation.vote.unit')} rules={[{ required: true }]}>
              <Select size="large" showSearch optionFilterProp="label" loading={units.isLoading} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.label} ${u.representativeName ?? ''}` }))} />
            </Form.Item>
            <Form.Item name="choice" label={t('participation.vote.cast')} rules={[{ required: true }]}><Select size="large" options={ballotChoices.map((c) => ({ value: c, label: t(`participation.vote.choice.${c}`) }))} /></Form.Item>
            <Button type="primary" size="large" block htmlType="submit" loading={write.busy}>{t('participation.vote.paperEnter')}</Button>
          </Form>
        </Card>
      )}
    </Flex>
  );
}

export function MobileParticipationPage() {
  const t = useT();
  return (
    <>
      <MobileHeader title={t('participation.meeting.mobileTitle')} back={{ to: '/m', label: t('common.backHome') }} />
      <div style={{ padding: 12 }}>
        <Tabs items={[
          { key: 'sign-in', label: t('participation.meeting.mobileTitle'), children: <MeetingSignIn /> },
          { key: 'paper', label: t('participation.vote.mobileTitle'), children: <PaperBallots /> },
        ]} />
      </div>
    </>
  );
}
