import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import type { AllowedAction, CaseAction, CaseActionBody } from '#server/modules/cases/contract.ts';
import { casesApi, type CaseDetail } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { ActionField, formInputs, useTargetUnits, type ActionForm, type ActionInputField, type ActionTarget } from './action-fields.tsx';
import { caseActionLabel, dangerActions } from './labels.tsx';

export type { ActionTarget } from './action-fields.tsx';

/** The body of the action from the form's values: the inputs the form asked for, blank ones left out. */
function actionBody(action: CaseAction, version: number, inputs: readonly ActionInputField[], values: ActionForm): CaseActionBody {
  const body: CaseActionBody = { action, version };
  const trimmed = (value: string | undefined) => value?.trim() || undefined;
  for (const { name } of inputs) {
    if (name === 'reason') body.reason = trimmed(values.reason);
    else if (name === 'text') body.text = trimmed(values.text);
    else if (name === 'photos' && values.photos?.length) body.photos = values.photos;
    else if (name === 'targetUnitId') body.targetUnitId = values.targetUnitId;
    else if (name === 'coUnitIds' && values.coUnitIds?.length) body.coUnitIds = values.coUnitIds.filter((c) => c !== values.targetUnitId);
    else if (name === 'rating') body.rating = values.rating;
    else if (name === 'resolved' && values.resolved !== undefined) body.resolved = values.resolved;
    else if (name === 'extension' && values.extensionAmount) body.extension = { unit: values.extensionUnit ?? 'working_days', amount: values.extensionAmount };
    else if (name === 'supervisionLevel') body.supervisionLevel = values.supervisionLevel;
    else if (name === 'shareReporterContact' && values.shareReporterContact) body.shareReporterContact = true;
  }
  return body;
}

/**
 * The action as the server allows it, with its inputs: from the record when the target is
 * one, else (a list row) from the case loaded now.
 */
function useAllowedAction(target: ActionTarget | null, action: CaseAction | null) {
  const loaded = useApiQuery(['cases', 'get', target?.id], target && action && !target.allowedActions ? (signal) => casesApi.get(target.id, signal) : null);
  const fullTarget: ActionTarget | null = target && !target.allowedActions ? (loaded.data ?? null) : target;
  const allowed: AllowedAction | undefined = fullTarget?.allowedActions?.find((a) => a.action === action);
  return { target: fullTarget ?? target, allowed, loading: !fullTarget, error: loaded.error };
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

/** The form of one workflow action: exactly the inputs the server lists for it, with a clear version-conflict path. */
export function CaseActionModal({ target: given, action, onClose, onDone, onReload, camera = false }: CaseActionModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<ActionForm>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const open = given !== null && action !== null;
  const { target, allowed, loading, error } = useAllowedAction(open ? given : null, action);
  const inputs = allowed ? formInputs(allowed) : [];
  const units = useTargetUnits(form, target, open && inputs.some((i) => i.name === 'targetUnitId'));

  useEffect(() => {
    if (open) setConflict(null);
  }, [open, action, given?.id]);

  const close = () => {
    form.resetFields();
    onClose();
  };

  const submit = async (values: ActionForm) => {
    if (!target || !action) return;
    setSaving(true);
    setConflict(null);
    try {
      const body = actionBody(action, target.version, inputs, values);
      if (inputs.some((i) => i.name === 'parentCaseId')) {
        const number = values.parentNumber?.trim().toUpperCase() ?? '';
        const found = await casesApi.list({ q: number, page: 1, pageSize: 1 });
        const parent = found.items.find((c) => c.number === number);
        if (!parent) {
          form.setFields([{ name: 'parentNumber', errors: [t('case.act.parentNotFound', { number })] }]);
          return;
        }
        body.parentCaseId = parent.id;
      }
      const detail = await casesApi.act(target.id, body);
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
  // VERSION_CONFLICT is every module's; on a case the form says what it means here.
  const conflictText = (error: ApiError) => {
    const version = error.details.currentVersion;
    return typeof version === 'number' ? t('case.act.conflictDescription', { version }) : error.message;
  };
  return (
    <Modal
      open={open}
      title={t('case.act.title', { action: caseActionLabel(t, action), number: target.number })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('case.act.confirm', { action: caseActionLabel(t, action) })}
      okButtonProps={{ danger: dangerActions.includes(action), disabled: conflict !== null || !allowed }}
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
          description={conflictText(conflict)}
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
      {loading && !error && <Skeleton active paragraph={{ rows: 3 }} />}
      {!loading && !allowed && <Alert type="warning" showIcon title={error?.message ?? t('case.detail.noActions')} />}
      <Form<ActionForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false} data-testid={`action-form-${action}`}>
        {inputs.map((input) => (
          <ActionField key={input.name} action={action} input={input} target={target} form={form} units={units} camera={camera} />
        ))}
      </Form>
    </Modal>
  );
}
