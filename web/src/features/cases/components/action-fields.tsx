// The inputs of an action's form, one renderer per input the server lists in allowedActions.
import { BulbOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, type FormInstance } from 'antd';
import { useEffect, useMemo } from 'react';
import { orgApi } from '../../org/index.ts';
import {
  caseRatings,
  serverFilledInputs,
  supervisionLevels,
  workingTimeUnits,
  type AllowedAction,
  type CaseAction,
  type CaseRating,
  type SupervisionLevel,
  type WorkingTimeUnit,
} from '#server/modules/cases/contract.ts';
import { casesApi, type CaseDetail, type CaseListItem, type DispatchProposal } from '../api.ts';
import { useI18n, type MessageKey, type Translate } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { PhotoInput } from './photos.tsx';
import { CaseUnitSelect, type UnitOption } from './unit-select.tsx';

/** What the form needs to know about the case it acts on (a list row or the full record). */
export type ActionTarget = Pick<CaseListItem, 'id' | 'version' | 'number' | 'title' | 'tier' | 'gridCode' | 'communityCode' | 'communityName' | 'streetCode' | 'streetName'> &
  Partial<Pick<CaseDetail, 'gridName' | 'pendingExtension' | 'reporter' | 'reporterHidden' | 'allowedActions'>>;

export type ActionInputField = AllowedAction['inputs'][number];

/** The form's values: the action's inputs, with the extension split in two and the parent case by number. */
export interface ActionForm {
  reason?: string;
  text?: string;
  photos?: string[];
  targetUnitId?: string;
  coUnitIds?: string[];
  rating?: CaseRating;
  resolved?: boolean;
  extensionAmount?: number;
  extensionUnit?: WorkingTimeUnit;
  supervisionLevel?: SupervisionLevel;
  parentNumber?: string;
  shareReporterContact?: boolean;
}

// Where each input sits in the form, whatever order the action lists them in: who first,
// then the judgement, then the words and the photos.
const fieldOrder = ['targetUnitId', 'coUnitIds', 'shareReporterContact', 'rating', 'resolved', 'supervisionLevel', 'extension', 'parentCaseId', 'reason', 'text', 'photos'];

/** The inputs the form shows, in form order: inputs the server fills in itself when left out are not asked for. */
export function formInputs(allowed: AllowedAction): ActionInputField[] {
  const filled: readonly string[] = serverFilledInputs[allowed.action] ?? [];
  return allowed.inputs.filter((i) => fieldOrder.includes(i.name) && !filled.includes(i.name)).sort((a, b) => fieldOrder.indexOf(a.name) - fieldOrder.indexOf(b.name));
}

const textLabels: Partial<Record<CaseAction, MessageKey>> = {
  feedback: 'case.act.feedbackText',
  supervise: 'case.act.superviseText',
  instruct: 'case.act.instructText',
  comment: 'case.act.commentText',
};

function requiredRule(t: Translate, label: string) {
  return { required: true, whitespace: true, message: t('common.required', { field: label }) };
}

/**
 * The org units a target can be chosen from: the routing proposal (filled in at once) and
 * the case's own grid, community and street.
 */
export function useTargetUnits(form: FormInstance<ActionForm>, target: ActionTarget | null, enabled: boolean) {
  const { t } = useI18n();
  const proposal = useApiQuery(['cases', 'dispatchProposal', enabled, target?.id], enabled && target ? (signal) => casesApi.dispatchProposal(target.id, signal) : null);
  // The case's grid may have no name in a list row: look it up once.
  const gridName = useApiQuery(
    ['org', 'grid', 'gridName', enabled, target?.gridCode],
    enabled && target?.gridCode && !target.gridName ? (signal) => orgApi.grid(target.gridCode as string, signal).then((g) => g.name) : null,
  );
  useEffect(() => {
    if (!enabled || !proposal.data?.unit) return;
    if (!form.getFieldValue('targetUnitId')) {
      form.setFieldsValue({ targetUnitId: proposal.data.unit.code, coUnitIds: proposal.data.coUnits.map((u) => u.code) });
    }
  }, [proposal.data, enabled, form]);
  const options = useMemo<UnitOption[]>(() => {
    if (!target) return [];
    const list: UnitOption[] = [];
    if (proposal.data?.unit) list.push({ ...proposal.data.unit, group: 'proposal' });
    for (const unit of proposal.data?.coUnits ?? []) list.push({ ...unit, group: 'proposal' });
    if (target.gridCode) list.push({ code: target.gridCode, name: target.gridName ?? gridName.data ?? target.gridCode, group: 'local', hint: t('users.levelGrid') });
    if (target.communityCode) list.push({ code: target.communityCode, name: target.communityName ?? target.communityCode, group: 'local', hint: t('level.community') });
    if (target.streetCode) list.push({ code: target.streetCode, name: target.streetName ?? target.streetCode, group: 'local', hint: t('level.street') });
    return list;
  }, [target, proposal.data, gridName.data, t]);
  return { proposal: proposal.data, options };
}

function ProposalAlert({ proposal, form }: { proposal: DispatchProposal; form: FormInstance<ActionForm> }) {
  const { t } = useI18n();
  const unit = proposal.unit;
  return (
    <Alert
      type={unit ? 'success' : 'warning'}
      showIcon
      icon={<BulbOutlined />}
      style={{ marginBottom: 12 }}
      data-testid="dispatch-proposal"
      title={
        unit
          ? t('case.act.proposalUnit', { unit: unit.name }) + (proposal.coUnits.length ? t('case.act.proposalCo', { units: proposal.coUnits.map((u) => u.name).join('、') }) : '')
          : t('case.act.proposalBasis.none')
      }
      description={
        proposal.basis === 'matrix'
          ? t('case.act.proposalBasis.matrix')
          : proposal.basis === 'matter_class'
            ? t('case.act.proposalBasis.matter_class', { matter: t(`case.matter.${proposal.matterClass}`) })
            : undefined
      }
      action={
        unit ? (
          <Button size="small" onClick={() => form.setFieldsValue({ targetUnitId: unit.code, coUnitIds: proposal.coUnits.map((u) => u.code) })}>
            {t('case.act.useProposal')}
          </Button>
        ) : undefined
      }
    />
  );
}

export interface ActionFieldProps {
  action: CaseAction;
  input: ActionInputField;
  target: ActionTarget;
  form: FormInstance<ActionForm>;
  units: ReturnType<typeof useTargetUnits>;
  camera: boolean;
}

/** One input of the form, required as the server says. */
export function ActionField({ action, input, target, form, units, camera }: ActionFieldProps) {
  const { t } = useI18n();
  const required = input.required;
  const requiredMessage = (key: MessageKey) => [{ required: true, message: t('common.required', { field: t(key) }) }];
  switch (input.name) {
    case 'targetUnitId':
      return (
        <>
          {units.proposal && <ProposalAlert proposal={units.proposal} form={form} />}
          <Form.Item name="targetUnitId" label={t('case.act.target')} rules={required ? requiredMessage('case.act.target') : []}>
            <CaseUnitSelect options={units.options} placeholder={t('case.act.targetPlaceholder')} testId="dispatch-target" />
          </Form.Item>
        </>
      );
    case 'coUnitIds':
      return (
        <Form.Item name="coUnitIds" label={t('case.act.coUnits')}>
          <CaseUnitSelect options={units.options} multiple placeholder={t('case.act.coUnitsPlaceholder')} />
        </Form.Item>
      );
    case 'shareReporterContact':
      // Offered only when there is a contact the actor can see to share.
      return !target.reporterHidden && target.reporter && (target.reporter.phone || target.reporter.name) ? (
        <Form.Item name="shareReporterContact" valuePropName="checked">
          <Checkbox>{t('case.act.shareContact')}</Checkbox>
        </Form.Item>
      ) : null;
    case 'rating':
      return (
        <Form.Item name="rating" label={t('case.act.rating')} rules={requiredMessage('case.act.rating')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={caseRatings.map((r) => ({ value: r, label: t(`case.rating.${r}`) }))} />
        </Form.Item>
      );
    case 'resolved':
      return (
        <Form.Item name="resolved" valuePropName="checked" initialValue={true}>
          <Checkbox>{t('case.act.resolved')}</Checkbox>
        </Form.Item>
      );
    case 'supervisionLevel':
      return (
        <Form.Item name="supervisionLevel" label={t('case.act.supervisionLevel')} initialValue="ordinary" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={supervisionLevels.map((l) => ({ value: l, label: t(`case.supervision.${l}`) }))} />
        </Form.Item>
      );
    case 'extension':
      return (
        <Form.Item label={required ? t('case.act.extension') : t('case.act.extensionGrant')} required={required}>
          <Space.Compact>
            <Form.Item name="extensionAmount" noStyle rules={required ? requiredMessage('case.act.extension') : []}>
              <InputNumber min={1} max={240} precision={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="extensionUnit" noStyle initialValue="working_days">
              <Select<WorkingTimeUnit> style={{ width: 130 }} options={workingTimeUnits.map((u) => ({ value: u, label: t(`case.unitName.${u}`) }))} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      );
    case 'parentCaseId':
      return (
        <Form.Item name="parentNumber" label={t('case.act.parentCase')} rules={[requiredRule(t, t('case.act.parentCase'))]}>
          <Input placeholder={t('case.act.parentPlaceholder')} maxLength={30} />
        </Form.Item>
      );
    case 'reason':
      return (
        <Form.Item name="reason" label={t('case.act.reason')} rules={required ? [requiredRule(t, t('case.act.reason'))] : []}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('case.act.reasonPlaceholder')} data-testid="action-reason" />
        </Form.Item>
      );
    case 'text': {
      const label = t(textLabels[action] ?? 'case.act.text');
      return (
        <Form.Item name="text" label={label} rules={required ? [requiredRule(t, label)] : []}>
          <Input.TextArea
            rows={3}
            maxLength={4000}
            showCount
            placeholder={action === 'feedback' ? t('case.act.feedbackTextPlaceholder') : required ? undefined : t('case.act.textPlaceholder')}
            data-testid="action-text"
          />
        </Form.Item>
      );
    }
    case 'photos':
      return (
        <Form.Item name="photos" label={t('case.act.photos')} rules={required ? [{ required: true, type: 'array', min: 1, message: t('case.act.photosRequired') }] : []}>
          <PhotoInput caseId={target.id} camera={camera} testId="action-photos" />
        </Form.Item>
      );
    default:
      return null;
  }
}
