import { BulbOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { orgApi } from '../../org/index.ts';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import {
  caseRatings,
  casesApi,
  supervisionLevels,
  type ActionInput,
  type CaseAction,
  type CaseDetail,
  type CaseListItem,
  type CaseRating,
  type SupervisionLevel,
  type TimeUnit,
  type WorkingTime,
} from '../api.ts';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { caseActionLabel } from './labels.tsx';
import { PhotoInput } from './photos.tsx';
import { CaseUnitSelect, type UnitOption } from './unit-select.tsx';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { useApiQuery } from '../../../platform/query.ts';

// What each action needs, mirroring the workflow table (src/modules/cases/workflow.ts:
// caseTransitions[action].requires / accepts). The API lists the actions the user may take
// but not their inputs, so the form keeps this copy.
type Field = 'reason' | 'text' | 'photos' | 'targetUnitId' | 'coUnitIds' | 'rating' | 'extension' | 'supervisionLevel' | 'parentCaseId';

export const actionInputs: Record<CaseAction, { requires: Field[]; accepts: Field[] }> = {
  accept: { requires: [], accepts: ['text'] },
  reject: { requires: ['reason'], accepts: [] },
  register: { requires: [], accepts: ['text'] },
  dispatch: { requires: ['targetUnitId'], accepts: ['coUnitIds', 'text'] },
  acknowledge: { requires: [], accepts: ['text'] },
  return: { requires: ['reason'], accepts: ['photos'] },
  feedback: { requires: ['text', 'photos'], accepts: [] },
  verify_pass: { requires: [], accepts: ['text', 'photos'] },
  verify_fail: { requires: ['reason'], accepts: ['photos'] },
  rate: { requires: ['rating'], accepts: ['text'] },
  reopen: { requires: ['reason'], accepts: [] },
  request_extension: { requires: ['extension', 'reason'], accepts: [] },
  approve_extension: { requires: [], accepts: ['extension', 'text'] },
  reject_extension: { requires: ['reason'], accepts: [] },
  suspend: { requires: ['reason'], accepts: [] },
  resume: { requires: [], accepts: ['text'] },
  supervise: { requires: ['supervisionLevel', 'text'], accepts: [] },
  // The server names the next tier's dispatching centre when no target is given.
  escalate: { requires: ['reason'], accepts: [] },
  merge: { requires: ['parentCaseId'], accepts: ['reason'] },
  instruct: { requires: ['text'], accepts: [] },
  comment: { requires: ['text'], accepts: ['photos'] },
};

/** Actions that move a case along its main path: shown as primary buttons. */
export const mainActions: readonly CaseAction[] = ['accept', 'register', 'dispatch', 'acknowledge', 'feedback', 'verify_pass', 'rate', 'approve_extension', 'resume'];
/** Actions that turn a case back or refuse it: shown as danger buttons. */
export const dangerActions: readonly CaseAction[] = ['reject', 'return', 'verify_fail', 'reject_extension', 'reopen', 'suspend'];

const textLabels: Partial<Record<CaseAction, MessageKey>> = {
  feedback: 'case.act.feedbackText',
  supervise: 'case.act.superviseText',
  instruct: 'case.act.instructText',
  comment: 'case.act.commentText',
};

/** What the form needs to know about the case it acts on (a list row or the full record). */
export type ActionTarget = Pick<CaseListItem, 'id' | 'version' | 'number' | 'title' | 'tier' | 'gridCode' | 'communityCode' | 'communityName' | 'streetCode' | 'streetName'> &
  Partial<Pick<CaseDetail, 'gridName' | 'pendingExtension' | 'reporter' | 'reporterHidden'>>;

interface ActionForm {
  reason?: string;
  text?: string;
  photos?: string[];
  targetUnitId?: string;
  coUnitIds?: string[];
  rating?: CaseRating;
  resolved?: boolean;
  extensionAmount?: number;
  extensionUnit?: TimeUnit;
  supervisionLevel?: SupervisionLevel;
  parentNumber?: string;
  shareReporterContact?: boolean;
}

interface CaseActionModalProps {
  target: ActionTarget | null;
  action: CaseAction | null;
  onClose: () => void;
  /** The case after the action (the API answers with the whole record). */
  onDone: (detail: CaseDetail) => void;
  /** Load the case again (after a version conflict). */
  onReload: () => void;
  /** Photos from the phone's camera (on /m). */
  camera?: boolean;
}

/** The form of one workflow action: exactly the inputs the action requires or accepts, with a clear version-conflict path. */
export function CaseActionModal({ target, action, onClose, onDone, onReload, camera = false }: CaseActionModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const open = target !== null && action !== null;
  const spec = action ? actionInputs[action] : { requires: [], accepts: [] };
  const has = (field: Field) => spec.requires.includes(field) || spec.accepts.includes(field);
  const needs = (field: Field) => spec.requires.includes(field);

  useEffect(() => {
    if (open) setConflict(null);
  }, [open, action, target?.id]);

  const proposal = useApiQuery(
    ['cases', 'dispatchProposal', open, action, target?.id],
    open && action === 'dispatch' ? (signal) => casesApi.dispatchProposal(target.id, signal) : null,
  );
  // The case's grid may have no name in a list row: look it up once.
  const gridName = useApiQuery(
    ['org', 'grid', 'gridName', open, action, target?.gridCode],
    open && action === 'dispatch' && target.gridCode && !target.gridName ? (signal) => orgApi.grid(target.gridCode as string, signal).then((g) => g.name) : null,
  );

  useEffect(() => {
    if (action !== 'dispatch' || !proposal.data?.unit) return;
    if (!form.getFieldValue('targetUnitId')) {
      form.setFieldsValue({ targetUnitId: proposal.data.unit.code, coUnitIds: proposal.data.coUnits.map((u) => u.code) });
    }
  }, [proposal.data, action, form]);

  const unitOptions = useMemo<UnitOption[]>(() => {
    if (!target) return [];
    const list: UnitOption[] = [];
    if (proposal.data?.unit) list.push({ ...proposal.data.unit, group: 'proposal' });
    for (const unit of proposal.data?.coUnits ?? []) list.push({ ...unit, group: 'proposal' });
    if (target.gridCode) list.push({ code: target.gridCode, name: target.gridName ?? gridName.data ?? target.gridCode, group: 'local', hint: t('users.levelGrid') });
    if (target.communityCode) list.push({ code: target.communityCode, name: target.communityName ?? target.communityCode, group: 'local', hint: t('level.community') });
    if (target.streetCode) list.push({ code: target.streetCode, name: target.streetName ?? target.streetCode, group: 'local', hint: t('level.street') });
    return list;
  }, [target, proposal.data, gridName.data, t]);

  const close = () => {
    form.resetFields();
    onClose();
  };

  const submit = async (values: ActionForm) => {
    if (!target || !action) return;
    setSaving(true);
    setConflict(null);
    try {
      const input: ActionInput = { action, version: target.version };
      const text = (value: string | undefined) => value?.trim() || undefined;
      if (has('reason')) input.reason = text(values.reason);
      if (has('text')) input.text = text(values.text);
      if (has('photos') && values.photos?.length) input.photos = values.photos;
      if (has('targetUnitId')) input.targetUnitId = values.targetUnitId;
      if (has('coUnitIds') && values.coUnitIds?.length) input.coUnitIds = values.coUnitIds.filter((c) => c !== values.targetUnitId);
      if (has('rating')) {
        input.rating = values.rating;
        if (values.resolved !== undefined) input.resolved = values.resolved;
      }
      if (has('extension') && values.extensionAmount) {
        input.extension = { unit: values.extensionUnit ?? 'working_days', amount: values.extensionAmount } satisfies WorkingTime;
      }
      if (has('supervisionLevel')) input.supervisionLevel = values.supervisionLevel;
      if (action === 'dispatch' && values.shareReporterContact) input.shareReporterContact = true;
      if (has('parentCaseId')) {
        const number = values.parentNumber?.trim().toUpperCase() ?? '';
        const found = await casesApi.list({ q: number, page: 1, pageSize: 1 });
        const parent = found.items.find((c) => c.number === number);
        if (!parent) {
          form.setFields([{ name: 'parentNumber', errors: [t('case.act.parentNotFound', { number })] }]);
          return;
        }
        input.parentCaseId = parent.id;
      }
      const detail = await casesApi.act(target.id, input);
      void message.success(t('case.detail.done', { action: caseActionLabel(t, action) }));
      form.resetFields();
      onDone(detail);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'VERSION_CONFLICT') setConflict(apiError);
      else reportError(apiError, form);
    } finally {
      setSaving(false);
    }
  };

  if (!target || !action) return null;
  const requiredRule = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });
  const textLabel = t(textLabels[action] ?? 'case.act.text');
  const danger = dangerActions.includes(action);

  return (
    <Modal
      open={open}
      title={t('case.act.title', { action: caseActionLabel(t, action), number: target.number })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('case.act.confirm', { action: caseActionLabel(t, action) })}
      okButtonProps={{ danger, disabled: conflict !== null }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
      data-testid="action-modal"
    >
      <Typography.Paragraph type="secondary" ellipsis style={{ marginBottom: 12 }}>
        {target.title}
      </Typography.Paragraph>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('case.act.conflictTitle')}
          description={conflict.message}
          data-testid="action-conflict"
          action={
            <Button
              size="small"
              icon={<ReloadOutlined />}
              onClick={() => {
                close();
                onReload();
              }}
            >
              {t('case.act.conflictReload')}
            </Button>
          }
        />
      )}
      {action === 'escalate' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('case.act.escalateTo', { tier: t(target.tier === 'grid' ? 'case.tier.street' : 'case.tier.district') })} />
      )}
      {action === 'rate' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('case.act.unsatisfiedHint')} />}
      {(action === 'approve_extension' || action === 'reject_extension') && target.pendingExtension && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('case.act.pendingExtension', { amount: target.pendingExtension.amount, unit: t(`case.unit.${target.pendingExtension.unit}`) })}
        />
      )}
      <Form<ActionForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false} data-testid={`action-form-${action}`}>
        {action === 'dispatch' && (
          <>
            {proposal.data && (
              <Alert
                type={proposal.data.unit ? 'success' : 'warning'}
                showIcon
                icon={<BulbOutlined />}
                style={{ marginBottom: 12 }}
                data-testid="dispatch-proposal"
                title={
                  proposal.data.unit
                    ? t('case.act.proposalUnit', { unit: proposal.data.unit.name }) +
                      (proposal.data.coUnits.length ? t('case.act.proposalCo', { units: proposal.data.coUnits.map((u) => u.name).join('、') }) : '')
                    : t('case.act.proposalBasis.none')
                }
                description={
                  proposal.data.basis === 'matrix'
                    ? t('case.act.proposalBasis.matrix')
                    : proposal.data.basis === 'matter_class'
                      ? t('case.act.proposalBasis.matter_class', { matter: t(`case.matter.${proposal.data.matterClass}`) })
                      : undefined
                }
                action={
                  proposal.data.unit ? (
                    <Button
                      size="small"
                      onClick={() =>
                        form.setFieldsValue({ targetUnitId: proposal.data?.unit?.code, coUnitIds: proposal.data?.coUnits.map((u) => u.code) ?? [] })
                      }
                    >
                      {t('case.act.useProposal')}
                    </Button>
                  ) : undefined
                }
              />
            )}
            <Form.Item name="targetUnitId" label={t('case.act.target')} rules={[{ required: true, message: t('common.required', { field: t('case.act.target') }) }]}>
              <CaseUnitSelect options={unitOptions} placeholder={t('case.act.targetPlaceholder')} testId="dispatch-target" />
            </Form.Item>
            <Form.Item name="coUnitIds" label={t('case.act.coUnits')}>
              <CaseUnitSelect options={unitOptions} multiple placeholder={t('case.act.coUnitsPlaceholder')} />
            </Form.Item>
            {!target.reporterHidden && target.reporter && (target.reporter.phone || target.reporter.name) && (
              <Form.Item name="shareReporterContact" valuePropName="checked">
                <Checkbox>{t('case.act.shareContact')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        {has('rating') && (
          <>
            <Form.Item name="rating" label={t('case.act.rating')} rules={[{ required: true, message: t('common.required', { field: t('case.act.rating') }) }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={caseRatings.map((r) => ({ value: r, label: t(`case.rating.${r}`) }))} />
            </Form.Item>
            <Form.Item name="resolved" valuePropName="checked" initialValue={true}>
              <Checkbox>{t('case.act.resolved')}</Checkbox>
            </Form.Item>
          </>
        )}
        {has('supervisionLevel') && (
          <Form.Item name="supervisionLevel" label={t('case.act.supervisionLevel')} initialValue="ordinary" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={supervisionLevels.map((l) => ({ value: l, label: t(`case.supervision.${l}`) }))} />
          </Form.Item>
        )}
        {has('extension') && (
          <Form.Item label={needs('extension') ? t('case.act.extension') : t('case.act.extensionGrant')} required={needs('extension')}>
            <Space.Compact>
              <Form.Item name="extensionAmount" noStyle rules={needs('extension') ? [{ required: true, message: t('common.required', { field: t('case.act.extension') }) }] : []}>
                <InputNumber min={1} max={240} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="extensionUnit" noStyle initialValue="working_days">
                <Select<TimeUnit>
                  style={{ width: 130 }}
                  options={(['working_days', 'working_hours'] as const).map((u) => ({ value: u, label: t(`case.unitName.${u}`) }))}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        )}
        {has('parentCaseId') && (
          <Form.Item name="parentNumber" label={t('case.act.parentCase')} rules={[requiredRule(t('case.act.parentCase'))]}>
            <Input placeholder={t('case.act.parentPlaceholder')} maxLength={30} />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item name="reason" label={t('case.act.reason')} rules={needs('reason') ? [requiredRule(t('case.act.reason'))] : []}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('case.act.reasonPlaceholder')} data-testid="action-reason" />
          </Form.Item>
        )}
        {has('text') && (
          <Form.Item name="text" label={textLabel} rules={needs('text') ? [requiredRule(textLabel)] : []}>
            <Input.TextArea
              rows={3}
              maxLength={4000}
              showCount
              placeholder={action === 'feedback' ? t('case.act.feedbackTextPlaceholder') : needs('text') ? undefined : t('case.act.textPlaceholder')}
              data-testid="action-text"
            />
          </Form.Item>
        )}
        {has('photos') && (
          <Form.Item
            name="photos"
            label={t('case.act.photos')}
            rules={needs('photos') ? [{ required: true, type: 'array', min: 1, message: t('case.act.photosRequired') }] : []}
          >
            <PhotoInput caseId={target.id} camera={camera} testId="action-photos" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
