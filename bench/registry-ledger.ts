// Writes a synthetic ledger (台账) of N rows as .xlsx (streamed, shared strings as Excel
// writes them) and the same rows as UTF-8 CSV, for bench/registry-import.ts. Run it in its
// own process so that generating the files does not count in the importer's memory:
//   node --import tsx bench/registry-ledger.ts OUT.xlsx OUT.csv ROWS
import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../src/modules/registry/index.ts';
import { insertGrids, insertOrgUnits } from '../src/modules/org/index.ts';
import type { Db } from '../src/platform/db.ts';

export const ledgerHeader = ['楼栋', '单元', '房号', '与户主关系', '姓名', '性别', '出生日期', '公民身份号码', '联系电话', '民族', '人口类型', '来本地日期', '工作单位', '文化程度', '政治面貌', '重点人群', '备注'];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenChars = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉梅志红春文斌浩宇鹏飞晨欣怡子涵梓轩雨萱博文佳琪思远';
const employers = ['海淀区某科技有限公司', '某银行北京分行', '某大学', '某医院', '某物业公司', '个体经营', '某中学', ''];
const educations = ['小学', '初中', '高中', '中专', '大专', '本科', '硕士', ''];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row n of the synthetic ledger: households of three in six-floor buildings, valid and distinct people. */
export function ledgerRow(n: number, random: () => number): string[] {
  const household = Math.floor(n / 3);
  const role = n % 3;
  const building = Math.floor(household / 24);
  const inBuilding = household % 24;
  const pick = (s: string | string[]) => s[Math.floor(random() * s.length)] as string;
  // Distinct numbers by construction: within each block of 25,000 rows the birth dates are
  // distinct (7919 is prime to 25,000), and the block is the sequence (odd for men).
  const male = role === 0 || (role === 2 && n % 2 === 0);
  const birthDate = new Date(Date.UTC(1940, 0, 1) + ((n * 7919) % 25_000) * 86_400_000).toISOString().slice(0, 10);
  const sequence = Math.floor(n / 25_000) * 2 + (male ? 1 : 0);
  const age = 2025 - Number(birthDate.slice(0, 4));
  const region = ['110108', '110108', '110108', '130102', '410105', '510104'][household % 6] as string;
  const idNumber = makeIdNumber({ regionCode: region, birthDate, sequence });
  const migrant = region !== '110108';
  const groups = age >= 65 && role === 0 && random() < 0.15 ? '独居老人' : random() < 0.008 ? '低保' : '';
  return [
    `学院路小区${building + 1}号楼`,
    String(Math.floor(inBuilding / 12) + 1),
    `${Math.floor((inBuilding % 12) / 2) + 1}0${(inBuilding % 2) + 1}`,
    ['户主', '配偶', male ? '子' : '女'][role] as string,
    `${surnames[household % surnames.length]}${pick(givenChars)}${random() < 0.6 ? pick(givenChars) : ''}`,
    male ? '男' : '女',
    birthDate,
    idNumber,
    age >= 16 ? `1${['3', '5', '8'][n % 3]}${String(n).padStart(9, '0')}` : '',
    random() < 0.95 ? '汉族' : '回族',
    migrant ? '流动人口' : '户籍人口',
    migrant ? '2018-03-01' : '',
    age >= 22 && age < 60 ? pick(employers) : '',
    age >= 18 ? pick(educations) : '',
    age >= 18 ? (random() < 0.1 ? '中共党员' : '群众') : '',
    groups,
    '',
  ];
}

/** Writes the ledger as .xlsx and as CSV; returns the file sizes. */
export async function writeLedgerFiles(xlsxPath: string, csvPath: string, rows: number, options: { sharedStrings?: boolean } = {}) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: options.sharedStrings ?? true, useStyles: false });
  const sheet = workbook.addWorksheet('实有人口台账');
  sheet.addRow(ledgerHeader).commit();
  const csv = fs.createWriteStream(csvPath);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  csv.write(`${ledgerHeader.join(',')}\n`);
  const random = rng(20_260_101);
  for (let n = 0; n < rows; n++) {
    const row = ledgerRow(n, random);
    sheet.addRow(row).commit();
    if (!csv.write(`${row.map(quote).join(',')}\n`)) await once(csv, 'drain');
  }
  sheet.commit();
  await workbook.commit();
  csv.end();
  await once(csv, 'finish');
  return { xlsxBytes: fs.statSync(xlsxPath).size, csvBytes: fs.statSync(csvPath).size };
}

/** The community the benchmarks import into: 学院路社区 with one grid, XYL01. */
export async function insertBenchCommunity(db: Db): Promise<void> {
  const p = '110000.110100.110108.110108015';
  await insertOrgUnits(db, [
    { code: '110000', parentCode: null, level: 'province', name: '北京市', orgPath: '110000' },
    { code: '110100', parentCode: '110000', level: 'city', name: '市辖区', orgPath: '110000.110100' },
    { code: '110108', parentCode: '110100', level: 'district', name: '海淀区', orgPath: '110000.110100.110108' },
    { code: '110108015', parentCode: '110108', level: 'street', name: '学院路街道', orgPath: p },
    { code: '110108015001', parentCode: '110108015', level: 'community', name: '学院路社区', orgPath: `${p}.110108015001` },
  ]);
  const geometry = { type: 'Polygon' as const, coordinates: [[[116.35, 39.99], [116.36, 39.99], [116.36, 40.0], [116.35, 40.0], [116.35, 39.99]] as [number, number][]] };
  await insertGrids(db, [{ code: 'XYL01', communityCode: '110108015001', name: '学院路第一网格', kind: 'community', orgPath: `${p}.110108015001.XYL01`, geometry }]);
}

if (process.argv[1]?.endsWith('registry-ledger.ts')) {
  const [xlsxPath, csvPath, rows, mode] = process.argv.slice(2);
  if (!xlsxPath || !csvPath) throw new Error('usage: registry-ledger.ts OUT.xlsx OUT.csv ROWS [inline]');
  const sizes = await writeLedgerFiles(xlsxPath, csvPath, Number(rows ?? 200_000), { sharedStrings: mode !== 'inline' });
  process.stdout.write(`${JSON.stringify(sizes)}\n`);
}
