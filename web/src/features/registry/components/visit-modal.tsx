import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { registryApi, visitMethods, type VisitMethod } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { invalidate } from '../../../platform/query.ts';
import { chinaToday, keyGroupLabel } from './labels.tsx';

interface VisitForm {
  method: VisitMethod;
  visitedOn: Dayjs;
  membershipId?: string;
  notes?: string;
}

export interface VisitTarget {
  id: string;
  name: string;
  /** The person's key groups; a visit counts for one of them, or for all when none is picked. */
  memberships: { id: string; kind: string; name: string }[];
}

/**
 * 记录走访: how, when and what was found; the server moves the next due date on. A saved
 * visit refreshes every registry screen showing it: the person's file, the key-group and
 * overdue lists, the grid's counts on /m.
 */
export function RecordVisitModal({ target, onClose, onSaved }: { target: VisitTarget | null; onClose: () => void; onSaved?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<VisitForm>();
  const today = chinaToday();
  const record = useMutation({
    // Through the phone's outbox: a visit recorded without signal is sent when it returns.
    mutationFn: (input: Parameters<typeof registryApi.recordVisit>[0]) => registryApi.recordVisitQueued(input, target?.name ?? ''),
    onSuccess: () => invalidate(['registry']),
    // The outbox keeps what cannot be sent: the mutation must not wait for a network itself.
    networkMode: 'always',
  });

  const save = async (values: VisitForm) => {
    if (!target) return;
    try {
      const result = await record.mutateAsync({
        residentId: target.id,
        method: values.method,
        visitedOn: values.visitedOn.format('YYYY-MM-DD'),
        membershipId: values.membershipId,
        notes: values.notes?.trim() || undefined,
      });
      void message.success(result.sent ? t('registry.visit.saved') : t('registry.visit.queued'));
      onSaved?.();
      onClose();
    } catch (error) {
      reportError(error, form);
    }
  };

  return (
    <Modal
      title={target ? t('registry.visit.title', { name: target.name }) : ''}
      open={target !== null}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="visit-modal"
    >
      <Form<VisitForm>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => void save(values)}
        initialValues={{ method: 'home', visitedOn: dayjs(today), membershipId: target?.memberships.length === 1 ? target.memberships[0]?.id : undefined }}
      >
        <Form.Item name="method" label={t('registry.visit.method')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
            options={visitMethods.map((m) => ({ value: m, label: t(`registry.visitMethod.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('registry.visit.date')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            inputReadOnly
            disabledDate={(day) => day.format('YYYY-MM-DD') > today}
          />
        </Form.Item>
        {target && target.memberships.length > 0 && (
          <Form.Item name="membershipId" label={t('registry.visit.membership')}>
            <Select
              allowClear
              placeholder={t('registry.visit.allMemberships')}
              options={target.memberships.map((m) => ({ value: m.id, label: keyGroupLabel(t, m.kind, m.name) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('registry.visit.notes')}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('registry.visit.notesPlaceholder')} data-testid="visit-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
