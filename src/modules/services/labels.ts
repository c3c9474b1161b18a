// Chinese labels of the services vocabulary, for the files the server writes and reads
// (catalogue and application ledgers); the web has its own i18n keys.
import type { AcceptLevel, ApplicationStatus, ItemKind, ServiceChannel } from './contract.ts';
import type { materialForms, materialRules } from './contract.ts';

export const itemKindLabels: Record<ItemKind, string> = { licence: '行政许可', benefit: '行政给付', confirmation: '行政确认', public_service: '公共服务', other: '其他' };
export const levelLabels: Record<AcceptLevel, string> = { community: '社区', street: '街道', district: '区' };
export const channelLabels: Record<ServiceChannel, string> = { counter: '窗口', online: '网上', post: '邮寄' };
export const formLabels: Record<(typeof materialForms)[number], string> = { original: '原件', copy: '复印件', electronic: '电子件' };
export const ruleLabels: Record<(typeof materialRules)[number], string> = { required: '必需', deferrable: '容缺', commitment: '告知承诺', optional: '非必需' };
export const statusLabels: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  received: '已收件',
  accepted: '已受理',
  not_accepted: '不予受理',
  correction_requested: '待补正',
  under_review: '审查中',
  approved: '准予办理',
  refused: '不予批准',
  delivered: '已送达',
  rated: '已评价',
};

/** The key of a label (import): undefined when the text is no label of the table. */
export function keyOfLabel<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const t = text.trim();
  return (Object.keys(labels) as K[]).find((k) => labels[k] === t || k === t);
}
