// The words ledgers use for coded values, and the codes stored. Pure data and parsers:
// a ledger cell (张三's 与户主关系 "之子") becomes a code ('child') or is refused.
import type { Education, Gender, HouseTenure, PoliticalStatus, Relation, ResidenceType, ResidentStatus, VisitMethod } from './contract.ts';

export const genderLabels: Record<Gender, string> = { male: '男', female: '女' };

export const relationLabels: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  child_in_law: '儿媳/女婿',
  grandchild: '孙子女',
  parent: '父母',
  parent_in_law: '公婆/岳父母',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};

// Spellings seen in hand-kept ledgers (公安户口簿 uses 之子, 之女, 妻, 夫…).
const relationWords: Record<string, Relation> = {
  户主: 'head', 本人: 'head',
  配偶: 'spouse', 妻: 'spouse', 妻子: 'spouse', 夫: 'spouse', 丈夫: 'spouse',
  子女: 'child', 子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 之子: 'child', 之女: 'child', 长子: 'child', 次子: 'child', 长女: 'child', 次女: 'child', 养子: 'child', 养女: 'child', 继子: 'child', 继女: 'child',
  儿媳: 'child_in_law', 女婿: 'child_in_law', '儿媳/女婿': 'child_in_law',
  孙子女: 'grandchild', 孙子: 'grandchild', 孙女: 'grandchild', 外孙: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild',
  父母: 'parent', 父亲: 'parent', 母亲: 'parent', 父: 'parent', 母: 'parent',
  公婆: 'parent_in_law', 岳父母: 'parent_in_law', '公婆/岳父母': 'parent_in_law', 公公: 'parent_in_law', 婆婆: 'parent_in_law', 岳父: 'parent_in_law', 岳母: 'parent_in_law',
  祖父母: 'grandparent', 祖父: 'grandparent', 祖母: 'grandparent', 外祖父: 'grandparent', 外祖母: 'grandparent', 爷爷: 'grandparent', 奶奶: 'grandparent',
  兄弟姐妹: 'sibling', 兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 哥哥: 'sibling', 弟弟: 'sibling', 姐姐: 'sibling', 妹妹: 'sibling',
  其他: 'other', 其它: 'other', 租户: 'other', 保姆: 'other', 亲属: 'other',
};

export const residenceTypeLabels: Record<ResidenceType, string> = { local: '户籍人口', migrant: '流动人口' };
const residenceTypeWords: Record<string, ResidenceType> = {
  户籍人口: 'local', 户籍: 'local', 本地: 'local', 常住: 'local', 常住人口: 'local', 本市户籍: 'local',
  流动人口: 'migrant', 流动: 'migrant', 外来: 'migrant', 外来人口: 'migrant', 外地: 'migrant', 暂住: 'migrant',
};

export const educationLabels: Record<Education, string> = {
  none: '未上学',
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中',
  vocational: '中专/技校',
  junior_college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
};
const educationWords: Record<string, Education> = {
  未上学: 'none', 文盲: 'none', 无: 'none', 学龄前: 'none',
  小学: 'primary', 初中: 'junior_high', 高中: 'senior_high',
  中专: 'vocational', 技校: 'vocational', '中专/技校': 'vocational', 职高: 'vocational', 中技: 'vocational',
  大专: 'junior_college', 专科: 'junior_college', 大学专科: 'junior_college',
  本科: 'bachelor', 大学本科: 'bachelor', 大学: 'bachelor',
  硕士: 'master', 研究生: 'master', 硕士研究生: 'master',
  博士: 'doctorate', 博士研究生: 'doctorate',
};

export const politicalStatusLabels: Record<PoliticalStatus, string> = {
  cpc_member: '中共党员',
  cpc_probationary: '中共预备党员',
  cyl_member: '共青团员',
  democratic_party: '民主党派成员',
  independent: '无党派人士',
  masses: '群众',
};
const politicalStatusWords: Record<string, PoliticalStatus> = {
  中共党员: 'cpc_member', 党员: 'cpc_member', 中国共产党党员: 'cpc_member',
  中共预备党员: 'cpc_probationary', 预备党员: 'cpc_probationary',
  共青团员: 'cyl_member', 团员: 'cyl_member',
  民主党派: 'democratic_party', 民主党派成员: 'democratic_party',
  无党派人士: 'independent', 无党派: 'independent',
  群众: 'masses',
};

export const tenureLabels: Record<HouseTenure, string> = { owner_occupied: '自住', rented: '出租', vacant: '空置' };
const tenureWords: Record<string, HouseTenure> = {
  自住: 'owner_occupied', 自有: 'owner_occupied', 自有住房: 'owner_occupied',
  出租: 'rented', 租住: 'rented', 租赁: 'rented', 承租: 'rented',
  空置: 'vacant', 闲置: 'vacant',
};

export const statusLabels: Record<ResidentStatus, string> = { active: '在册', moved_out: '已迁出', deceased: '已故' };
export const visitMethodLabels: Record<VisitMethod, string> = { home: '入户走访', phone: '电话联系', video: '视频联系', other: '其他' };

// GB/T 3304: the 56 ethnic groups of China.
export const ethnicities = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;
const ethnicitySet: ReadonlySet<string> = new Set(ethnicities);

const compact = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

function lookup<T>(words: Record<string, T>, codes: Record<string, unknown>, raw: string): T | undefined {
  const text = compact(raw);
  if (Object.hasOwn(words, text)) return words[text];
  // The code itself is accepted too (an export of Gongzhi read back).
  if (Object.hasOwn(codes, text)) return text as T;
  return undefined;
}

/** A resident's profile fields, kept as typed: one list for views, imports and edits. */
export const residentProfileFields = ['ethnicity', 'residenceType', 'arrivedOn', 'employer', 'education', 'politicalStatus', 'notes'] as const;
type ResidentProfileField = (typeof residentProfileFields)[number];

/** The profile fields of a resident or a ledger row. */
export function profileOf<T extends Record<ResidentProfileField, unknown>>(r: T): Pick<T, ResidentProfileField> {
  return Object.fromEntries(residentProfileFields.map((field) => [field, r[field]])) as Pick<T, ResidentProfileField>;
}

export const parseRelation = (raw: string) => lookup(relationWords, relationLabels, raw);
export const parseResidenceType = (raw: string) => lookup(residenceTypeWords, residenceTypeLabels, raw);
export const parseEducation = (raw: string) => lookup(educationWords, educationLabels, raw);
export const parsePoliticalStatus = (raw: string) => lookup(politicalStatusWords, politicalStatusLabels, raw);
export const parseTenure = (raw: string) => lookup(tenureWords, tenureLabels, raw);

export function parseGender(raw: string): Gender | undefined {
  const text = compact(raw).toLowerCase();
  if (['男', '男性', 'm', 'male', '1'].includes(text)) return 'male';
  if (['女', '女性', 'f', 'female', '2'].includes(text)) return 'female';
  return undefined;
}

/** The canonical name of an ethnic group: 汉 and 汉族 both give 汉族. */
export function parseEthnicity(raw: string): string | undefined {
  const text = compact(raw);
  if (ethnicitySet.has(text)) return text;
  if (ethnicitySet.has(`${text}族`)) return `${text}族`;
  return undefined;
}

/**
 * A calendar date from what ledgers hold: 1985-06-12, 1985/6/12, 1985.6.12, 19850612,
 * 1985年6月12日. Returns YYYY-MM-DD, or undefined when it is not a real date.
 */
export function parseLedgerDate(raw: string): string | undefined {
  const text = compact(raw);
  const match = /^(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An Excel date cell (a JS Date at UTC midnight, as exceljs reads it) as YYYY-MM-DD. */
export function excelDate(value: Date): string {
  // Excel stores days without a zone; exceljs turns them into UTC instants. Round to the
  // nearest day so that a time of 23:59:59.999 from float error lands on the right date.
  return new Date(Math.round(value.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date from Excel's day number (the 1900 date system: 1 is 1900-01-01, and 60 the
 * 29 February 1900 that never was), for date cells read without their styles.
 */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 100_000) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

// Birth dates and visit days are calendar dates in China (UTC+8, no daylight saving).
const chinaOffsetMs = 8 * 3_600_000;

/** Today's date in China as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date plus a number of days. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Age in whole years on a date. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
