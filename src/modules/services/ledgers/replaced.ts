// The hand-kept ledgers (台账) the platform replaces: Nanjing cancelled 72 of them in its
// burden reduction (减负增效); these are the ones a community kept that Gongzhi now
// generates or keeps as it works. Plain data.
import type { ReplacedLedger } from '../contract/ledgers.ts';

const generated = (ledger: 'key_group_visits' | 'elderly_allowance' | 'applications_handled' | 'cases_by_category') => ({ kind: 'generated' as const, ledger });
const screen = (path: string, label: string) => ({ kind: 'screen' as const, path, label });

export const replacedLedgers: ReplacedLedger[] = [
  { name: '重点人群走访台账', keptBy: '社区、网格员', replacedBy: generated('key_group_visits') },
  { name: '高龄津贴发放花名册', keptBy: '社区民政专干', replacedBy: generated('elderly_allowance') },
  { name: '便民服务事项办理登记簿', keptBy: '社区综合服务窗口', replacedBy: generated('applications_handled') },
  { name: '矛盾纠纷排查调处台账', keptBy: '社区调委会', replacedBy: generated('cases_by_category') },
  { name: '民情日记', keptBy: '网格员', replacedBy: screen('/m/gridwork/log', '网格员民情日记') },
  { name: '网格巡查记录本', keptBy: '网格员', replacedBy: screen('/console/gridwork/patrols', '巡查轨迹') },
  { name: '实有人口登记表', keptBy: '社区、网格员', replacedBy: screen('/console/registry/residents', '一户一档') },
  { name: '出租房屋登记台账', keptBy: '社区、网格员', replacedBy: screen('/console/registry/houses', '房屋') },
  { name: '居民来访接待登记簿', keptBy: '社区值班', replacedBy: screen('/console/cases', '事件办理') },
  { name: '12345 工单签收办理台账', keptBy: '社区', replacedBy: screen('/console/cases', '事件办理') },
  { name: '证明出具登记簿', keptBy: '社区', replacedBy: screen('/console/services/certificates', '社区证明') },
  { name: '上级部门交办任务登记表', keptBy: '社区', replacedBy: screen('/console/services/tasks', '任务下派与准入') },
  { name: '服务评价意见簿', keptBy: '社区综合服务窗口', replacedBy: screen('/console/services/ratings', '好差评') },
  { name: '预约登记簿', keptBy: '社区综合服务窗口', replacedBy: screen('/console/services/appointments', '预约') },
  { name: '志愿服务时长登记表', keptBy: '社区', replacedBy: screen('/console/certificates', '志愿服务证明') },
  { name: '服务设施台账', keptBy: '街道', replacedBy: screen('/console/facilities', '服务设施') },
];
