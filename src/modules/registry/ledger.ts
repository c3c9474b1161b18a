// The ledger (台账) layout communities keep: its columns with their Chinese headers and the
// other spellings seen in the wild, header mapping, and the check of one row. Pure: the
// import service reads the file, encrypts, and stores; everything decided about a row is here.
import { checkAgainstIdNumber, idNumberProblemMessage, validateIdNumber } from './id-number.ts';
import { mobileProblemMessage, validateMobile } from './phone.ts';
import {
  builtInKindInfos,
  checkMembership,
  parseDisabilityCategory,
  parseDisabilityGrade,
  parseKeyGroupCell,
  type BuiltInKindCode,
  type KindInfo,
} from './key-groups/kinds.ts';
import {
  excelDate,
  excelSerialDate,
  genderLabels,
  parseEducation,
  parseEthnicity,
  parseGender,
  parseLedgerDate,
  parsePoliticalStatus,
  parseRelation,
  parseResidenceType,
  parseTenure,
} from './vocabulary.ts';
import { ledgerFields, type Education, type Gender, type HouseTenure, type LedgerField, type PoliticalStatus, type Relation, type ResidenceType } from './contract.ts';

export interface LedgerColumn {
  field: LedgerField;
  /** The header in the template. */
  header: string;
  /** Other headers that mean the same column. */
  aliases: readonly string[];
  required: boolean;
  /** Shown in the template's example row. */
  example: string;
  /** Shown as the template's header comment. */
  hint?: string;
}

export { ledgerFields, type LedgerField };

const column = (field: LedgerField, header: string, aliases: string[], example: string, options: { required?: boolean; hint?: string } = {}): LedgerColumn => ({
  field, header, aliases, example, required: options.required ?? false, ...(options.hint ? { hint: options.hint } : {}),
});

export const ledgerColumns: readonly LedgerColumn[] = [
  column('grid', '网格', ['网格编码', '所属网格', '网格名称', '网格号'], '', { hint: '网格编码或名称；社区只有一个网格时可不填' }),
  column('building', '楼栋', ['楼号', '楼栋号', '楼栋名称', '楼宇', '小区楼栋', '楼', '楼栋地址', '院落楼栋'], '翠微路28号院3号楼', { required: true }),
  column('unit', '单元', ['单元号'], '2'),
  column('floor', '楼层', ['层', '所在楼层'], '3'),
  column('houseNumber', '房号', ['门牌号', '室', '房间号', '户室号', '门牌', '室号'], '302', { required: true }),
  column('householdNumber', '户号', ['户编号', '户序号'], '1', { hint: '同一房屋住有多户时区分各户，默认为 1' }),
  column('tenure', '居住方式', ['房屋性质', '住房性质', '房屋状态', '居住性质'], '自住', { hint: '自住 / 出租 / 空置' }),
  column('relation', '与户主关系', ['关系', '与户主的关系', '家庭关系'], '户主', { required: true }),
  column('name', '姓名', ['居民姓名', '人员姓名'], '张三丰', { required: true }),
  column('gender', '性别', [], '男', { hint: '可不填，以身份证号为准' }),
  column('birthDate', '出生日期', ['出生年月', '生日', '出生年月日'], '1985-06-12', { hint: '可不填，以身份证号为准' }),
  column('idNumber', '公民身份号码', ['身份证号', '身份证号码', '证件号码', '身份证', '证件号'], '110108198506120019', { required: true, hint: '18位，请将本列设为文本格式' }),
  column('phone', '联系电话', ['手机号', '手机', '电话', '手机号码', '联系方式'], '13812345678'),
  column('ethnicity', '民族', [], '汉族'),
  column('residenceType', '人口类型', ['户籍类别', '户籍类型', '人员类别', '人员类型', '户口性质'], '户籍人口', { hint: '户籍人口 / 流动人口' }),
  column('arrivedOn', '来本地日期', ['来京日期', '来本地时间', '来本市日期', '来沪日期', '到达日期', '来现住地日期'], '', { hint: '流动人口必填' }),
  column('employer', '工作单位', ['服务处所', '工作单位/学校', '单位', '就业单位'], ''),
  column('education', '文化程度', ['学历'], '本科'),
  column('politicalStatus', '政治面貌', [], '群众'),
  column('keyGroups', '重点人群', ['人群类别', '特殊人群', '重点人群类别', '人员标签', '关爱类别'], '', { hint: '多个用顿号分隔，如：独居老人、低保' }),
  column('disabilityCategory', '残疾类别', [], '', { hint: '重点人群含残疾人时填写，如：肢体' }),
  column('disabilityGrade', '残疾等级', [], '', { hint: '一级至四级' }),
  column('notes', '备注', [], ''),
];

const columnsByField = new Map(ledgerColumns.map((c) => [c.field, c]));

/** The Chinese header of a field (for messages and the report). */
export function headerOf(field: LedgerField): string {
  return columnsByField.get(field)?.header ?? field;
}

/** A header as compared: no spaces, no required-marks (*姓名), no notes in brackets (姓名（必填）). */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊:：]/g, '');
}

const headerIndex = new Map<string, LedgerField>();
for (const c of ledgerColumns) for (const h of [c.header, ...c.aliases, c.field]) headerIndex.set(normaliseHeader(h), c.field);

export interface HeaderMapping {
  /** The field of each column of the file, by position; null for columns not imported. */
  fields: (LedgerField | null)[];
  headers: { header: string; field: LedgerField | null }[];
  /** Required fields no column maps to. */
  missing: LedgerField[];
  /** Fields two columns map to (the first one wins). */
  duplicated: LedgerField[];
}

/**
 * Maps a file's headers to fields: an explicit mapping given by the user (header → field)
 * first, then the template's headers and known aliases.
 */
export function mapHeaders(headers: string[], explicit: Record<string, string> = {}): HeaderMapping {
  const given = new Map(Object.entries(explicit).map(([h, f]) => [normaliseHeader(h), f]));
  const taken = new Set<LedgerField>();
  const duplicated: LedgerField[] = [];
  const fields = headers.map((raw): LedgerField | null => {
    const h = normaliseHeader(raw);
    if (h === '') return null;
    const chosen = given.get(h);
    const field = chosen !== undefined ? ((ledgerFields as readonly string[]).includes(chosen) ? (chosen as LedgerField) : null) : (headerIndex.get(h) ?? null);
    if (field === null) return null;
    if (taken.has(field)) {
      duplicated.push(field);
      return null;
    }
    taken.add(field);
    return field;
  });
  const missing = ledgerColumns.filter((c) => c.required && !taken.has(c.field)).map((c) => c.field);
  return { fields, headers: headers.map((header, i) => ({ header, field: fields[i] ?? null })), missing, duplicated };
}

/**
 * How many known headers a row holds, counting the user's mapped headers only where the row
 * has them: the header row is the first with at least three (a title row may come first).
 */
export function knownHeaderCount(cells: string[], mapped: Record<string, unknown> = {}): number {
  const mappedHeaders = new Set(Object.keys(mapped).map(normaliseHeader));
  return cells.filter((c) => {
    const header = normaliseHeader(c);
    return headerIndex.has(header) || mappedHeaders.has(header);
  }).length;
}

/** A cell as the reader gives it. */
export type LedgerCell = string | number | boolean | Date | null | undefined;

/** A checked row, ready to store (identifiers still in clear: the service encrypts them). */
export interface LedgerRow {
  grid: string | null;
  building: string;
  unit: string;
  floor: number | null;
  houseNumber: string;
  householdNumber: string;
  tenure: HouseTenure | null;
  relation: Relation;
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string | null;
  /** Null when the ledger leaves it empty (new people are then 户籍人口). */
  residenceType: ResidenceType | null;
  arrivedOn: string | null;
  employer: string | null;
  education: Education | null;
  politicalStatus: PoliticalStatus | null;
  notes: string | null;
  keyGroups: { kind: BuiltInKindCode; fields: Record<string, unknown> }[];
}

export interface RowProblem {
  /** The Chinese header of the column (as in the template). */
  column: string;
  message: string;
}

function textOf(cell: LedgerCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return excelDate(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return String(cell).normalize('NFKC').trim();
}

const kindInfos = new Map(builtInKindInfos().map((k) => [k.code, k]));

// A date cell: a Date, Excel's day number (a date cell read without styles), or text.
function dateOf(cell: LedgerCell, text: string): string | undefined {
  if (cell instanceof Date) return excelDate(cell);
  if (typeof cell === 'number' && cell < 100_000) return excelSerialDate(cell);
  return parseLedgerDate(text);
}

/**
 * Checks one ledger row. Returns the normalised row, or every problem found in it, each
 * naming its column and saying in Chinese what is wrong.
 */
export function checkLedgerRow(
  cells: Partial<Record<LedgerField, LedgerCell>>,
  options: { today: string; kinds?: ReadonlyMap<string, KindInfo> },
): { ok: true; row: LedgerRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (field: LedgerField, message: string) => problems.push({ column: headerOf(field), message });
  const get = (field: LedgerField) => textOf(cells[field]);
  const optional = (field: LedgerField, max: number): string | null => {
    const value = get(field);
    if (value.length > max) bad(field, `不能超过${max}个字`);
    return value === '' ? null : value.slice(0, max);
  };
  const required = (field: LedgerField, max: number): string => {
    const value = get(field);
    if (value === '') bad(field, '必填');
    else if (value.length > max) bad(field, `不能超过${max}个字`);
    return value;
  };
  const coded = <T>(field: LedgerField, parse: (raw: string) => T | undefined, allowed: string): T | null => {
    const value = get(field);
    if (value === '') return null;
    const code = parse(value);
    if (code === undefined) bad(field, `“${value}”不是有效值，应为：${allowed}`);
    return code ?? null;
  };

  const name = required('name', 30);
  if (/\d/.test(name)) bad('name', '姓名不能包含数字');

  // An 18-digit number typed into an Excel number cell loses its last digits (15 significant digits).
  const rawId = cells.idNumber;
  let idNumber = '';
  let idInfo: { gender: Gender; birthDate: string } | undefined;
  if (typeof rawId === 'number') {
    bad('idNumber', '身份证号被 Excel 存成了数字，末几位已丢失；请将该列设为文本格式后重新填写');
  } else {
    const result = validateIdNumber(textOf(rawId), { today: new Date(`${options.today}T12:00:00+08:00`) });
    if (result.ok) {
      idNumber = result.value;
      idInfo = result;
    } else bad('idNumber', idNumberProblemMessage(result.reason, 'zh-CN'));
  }

  const gender = coded('gender', parseGender, '男、女');
  const birthText = get('birthDate');
  const birthDate = birthText === '' ? null : dateOf(cells.birthDate, birthText);
  if (birthText !== '' && !birthDate) bad('birthDate', `“${birthText}”不是有效日期，应如 1985-06-12`);
  if (idInfo) {
    const mismatches = checkAgainstIdNumber(idInfo, { ...(gender ? { gender } : {}), ...(birthDate ? { birthDate } : {}) });
    if (mismatches.includes('gender')) bad('gender', `与身份证号不符（身份证号为${genderLabels[idInfo.gender]}性）`);
    if (mismatches.includes('birth_date')) bad('birthDate', `与身份证号中的出生日期不符`);
  }

  let phone: string | null = null;
  const phoneText = get('phone');
  if (phoneText !== '') {
    const result = validateMobile(phoneText);
    if (result.ok) phone = result.value;
    else bad('phone', mobileProblemMessage(result.reason, 'zh-CN'));
  }

  const building = required('building', 60);
  const unit = get('unit').replace(/单元$/, '');
  if (unit.length > 10) bad('unit', '不能超过10个字');
  const houseNumber = required('houseNumber', 20).replace(/[室号]$/, '');
  const floorText = get('floor').replace(/[层楼]$/, '');
  let floor: number | null = null;
  if (floorText !== '') {
    floor = /^-?\d{1,3}$/.test(floorText) ? Number(floorText) : null;
    if (floor === null) bad('floor', `“${floorText}”不是楼层数`);
  } else if (/^\d{3,4}$/.test(houseNumber)) {
    floor = Math.floor(Number(houseNumber) / 100); // 302 is on the third floor, 1502 on the fifteenth
  }
  const householdNumber = get('householdNumber') || '1';
  if (householdNumber.length > 10) bad('householdNumber', '不能超过10个字');

  const relationText = get('relation');
  const relation = relationText === '' ? null : parseRelation(relationText);
  if (relationText === '') bad('relation', '必填');
  else if (!relation) bad('relation', `“${relationText}”不是有效的与户主关系，应如：户主、配偶、子、女、父亲、母亲、孙子、其他`);

  const residenceType = coded('residenceType', parseResidenceType, '户籍人口、流动人口');
  const arrivedText = get('arrivedOn');
  const arrivedOn = arrivedText === '' ? null : dateOf(cells.arrivedOn, arrivedText);
  if (arrivedText !== '' && !arrivedOn) bad('arrivedOn', `“${arrivedText}”不是有效日期`);
  else if (arrivedOn && arrivedOn > options.today) bad('arrivedOn', '来本地日期不能晚于今天');
  if (residenceType === 'migrant' && arrivedText === '') bad('arrivedOn', '流动人口必须填写来本地日期');

  const ethnicity = coded('ethnicity', parseEthnicity, '56个民族之一，如 汉族、回族');
  const education = coded('education', parseEducation, '未上学、小学、初中、高中、中专/技校、大专、本科、硕士研究生、博士研究生');
  const politicalStatus = coded('politicalStatus', parsePoliticalStatus, '中共党员、中共预备党员、共青团员、民主党派成员、无党派人士、群众');
  const tenure = coded('tenure', parseTenure, '自住、出租、空置');
  const employer = optional('employer', 100);
  const notes = optional('notes', 500);
  const grid = get('grid') || null;

  const keyGroups: LedgerRow['keyGroups'] = [];
  const keyText = get('keyGroups');
  if (keyText !== '') {
    const { kinds, unknown } = parseKeyGroupCell(keyText);
    if (unknown.length) bad('keyGroups', `不认识的人群类别：${unknown.join('、')}`);
    for (const k of kinds) {
      const fields = { ...k.fields };
      let fieldsGiven = true;
      if (k.kind === 'disabled') {
        const category = parseDisabilityCategory(get('disabilityCategory'));
        const grade = parseDisabilityGrade(get('disabilityGrade'));
        if (!category) bad('disabilityCategory', '残疾人须填写残疾类别：视力、听力、言语、肢体、智力、精神、多重');
        if (!grade) bad('disabilityGrade', '残疾人须填写残疾等级：一级至四级');
        fieldsGiven = category !== undefined && grade !== undefined;
        Object.assign(fields, { category, grade });
      }
      const info = (options.kinds ?? kindInfos).get(k.kind);
      if (!info) continue;
      if (idInfo && fieldsGiven) {
        const checked = checkMembership(info, { birthDate: idInfo.birthDate }, fields, options.today);
        if (!checked.ok) for (const p of checked.problems) bad('keyGroups', p.field === 'kind' ? p.message : `${info.name}须登记的信息台账中没有，请在系统中单独登记`);
        else keyGroups.push({ kind: k.kind, fields: checked.fields });
      }
    }
  }

  if (problems.length > 0 || !idInfo || !relation) return { ok: false, problems };
  return {
    ok: true,
    row: {
      grid,
      building,
      unit,
      floor,
      houseNumber,
      householdNumber,
      tenure,
      relation,
      name,
      gender: idInfo.gender,
      birthDate: idInfo.birthDate,
      idNumber,
      phone,
      ethnicity,
      residenceType,
      arrivedOn: arrivedOn ?? null,
      employer,
      education,
      politicalStatus,
      notes,
      keyGroups,
    },
  };
}
