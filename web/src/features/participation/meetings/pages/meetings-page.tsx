// /console/participation/meetings: consultation meetings (协商议事) and planning one.
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { meetingClasses, meetingForms, meetingLevels, meetingStatuses, topicSources } from '#server/modules/participation/contract.ts';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../../platform/components/labels.tsx';
import { EnumFilter, FilterBar, pick } from '../../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../../org/index.ts';
import { votingApi, type Meeting } from '../../votes/api.ts';

interface MeetingForm {
  communityCode: string;
  title: string;
  topicSource: (typeof topicSources)[number];
  class: (typeof meetingClasses)[number];
  level: (typeof meetingLevels)[number];
  form: (typeof meetingForms)[number];
  agenda: string;
  place: string;
  startsAt: Dayjs;
}

export function MeetingsPage() {
  const t = useT();
  const write = useWrite();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<MeetingForm>();
  const list = useListPage({
    queryKey: ['participation', 'meetings', 'list'],
    filters: (p) => ({ status: pick(p.get('status'), meetingStatuses) }),
    load: (f, paging, signal) => votingApi.meetings({ ...paging, ...f }, signal),
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('participation.meeting.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="meeting-add">{t('participation.voting.add')}</Button>
      </Flex>
      <FilterBar>
        <EnumFilter list={list} param="status" values={meetingStatuses} label={(s) => t(`participation.meeting.status.${s}`)} placeholder={t('participation.meeting.status')} width={140} />
      </FilterBar>
      <ListTable<Meeting>
        list={list}
        size="small"
        data-testid="meetings-table"
        emptyText={t('participation.meeting.empty')}
        columns={[
          { key: 'title', title: t('participation.meeting.name'), render: (_, m) => <Link to={`/console/participation/meetings/${m.id}`}>{m.title}</Link> },
          { key: 'form', title: t('participation.meeting.form'), render: (_, m) => `${t(`participation.meeting.class.${m.class}`)} · ${t(`participation.meeting.form.${m.form}`)} · ${t(`participation.meeting.level.${m.level}`)}` },
          { key: 'startsAt', title: t('participation.meeting.startsAt'), render: (_, m) => <DateTime value={m.startsAt} /> },
          { key: 'attendance', title: t('participation.meeting.signedIn'), render: (_, m) => `${m.signedInCount} / ${m.participantCount}` },
          { key: 'status', title: t('participation.meeting.status'), render: (_, m) => <Tag>{t(`participation.meeting.status.${m.status}`)}</Tag> },
        ]}
      />
      <FormModal<MeetingForm>
        title={t('participation.voting.add')}
        open={adding}
        onClose={() => setAdding(false)}
        form={form}
        width={640}
        testId="meeting-form"
        initialValues={{ topicSource: 'staff', class: 'management', level: 'community', form: 'deliberation' }}
        onSubmit={(v) =>
          write.run(() => votingApi.createMeeting({ ...v, agenda: v.agenda.split('\n').map((s) => s.trim()).filter(Boolean), startsAt: v.startsAt.toISOString() }), {
            success: t('participation.meeting.created'), invalidates: ['participation', 'meetings'], form, then: () => setAdding(false),
          })
        }
      >
        <Form.Item name="communityCode" label={t('participation.voting.community')} rules={[{ required: true }]}><OrgNodeSelect levels={['community']} /></Form.Item>
        <Form.Item name="title" label={t('participation.meeting.name')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="topicSource" label={t('participation.meeting.topicSource')}><Select style={{ width: 140 }} options={topicSources.map((s) => ({ value: s, label: t(`participation.meeting.topicSource.${s}`) }))} /></Form.Item>
          <Form.Item name="class" label={t('participation.meeting.class')}><Select style={{ width: 120 }} options={meetingClasses.map((s) => ({ value: s, label: t(`participation.meeting.class.${s}`) }))} /></Form.Item>
          <Form.Item name="level" label={t('participation.meeting.level')}><Select style={{ width: 120 }} options={meetingLevels.map((s) => ({ value: s, label: t(`participation.meeting.level.${s}`) }))} /></Form.Item>
          <Form.Item name="form" label={t('participation.meeting.form')}><Select style={{ width: 120 }} options={meetingForms.map((s) => ({ value: s, label: t(`participation.meeting.form.${s}`) }))} /></Form.Item>
        </Flex>
        <Form.Item name="agenda" label={t('participation.meeting.agenda')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="place" label={t('participation.meeting.place')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="startsAt" label={t('participation.meeting.startsAt')} rules={[{ required: true }]}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
      </FormModal>
    </Flex>
  );
}
