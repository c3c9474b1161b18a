// The shipped defaults: the common grid event classes (网格事件分类) as a two-level tree,
// the default matter class of each (三事分流), time limits, and settings.
// All of it is data in the database after the first start, edited through the API.
import type { CaseSettings, CategoryAttribute, MatterClass } from './contract.ts';
import type { StageTimeLimit, SlaStage } from './sla.ts';

export interface CategorySeed {
  code: string;
  name: string;
  matter: MatterClass;
  keywords?: string;
  attributes?: CategoryAttribute[];
  /** Never published (Open311 GET), whatever the privacy of its cases. */
  sensitive?: boolean;
  children?: CategorySeed[];
}

// One row a category: a two-digit code is a class, a four-digit code a subclass of the class
// above it; then its name, its default matter class and its search keywords.
type CategoryRow = readonly [code: string, name: string, matter: MatterClass, keywords?: string];

// Classes follow the grid event classes used by city grid platforms (矛盾纠纷, 治安隐患,
// 安全生产, 消防, 环境卫生, 市容秩序, 市政设施, 物业管理, 民生服务 …).
const categoryRows: CategoryRow[] = [
  ['01', '矛盾纠纷', 'community'],
  ['0101', '邻里纠纷', 'private', '吵架 噪音 漏水 邻居'],
  ['0102', '家庭纠纷', 'private', '赡养 婚姻 家暴'],
  ['0103', '物业纠纷', 'community', '物业费 业委会'],
  ['0104', '劳资纠纷', 'government', '欠薪 工资 讨薪'],
  ['0105', '土地房屋纠纷', 'government', '拆迁 产权'],
  ['02', '治安隐患', 'government'],
  ['0201', '可疑人员', 'government'],
  ['0202', '治安案件线索', 'government', '盗窃 诈骗'],
  ['0203', '出租房屋隐患', 'government', '群租 出租屋'],
  ['03', '安全生产', 'government'],
  ['0301', '违规施工作业', 'government', '工地 施工'],
  ['0302', '燃气安全隐患', 'government', '煤气 漏气 液化气'],
  ['0303', '危化品隐患', 'government'],
  ['04', '消防', 'government'],
  ['0401', '消防通道堵塞', 'government', '占用 通道'],
  ['0402', '电动车违规充电', 'government', '飞线 充电 电瓶车'],
  ['0403', '消防设施损坏', 'government', '灭火器 消火栓'],
  ['0404', '楼道堆物', 'community', '杂物 楼道'],
  ['05', '环境卫生', 'government'],
  ['0501', '垃圾乱堆', 'government', '垃圾 堆放 清运'],
  ['0502', '垃圾分类不规范', 'community', '分类 桶站'],
  ['0503', '污水外溢', 'government', '下水道 污水 堵塞'],
  ['0504', '公厕保洁', 'government', '厕所'],
  ['06', '市容秩序', 'government'],
  ['0601', '占道经营', 'government', '摆摊 游商 小贩'],
  ['0602', '违章建筑', 'government', '违建 私搭乱建'],
  ['0603', '乱贴乱画', 'government', '小广告 涂鸦'],
  ['0604', '共享单车乱停', 'government', '单车 自行车'],
  ['07', '市政设施', 'government'],
  ['0701', '路灯损坏', 'government', '路灯 不亮'],
  ['0702', '道路破损', 'government', '坑洼 路面'],
  ['0703', '井盖缺失', 'government', '井盖 窨井'],
  ['0704', '绿化损毁', 'government', '树木 绿地'],
  ['08', '物业管理', 'community'],
  ['0801', '电梯故障', 'community', '电梯 困人'],
  ['0802', '小区停车', 'community', '停车 车位'],
  ['0803', '物业服务', 'community', '保洁 保安'],
  ['0804', '楼体破损', 'community', '外墙 漏雨'],
  ['09', '民生服务', 'community'],
  ['0901', '独居老人关怀', 'community', '老人 空巢'],
  ['0902', '困难救助', 'government', '低保 救助'],
  ['0903', '就业帮扶', 'government', '就业 失业'],
  ['0904', '政策咨询', 'community', '咨询 办事'],
  ['10', '生态环境', 'government'],
  ['1001', '噪声扰民', 'government', '噪音 施工噪声'],
  ['1002', '油烟污染', 'government', '餐馆 油烟'],
  ['1003', '扬尘污染', 'government', '扬尘 渣土'],
  ['11', '食品药品', 'government'],
  ['1101', '无证经营', 'government', '无照'],
  ['1102', '食品安全', 'government', '过期 变质'],
  ['99', '其他', 'community'],
  ['9901', '意见建议', 'community', '建议'],
  ['9999', '其他事项', 'community'],
];

/** The extra fields a report of some subclasses asks for. */
const categoryAttributes: Record<string, CategoryAttribute[]> = {
  '0501': [
    { code: 'volume', description: '垃圾量 / Volume', datatype: 'singlevaluelist', required: false, order: 1, values: [
      { key: 'small', name: '少量（一袋以内）' }, { key: 'medium', name: '较多（一车以内）' }, { key: 'large', name: '大量' },
    ] },
  ],
  '0701': [{ code: 'lamp_number', description: '灯杆编号 / Lamp post number', datatype: 'string', required: false, order: 1 }],
  '0801': [
    { code: 'trapped', description: '是否有人被困 / Anyone trapped', datatype: 'singlevaluelist', required: true, order: 1, values: [
      { key: 'yes', name: '有人被困' }, { key: 'no', name: '无人被困' },
    ] },
  ],
};

// About vulnerable people or security: a published case could point at someone's door.
const sensitiveCategories = new Set(['0201', '0202', '0901', '0902', '0903']);

/** Turns the rows into the two-level tree, each subclass under the class row above it. */
function categoryTree(rows: readonly CategoryRow[]): CategorySeed[] {
  const classes: CategorySeed[] = [];
  for (const [code, name, matter, keywords = ''] of rows) {
    const parent = classes.at(-1);
    if (code.length === 2) {
      classes.push({ code, name, matter, children: [] });
    } else if (parent?.children && code.startsWith(parent.code)) {
      const attributes = categoryAttributes[code];
      parent.children.push({ code, name, matter, keywords, ...(attributes ? { attributes } : {}), ...(sensitiveCategories.has(code) ? { sensitive: true } : {}) });
    } else {
      throw new Error(`category ${code} does not follow its class`);
    }
  }
  return classes;
}

export const categorySeeds: CategorySeed[] = categoryTree(categoryRows);

const hours = (amount: number) => ({ unit: 'working_hours' as const, amount });
const days = (amount: number) => ({ unit: 'working_days' as const, amount });

/** Default time limits: 受理 in 4 working hours, 处置 in 5 working days, 核查 in 1 working day. */
export const defaultTimeLimits: Record<SlaStage, StageTimeLimit> = {
  accept: { limit: hours(4), yellowAt: 0.75, redAt: 1 },
  handle: { limit: days(5), yellowAt: 0.8, redAt: 1 },
  verify: { limit: days(1), yellowAt: 0.8, redAt: 1 },
};

/** Shipped overrides per class or subclass: dangers are handled faster, disputes take longer. */
export const timeLimitSeeds: { categoryCode: string; stage: SlaStage; limit: StageTimeLimit }[] = [
  { categoryCode: '03', stage: 'handle', limit: { limit: days(1), yellowAt: 0.5, redAt: 1 } },
  { categoryCode: '04', stage: 'handle', limit: { limit: days(1), yellowAt: 0.5, redAt: 1 } },
  { categoryCode: '0302', stage: 'accept', limit: { limit: hours(1), yellowAt: 0.5, redAt: 1 } },
  { categoryCode: '0801', stage: 'handle', limit: { limit: hours(4), yellowAt: 0.5, redAt: 1 } },
  { categoryCode: '01', stage: 'handle', limit: { limit: days(10), yellowAt: 0.8, redAt: 1 } },
  { categoryCode: '06', stage: 'handle', limit: { limit: days(3), yellowAt: 0.8, redAt: 1 } },
];

export type { CaseSettings };

export const defaultCaseSettings: CaseSettings = {
  maxReopens: 1,
  maxExtensions: 2,
  reopenOnUnsatisfied: true,
  duplicateRadiusMetres: 200,
  duplicateDays: 7,
  workingHours: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
  autoSupervise: true,
  redSupervisionAfterWorkingDays: 2,
  numberPrefixes: {},
};
