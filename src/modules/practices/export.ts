// The library as an .xlsx ledger: the filtered list, one practice a row, Chinese headers.
import ExcelJS from 'exceljs';
import { gongzhiFeatures, practiceSourceLabels, practiceThemeLabels, type PracticeView } from './contract.ts';

const columns: { header: string; width: number; value: (p: PracticeView) => string | number }[] = [
  { header: '年份', width: 8, value: (p) => p.year },
  { header: '来源', width: 20, value: (p) => practiceSourceLabels[p.source].zh },
  { header: '序号', width: 6, value: (p) => p.seq || '' },
  { header: '名称', width: 40, value: (p) => p.title },
  { header: '地点', width: 24, value: (p) => p.placeName },
  { header: '行政区划代码', width: 14, value: (p) => p.divisionCode ?? '' },
  { header: '省份', width: 12, value: (p) => p.provinceName ?? '' },
  { header: '申报单位', width: 24, value: (p) => p.submitter ?? '' },
  { header: '主题', width: 30, value: (p) => p.themes.map((t) => practiceThemeLabels[t].zh).join('、') },
  { header: '简介', width: 80, value: (p) => p.summary },
  { header: '共治功能', width: 40, value: (p) => p.features.map((f) => gongzhiFeatures[f].path ?? `${gongzhiFeatures[f].module}（规划中）`).join('、') },
  { header: 'English title', width: 40, value: (p) => p.titleEn },
];

/** The practices as one sheet with a bold, frozen header row. */
export async function practicesWorkbook(rows: readonly PracticeView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社区治理实践', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const p of rows) sheet.addRow(columns.map((c) => c.value(p)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
