// /console/participation/meetings/:id: one meeting — participants from the registry, sign-in in
// person or by a proxy with a recorded consent (shown on the act), minutes and speakers,
// resolutions followed to done, the sign-in sheet as .xlsx.
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Flex, Form, Input, List, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { consentHows, consentScopes, meetingTransitions, proxyKinds, type MeetingAction } from '#server/modules/participation/contract.ts';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../../platform/components/labels.tsx';
import { EnumFilter, FilterBar, ListSearch, pick } from '../../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { votingApi, type MeetingDetail, type Participant } from '../../votes/api.ts';
import { SignInButtons } from './sign-in.tsx';

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

function Participants({ meeting }: { meeting: MeetingDetail }) {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState<'registry' | 'named' | null>(null);
  const [consentFor, setConsentFor] = useState<Participant | null>(null);
  const [registryForm] = Form.useForm<{ scopeKind: 'community' | 'grid' | 'building'; scopeRef: string; basis: 'adults' | 'households' }>();
  const [namedForm] = Form.useForm<{ kind: 'org_unit' | 'expert' | 'worker'; name: string; label: string }>();
  const [consentForm] = Form.useForm<{ proxyName: string; proxyKind: 'family' | 'worker'; proxyRelation: string; scope: 'meeting' | 'standing'; givenOn: Dayjs; validUntil?: Dayjs; givenHow: 'written' }>();
  const list = useListPage({
    queryKey: ['participation', 'meetings', 'participants', meeting.id],
    filters: (p) => ({ signedIn: pick(p.get('signedIn'), ['yes', 'no'] as const), q: p.get('q') ?? undefined }),
    load: (f, paging, signal) => votingApi.participants(meeting.id, { ...paging, ...f }, signal),
  });
  const open = meeting.status !== 'published' && meeting.status !== 'cancelled';
  const done = (success: string, form: Parameters<typeof write.run>[1]['form'], then: () => void) => ({ success, invalidates: ['participation', 'meetings'], form, then });
  return (
    <Card size="small" title={t('participation.meeting.participants')} extra={open && (
      <Space wrap>
        <Button size="small" onClick={() => setAdding('registry')} data-testid="participants-registry">{t('participation.meeting.addFromRegistry')}</Button>
        <Button size="small" onClick={() => setAdding('named')}>{t('participation.meeting.addNamed')}</Button>
      </Space>
    )}>
      <FilterBar>
        <ListSearch list={list} placeholder={t('participation.council.memberName')} aria-label={t('participation.meeting.participants')} />
        <EnumFilter list={list} param="signedIn" values={['yes', 'no'] as const} label={(x) => t(x === 'yes' ? 'participation.meeting.signedInDone' : 'participation.vote.notVoted')} placeholder={t('participation.meeting.signedIn')} width={120} />
      </FilterBar>
      <ListTable<Participant> list={list} size="small" data-testid="participants-table" emptyText={t('participation.voting.none')} columns={[
        { key: 'name', title: t('participation.council.memberName'), render: (_, p) => <>{p.name} <Tag>{t(`participation.meeting.kind.${p.kind}`)}</Tag></> },
        { key: 'label', title: t('participation.meeting.label'), dataIndex: 'label' },
        { key: 'signedIn', title: t('participation.meeting.signedIn'), render: (_, p) => (p.signedInAt ? <DateTime value={p.signedInAt} /> : '—') },
        { key: 'proxy', title: t('participation.meeting.proxy'), render: (_, p) => p.proxy && (
          <Typography.Text data-testid="proxy-consent">{t('participation.meeting.proxyShown', { proxy: p.proxy.proxyName, relation: p.proxy.proxyRelation, principal: p.proxy.principalName, how: t(`participation.meeting.givenHow.${p.proxy.givenHow}`), on: p.proxy.givenOn })}</Typography.Text>
        ) },
        { key: 'act', title: '', render: (_, p) => (
          <Space>
            {!p.signedInAt && (meeting.status === 'notified' || meeting.status === 'held') && <SignInButtons meetingId={meeting.id} participant={p} />}
            {p.kind === 'resident' && p.residentId && open && <Button size="small" onClick={() => setConsentFor(p)} data-testid="consent-open">{t('participation.meeting.consent')}</Button>}
          </Space>
        ) },
      ]} />
      <FormModal title={t('participation.meeting.addFromRegistry')} open={adding === 'registry'} onClose={() => setAdding(null)} form={registryForm} initialValues={{ scopeKind: 'community', basis: 'households', scopeRef: meeting.communityCode }} testId="registry-form"
        onSubmit={(v) => write.run(() => votingApi.addParticipants(meeting.id, { from: 'registry', ...v }), done(t('participation.voting.saved'), registryForm, () => setAdding(null)))}>
        <Form.Item name="scopeKind" label={t('participation.vote.scope')}><Select options={(['community', 'grid', 'building'] as const).map((k) => ({ value: k, label: t(`participation.vote.scope.${k}`) }))} /></Form.Item>
        <Form.Item name="scopeRef" label={t('participation.meeting.scopeRef')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="basis" label={t('participation.vote.basis')}><Select options={(['households', 'adults'] as const).map((b) => ({ value: b, label: t(`participation.vote.basis.${b}`) }))} /></Form.Item>
      </FormModal>
      <FormModal title={t('participation.meeting.addNamed')} open={adding === 'named'} onClose={() => setAdding(null)} form={namedForm} initialValues={{ kind: 'expert', label: '' }}
        onSubmit={(v) => write.run(() => votingApi.addParticipants(meeting.id, { from: 'named', ...v }), done(t('participation.voting.saved'), namedForm, () => setAdding(null)))}>
        <Form.Item name="kind" label={t('participation.council.kind')}><Select options={(['org_unit', 'expert', 'worker'] as const).map((k) => ({ value: k, label: t(`participation.meeting.kind.${k}`) }))} /></Form.Item>
        <Form.Item name="name" label={t('participation.council.memberName')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="label" label={t('participation.meeting.label')}><Input maxLength={100} /></Form.Item>
      </FormModal>
      <FormModal title={`${t('participation.meeting.consent')} · ${consentFor?.name ?? ''}`} open={consentFor !== null} onClose={() => setConsentFor(null)} form={consentForm} testId="consent-form"
        initialValues={{ proxyKind: 'family', scope: 'meeting', givenHow: 'written' }}
        onSubmit={(v) => write.run(() => votingApi.recordConsent({ principalResidentId: consentFor!.residentId!, proxyName: v.proxyName, proxyKind: v.proxyKind, proxyRelation: v.proxyRelation, scope: v.scope, meetingId: meeting.id, givenOn: day(v.givenOn)!, validUntil: day(v.validUntil), givenHow: v.givenHow }), done(t('participation.meeting.consentRecorded'), consentForm, () => setConsentFor(null)))}>
        <Form.Item name="proxyName" label={t('participation.meeting.proxyName')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="proxyKind" label={t('participation.meeting.proxyKind')}><Select options={proxyKinds.map((k) => ({ value: k, label: t(`participation.meeting.proxyKind.${k}`) }))} /></Form.Item>
        <Form.Item name="proxyRelation" label={t('participation.meeting.proxyRelation')} rules={[{ required: true }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="scope" label={t('participation.meeting.consentScope')}><Select options={consentScopes.map((k) => ({ value: k, label: t(`participation.meeting.consentScope.${k}`) }))} /></Form.Item>
        <Form.Item name="givenOn" label={t('participation.meeting.givenOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="validUntil" label={t('participation.meeting.validUntil')}><DatePicker /></Form.Item>
        <Form.Item name="givenHow" label={t('participation.meeting.givenHow')}><Select options={consentHows.map((k) => ({ value: k, label: t(`participation.meeting.givenHow.${k}`) }))} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function MinutesAndResolutions({ meeting }: { meeting: MeetingDetail }) {
  const t = useT();
  const write = useWrite();
  const [minutesForm] = Form.useForm<{ minutes: string; speakers: string[]; summary: string }>();
  const [resolutionForm] = Form.useForm<{ text: string; responsible: string; dueOn?: Dayjs }>();
  const present = useApiQuery(['participation', 'meetings', 'participants', meeting.id, 'present'], (signal) => votingApi.participants(meeting.id, { page: 1, pageSize: 500, signedIn: 'yes' }, signal));
  const taking = meeting.status === 'notified' || meeting.status === 'held';
  const invalidates = ['participation', 'meetings'];
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('participation.meeting.minutes')}>
        {taking ? (
          <Form form={minutesForm} layout="vertical" initialValues={{ minutes: meeting.minutes ?? '', speakers: meeting.speakers.map((s) => s.participantId).filter(Boolean), summary: meeting.speakers[0]?.summary ?? '' }}
            onFinish={(v) => void write.run(() => votingApi.minutes(meeting.id, { minutes: v.minutes, speakers: (v.speakers ?? []).map((participantId) => ({ participantId, summary: v.summary || '—' })), version: meeting.version }), { success: t('participation.voting.saved'), invalidates, form: minutesForm })}>
            <Form.Item name="minutes" label={t('participation.meeting.minutes')} rules={[{ required: true }]}><Input.TextArea rows={4} data-testid="minutes-text" /></Form.Item>
            <Form.Item name="speakers" label={t('participation.meeting.speakers')}><Select mode="multiple" options={(present.data?.items ?? []).map((p) => ({ value: p.id, label: p.proxy ? `${p.name}（${p.proxy.proxyName}代）` : p.name }))} /></Form.Item>
            <Form.Item name="summary" label={t('participation.meeting.speakerSummary')}><Input maxLength={2000} /></Form.Item>
            <Button htmlType="submit" type="primary" loading={write.busy} data-testid="minutes-save">{t('participation.meeting.saveMinutes')}</Button>
          </Form>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{meeting.minutes ?? t('participation.voting.none')}</Typography.Paragraph>
        )}
        {meeting.speakers.length > 0 && <List size="small" header={t('participation.meeting.speakers')} dataSource={meeting.speakers} renderItem={(s) => <List.Item>{s.name}{s.proxyConsentId ? ` · ${t('participation.meeting.proxy')}` : ''}：{s.summary}</List.Item>} />}
      </Card>
      <Card size="small" title={t('participation.meeting.resolutions')}>
        <Table size="small" rowKey="id" pagination={false} dataSource={meeting.resolutions} locale={{ emptyText: t('participation.voting.none') }} columns={[
          { title: '#', dataIndex: 'seq', width: 40 },
          { title: t('participation.meeting.resolution'), dataIndex: 'text' },
          { title: t('participation.meeting.responsible'), dataIndex: 'responsible' },
          { title: t('participation.meeting.dueOn'), dataIndex: 'dueOn' },
          { title: t('participation.meeting.status'), render: (_, r) => <Tag color={r.status === 'done' ? 'green' : 'default'}>{t(`participation.meeting.resolution.${r.status}`)}{r.doneOn ? ` ${r.doneOn}` : ''}</Tag> },
          { title: '', render: (_, r) => r.status !== 'done' && <Button size="small" loading={write.busy} onClick={() => void write.run(() => votingApi.updateResolution(meeting.id, r.id, { status: 'done', doneOn: new Date().toISOString().slice(0, 10) }), { success: t('participation.voting.saved'), invalidates })}>{t('participation.meeting.markDone')}</Button> },
        ]} />
        {taking && (
          <Form form={resolutionForm} layout="inline" style={{ marginTop: 8 }} onFinish={(v) => void write.run(() => votingApi.addResolution(meeting.id, { text: v.text, responsible: v.responsible, dueOn: day(v.dueOn) }), { success: t('participation.voting.saved'), invalidates, form: resolutionForm, then: () => resolutionForm.resetFields() })}>
            <Form.Item name="text" rules={[{ required: true }]}><Input placeholder={t('participation.meeting.resolution')} aria-label={t('participation.meeting.resolution')} /></Form.Item>
            <Form.Item name="responsible" rules={[{ required: true }]}><Input placeholder={t('participation.meeting.responsible')} aria-label={t('participation.meeting.responsible')} /></Form.Item>
            <Form.Item name="dueOn"><DatePicker placeholder={t('participation.meeting.dueOn')} aria-label={t('participation.meeting.dueOn')} /></Form.Item>
            <Button htmlType="submit">{t('participation.meeting.addResolution')}</Button>
          </Form>
        )}
      </Card>
    </Flex>
  );
}

export function MeetingPage() {
  const t = useT();
  const id = useParams().id ?? '';
  const write = useWrite();
  const meeting = useApiQuery(['participation', 'meetings', 'one', id], (signal) => votingApi.meeting(id, signal));
  const m = meeting.data;
  const act = (action: MeetingAction) => void write.run(() => votingApi.meetingAction(id, action, m!.version), { success: t(`participation.meeting.action.${action}`), invalidates: ['participation', 'meetings'] });
  return (
    <Flex vertical gap={12}>
      <Link to="/console/participation/meetings"><Button icon={<ArrowLeftOutlined />} type="link" style={{ paddingLeft: 0 }}>{t('participation.voting.back')}</Button></Link>
      {meeting.isLoading && <Skeleton active />}
      {meeting.error && <ErrorAlert error={meeting.error} onRetry={() => void meeting.refetch()} />}
      {m && (
        <>
          <Card size="small">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Title level={4} style={{ margin: 0 }}>{m.title} <Tag data-testid="meeting-status">{t(`participation.meeting.status.${m.status}`)}</Tag></Typography.Title>
              <Space wrap>
                {(Object.keys(meetingTransitions[m.status]) as MeetingAction[]).map((a) => (
                  <Button key={a} type={a === 'cancel' ? 'default' : 'primary'} danger={a === 'cancel'} loading={write.busy} onClick={() => act(a)} data-testid={`meeting-${a}`}>{t(`participation.meeting.action.${a}`)}</Button>
                ))}
                <Button icon={<DownloadOutlined />} onClick={() => downloadFile(votingApi.signInSheetUrl(m.id))}>{t('participation.meeting.signInSheet')}</Button>
              </Space>
            </Flex>
            <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2, lg: 3 }} items={[
              { key: 'class', label: t('participation.meeting.class'), children: t(`participation.meeting.class.${m.class}`) },
              { key: 'form', label: t('participation.meeting.form'), children: t(`participation.meeting.form.${m.form}`) },
              { key: 'level', label: t('participation.meeting.level'), children: t(`participation.meeting.level.${m.level}`) },
              { key: 'source', label: t('participation.meeting.topicSource'), children: t(`participation.meeting.topicSource.${m.topicSource}`) },
              { key: 'when', label: t('participation.meeting.startsAt'), children: <DateTime value={m.startsAt} /> },
              { key: 'place', label: t('participation.meeting.place'), children: m.place },
              { key: 'attendance', label: t('participation.meeting.signedIn'), children: `${m.signedInCount} / ${m.participantCount}` },
              { key: 'agenda', label: t('participation.meeting.agenda'), children: m.agenda.map((a, i) => `${i + 1}. ${a}`).join('  ') },
            ]} />
          </Card>
          <Participants meeting={m} />
          <MinutesAndResolutions meeting={m} />
        </>
      )}
    </Flex>
  );
}
