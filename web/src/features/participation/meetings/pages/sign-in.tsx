// Signing a participant in: in person, or through a proxy by name (the server refuses a proxy
// without a recorded consent). Shared by the console and /m.
import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { votingApi, type Participant } from '../../votes/api.ts';

export function SignInButtons({ meetingId, participant, size = 'small' }: { meetingId: string; participant: Participant; size?: 'small' | 'middle' | 'large' }) {
  const t = useT();
  const write = useWrite();
  const [proxy, setProxy] = useState(false);
  const [form] = Form.useForm<{ proxyName: string }>();
  const success = t('participation.meeting.signedInDone');
  const invalidates = ['participation', 'meetings'];
  return (
    <Space>
      <Button size={size} type="primary" loading={write.busy} data-testid="sign-in" onClick={() => void write.run(() => votingApi.signIn(meetingId, { participantId: participant.id }), { success, invalidates })}>{t('participation.meeting.signIn')}</Button>
      {participant.residentId && <Button size={size} onClick={() => setProxy(true)} data-testid="sign-in-proxy">{t('participation.meeting.signInProxy')}</Button>}
      <FormModal<{ proxyName: string }> title={`${t('participation.meeting.signInProxy')} · ${participant.name}`} open={proxy} onClose={() => setProxy(false)} form={form} testId="proxy-form"
        onSubmit={(v) => write.run(() => votingApi.signIn(meetingId, { participantId: participant.id, proxyName: v.proxyName }), { success, invalidates, form, then: () => setProxy(false) })}>
        <Form.Item name="proxyName" label={t('participation.meeting.proxyName')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
      </FormModal>
    </Space>
  );
}
