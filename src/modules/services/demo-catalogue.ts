// The demo catalogue: plausible community- and street-level service items of a Chinese
// district, with their materials (required, 容缺, 告知承诺), time limits and online forms.
// Plain data.
import type { AcceptLevel, FormField, ItemContent, ItemKind, MaterialSpec, ServiceChannel } from './contract.ts';

const m = (key: string, name: string, form: MaterialSpec['form'], rule: MaterialSpec['rule'] = 'required', count = 1): MaterialSpec => ({ key, name, form, count, rule, note: '' });
const ID = m('id_card', '居民身份证', 'copy');
const HUKOU = m('hukou', '户口簿', 'copy');
const BANK = m('bank_card', '本人银行卡或存折', 'copy', 'deferrable');
const INCOME = m('income', '家庭收入情况说明', 'original', 'commitment');
const PHOTO = m('photo', '近期免冠一寸照片', 'electronic', 'required', 2);
const DISAB = m('disability_card', '残疾人证', 'copy');
const BILLS = m('medical_bills', '医疗费用票据', 'original');
const HOUSE = m('housing', '房屋产权证明或租赁合同', 'copy', 'commitment');
const MARRIAGE = m('marriage', '结婚证', 'copy');
const BIRTH = m('birth_cert', '出生医学证明', 'copy');
const AGENT = m('agent_id', '代办人身份证', 'copy', 'optional');
const REPORT = m('situation', '情况说明', 'original', 'deferrable');
const DISCHARGE = m('discharge', '退役证明', 'copy');
const DEATH = m('death_cert', '居民死亡医学证明', 'copy');

const reason: FormField = { key: 'reason', label: '申请事由', type: 'textarea', required: true, options: [] };
const household: FormField = { key: 'householdSize', label: '家庭人口', type: 'number', required: true, options: [] };
const birth: FormField = { key: 'birthDate', label: '出生日期', type: 'date', required: true, options: [] };
const contact: FormField = { key: 'contactPhone', label: '联系电话', type: 'phone', required: false, options: [] };
const date: FormField = { key: 'wantedDate', label: '期望日期', type: 'date', required: true, options: [] };
const level: FormField = { key: 'disabilityLevel', label: '残疾等级', type: 'select', required: true, options: ['一级', '二级', '三级', '四级'] };

type Row = [code: string, name: string, kind: ItemKind, levels: AcceptLevel[], statutory: number, promised: number, materials: MaterialSpec[], fields: FormField[], channels?: ServiceChannel[], districtWide?: boolean, byDepartment?: boolean];

const both: ServiceChannel[] = ['counter', 'online'];
const counter: ServiceChannel[] = ['counter'];
const S: AcceptLevel[] = ['street'];
const C: AcceptLevel[] = ['community'];
const CS: AcceptLevel[] = ['community', 'street'];

const rows: Row[] = [
  ['GZ-GL-001', '高龄津贴申领', 'benefit', S, 20, 5, [ID, HUKOU, BANK], [birth, contact], both, true, true],
  ['GZ-DB-001', '最低生活保障申请', 'benefit', S, 30, 15, [ID, HUKOU, INCOME, HOUSE, BANK], [household, reason], both, false, true],
  ['GZ-DB-002', '最低生活保障变更', 'benefit', S, 30, 10, [ID, INCOME], [household, reason], both, false, true],
  ['GZ-DB-003', '低保边缘家庭认定', 'confirmation', S, 30, 15, [ID, HUKOU, INCOME], [household], both, false, true],
  ['GZ-TK-001', '特困人员救助供养申请', 'benefit', S, 30, 15, [ID, HUKOU, INCOME, REPORT], [household, reason], both, false, true],
  ['GZ-LS-001', '临时救助申请', 'benefit', CS, 10, 3, [ID, REPORT, BANK], [reason, household], both, true, true],
  ['GZ-LS-002', '急难型临时救助（先行救助）', 'benefit', CS, 3, 1, [ID, REPORT], [reason], both, true, true],
  ['GZ-CJ-001', '困难残疾人生活补贴申请', 'benefit', S, 20, 10, [ID, DISAB, BANK], [level], both, true, true],
  ['GZ-CJ-002', '重度残疾人护理补贴申请', 'benefit', S, 20, 10, [ID, DISAB, BANK], [level], both, true, true],
  ['GZ-CJ-003', '残疾人证办理（初次申领）', 'confirmation', S, 30, 20, [ID, HUKOU, PHOTO], [reason], counter, false, true],
  ['GZ-CJ-004', '残疾人辅助器具适配补贴', 'benefit', S, 20, 10, [ID, DISAB], [reason], both, true, true],
  ['GZ-CJ-005', '残疾人就业登记', 'public_service', CS, 10, 5, [ID, DISAB], [contact], both, true],
  ['GZ-ET-001', '困境儿童基本生活保障申请', 'benefit', S, 30, 15, [ID, HUKOU, BIRTH, REPORT], [reason], both, false, true],
  ['GZ-ET-002', '孤儿基本生活费申领', 'benefit', S, 30, 15, [HUKOU, BIRTH, DEATH], [reason], counter, false, true],
  ['GZ-YL-001', '医疗救助申请', 'benefit', S, 20, 10, [ID, BILLS, BANK], [reason], both, true, true],
  ['GZ-JY-001', '教育救助申请', 'benefit', S, 20, 10, [ID, HUKOU, REPORT], [reason], both, false, true],
  ['GZ-ZF-001', '公共租赁住房申请', 'benefit', S, 30, 20, [ID, HUKOU, INCOME, HOUSE], [household], both, false, true],
  ['GZ-QN-001', '困难群众冬季取暖补贴', 'benefit', CS, 15, 7, [ID, BANK], [household], both, true, true],
  ['GZ-YL-002', '居家养老服务补贴申请', 'benefit', S, 20, 10, [ID, HUKOU, BANK], [birth], both, true, true],
  ['GZ-YL-003', '老年人优待证办理', 'confirmation', CS, 5, 1, [ID, PHOTO], [birth], both, true],
  ['GZ-YL-004', '养老服务驿站入托申请', 'public_service', C, 10, 3, [ID], [birth, contact], both],
  ['GZ-YL-005', '社区老年餐桌就餐登记', 'public_service', C, 3, 1, [ID], [birth], both],
  ['GZ-YL-006', '居家适老化改造申请', 'public_service', S, 20, 10, [ID, HOUSE], [reason], both, false, true],
  ['GZ-YL-007', '老年人意外伤害保险参保', 'public_service', C, 5, 2, [ID], [birth], both],
  ['GZ-YL-008', '老年人免费健康体检预约', 'public_service', C, 5, 2, [ID], [birth, date], both],
  ['GZ-JS-001', '计划生育家庭特别扶助金申领', 'benefit', S, 30, 15, [ID, HUKOU, DEATH], [reason], counter, false, true],
  ['GZ-JS-002', '独生子女父母光荣证补办', 'confirmation', CS, 10, 3, [ID, HUKOU], [reason], both, true],
  ['GZ-JS-003', '生育登记服务', 'confirmation', CS, 5, 1, [ID, MARRIAGE], [contact], both, true],
  ['GZ-JS-004', '流动人口婚育情况证明', 'confirmation', C, 5, 1, [ID], [reason], both],
  ['GZ-JZ-001', '居住证申领受理', 'confirmation', CS, 15, 10, [ID, PHOTO, HOUSE], [contact], both, true],
  ['GZ-JZ-002', '居住证签注', 'confirmation', CS, 5, 1, [ID], [contact], both, true],
  ['GZ-JZ-003', '流动人口居住登记', 'confirmation', C, 3, 1, [ID, HOUSE], [contact], both],
  ['GZ-JZ-004', '出租房屋登记备案', 'confirmation', C, 5, 2, [ID, HOUSE], [contact], both],
  ['GZ-ZM-001', '居住情况证明开具', 'confirmation', C, 3, 1, [ID, HOUSE], [reason], both, true],
  ['GZ-ZM-002', '家庭经济困难情况证明（助学）', 'confirmation', C, 5, 2, [ID, INCOME], [reason], both],
  ['GZ-ZM-003', '志愿服务证明开具', 'public_service', C, 5, 1, [ID], [reason], both, true],
  ['GZ-JYE-001', '就业失业登记', 'confirmation', CS, 5, 1, [ID], [contact], both, true],
  ['GZ-JYE-002', '就业困难人员认定', 'confirmation', S, 15, 7, [ID, REPORT], [reason], both, true, true],
  ['GZ-JYE-003', '灵活就业社会保险补贴申请', 'benefit', S, 20, 10, [ID, BANK], [contact], both, true, true],
  ['GZ-JYE-004', '公益性岗位求职登记', 'public_service', CS, 5, 2, [ID], [contact], both, true],
  ['GZ-JYE-005', '职业技能培训报名', 'public_service', CS, 5, 2, [ID], [contact], both, true],
  ['GZ-JYE-006', '创业担保贷款申请受理', 'public_service', S, 20, 10, [ID, REPORT], [reason], both, true, true],
  ['GZ-SB-001', '城乡居民基本养老保险参保登记', 'public_service', CS, 5, 1, [ID, HUKOU], [contact], both, true, true],
  ['GZ-SB-002', '城乡居民基本医疗保险参保登记', 'public_service', CS, 5, 1, [ID, HUKOU], [contact], both, true, true],
  ['GZ-SB-003', '城乡居民养老保险待遇领取', 'benefit', S, 20, 10, [ID, BANK], [birth], both, true, true],
  ['GZ-SB-004', '丧葬补助金申领', 'benefit', S, 20, 10, [ID, DEATH, BANK], [reason], both, true, true],
  ['GZ-YF-001', '义务兵家庭优待金申领', 'benefit', S, 20, 10, [ID, HUKOU, BANK], [reason], both, false, true],
  ['GZ-YF-002', '退役军人优待证申领', 'confirmation', CS, 15, 5, [ID, DISCHARGE, PHOTO], [contact], both, true],
  ['GZ-YF-003', '优抚对象定期抚恤补助', 'benefit', S, 30, 15, [ID, DISCHARGE, BANK], [reason], counter, false, true],
  ['GZ-FW-001', '社区活动场地预约', 'public_service', C, 3, 1, [ID], [date, reason], both],
  ['GZ-FW-002', '志愿者注册', 'public_service', C, 3, 1, [ID], [contact], both],
  ['GZ-FW-003', '社区社会组织备案', 'confirmation', S, 20, 10, [ID, REPORT], [reason], both, false],
  ['GZ-FW-004', '社区文体团队登记', 'public_service', C, 5, 2, [ID], [reason], both],
  ['GZ-FW-005', '四点半课堂报名', 'public_service', C, 3, 1, [HUKOU], [birth, contact], both],
  ['GZ-FW-006', '社区图书室借阅证办理', 'public_service', C, 1, 1, [ID], [contact], both],
  ['GZ-FW-007', '家庭医生签约服务', 'public_service', C, 5, 2, [ID], [contact], both],
  ['GZ-FW-008', '电动自行车充电设施安装申请', 'public_service', C, 10, 5, [ID, HOUSE], [reason], both],
  ['GZ-FW-009', '无障碍设施改造申请', 'public_service', S, 20, 10, [ID, DISAB, HOUSE], [reason], both, false, true],
  ['GZ-FW-010', '托育服务登记', 'public_service', C, 5, 2, [HUKOU, BIRTH], [birth], both],
  ['GZ-FZ-001', '法律援助申请（代为转交）', 'public_service', CS, 7, 3, [ID, REPORT, INCOME], [reason], both, true],
  ['GZ-FZ-002', '人民调解申请', 'public_service', C, 10, 5, [ID, REPORT], [reason], both],
  ['GZ-XK-001', '临时占用道路施工审核', 'licence', S, 20, 10, [ID, REPORT, AGENT], [date, reason], counter, false, true],
  ['GZ-XK-002', '户外广告设施设置初审', 'licence', S, 20, 10, [ID, REPORT], [reason], counter, false, true],
  ['GZ-XK-003', '养犬登记', 'licence', S, 20, 7, [ID, PHOTO], [contact], both, false, true],
  ['GZ-QT-001', '门牌号码编制申请', 'other', S, 15, 7, [ID, HOUSE], [reason], counter, false, true],
  ['GZ-QT-002', '户口迁入政策咨询预审', 'other', CS, 5, 2, [ID, HUKOU], [reason], both, true],
];

// The admission-list entries of the demo (admission/demo.ts) that some items are on.
const onLists: Record<string, string[]> = {
  'GZ-ZM-001': ['ZM-01'],
  'GZ-GL-001': ['XZ-02'],
  'GZ-DB-001': ['XZ-02'],
  'GZ-LS-001': ['XZ-02'],
  'GZ-CJ-001': ['XZ-07'],
  'GZ-JYE-001': ['XZ-03'],
  'GZ-FZ-002': ['LZ-03'],
};

/** The demo catalogue: code and content, the deciding department filled in where a department decides. */
export function demoCatalogue(departmentCode: string | null): { code: string; content: ItemContent }[] {
  return rows.map(([code, name, kind, levels, statutory, promised, materials, fields, channels = both, districtWide = false, byDepartment = false]) => ({
    code,
    content: {
      name,
      kind,
      departmentCode: byDepartment ? departmentCode : null,
      acceptLevels: levels,
      statutoryDays: statutory,
      promisedDays: promised,
      materials,
      fees: '不收费',
      channels,
      districtWide,
      formFields: fields,
      guide: `${name}：请按材料清单准备，可在社区或街道便民服务中心窗口办理${channels.includes('online') ? '，也可网上申请' : ''}。`,
      admissionEntries: onLists[code] ?? [],
    },
  }));
}

/** "One thing" bundles of the demo. */
export const demoBundles = [
  { code: 'YJS-ELDER', name: '老年人助老服务一件事', lifeEvent: '年满八十周岁，申领津贴、优待证和居家养老补贴', itemCodes: ['GZ-GL-001', 'GZ-YL-003', 'GZ-YL-002'], active: true },
  { code: 'YJS-DISABLED', name: '残疾人服务一件事', lifeEvent: '取得残疾人证后，申领两项补贴并登记就业', itemCodes: ['GZ-CJ-001', 'GZ-CJ-002', 'GZ-CJ-005'], active: true },
  { code: 'YJS-MOVE-IN', name: '新市民落脚一件事', lifeEvent: '搬入社区：居住登记、居住证和参保', itemCodes: ['GZ-JZ-003', 'GZ-JZ-001', 'GZ-SB-002'], active: true },
  { code: 'YJS-DEATH', name: '身后事一件事', lifeEvent: '家人去世后的丧葬补助和待遇结算', itemCodes: ['GZ-SB-004', 'GZ-JS-001'], active: true },
];
