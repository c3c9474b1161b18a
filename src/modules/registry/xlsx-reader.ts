// A streaming reader for the first worksheet of an .xlsx file, row by row.
//
// Why not exceljs's WorkbookReader: it decodes each inflated chunk of XML on its own
// (utils/parse-sax.js), so a Chinese character split across two chunks becomes "�" — in a
// 200,000-row ledger, dozens of names and addresses silently corrupted. Here each part is
// inflated with zlib from the zip's central directory (the upload is a file, so it can be
// read at any offset) and decoded with a streaming TextDecoder before the XML parser sees it.
import fs from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export type XlsxCell = string | number | boolean | Date | null;

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export class XlsxFormatError extends Error {}

/** The entries of a zip file, from its central directory. */
export async function readZipDirectory(file: string): Promise<Map<string, ZipEntry>> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new XlsxFormatError('not a zip file');
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (directoryOffset === 0xffffffff || count === 0xffff) throw new XlsxFormatError('ZIP64 files are not supported');
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries = new Map<string, ZipEntry>();
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) throw new XlsxFormatError('damaged zip directory');
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      entries.set(name.replace(/^\//, ''), {
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        localHeaderOffset: directory.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

async function entryStream(file: string, entry: ZipEntry): Promise<Readable> {
  const handle = await fs.promises.open(file, 'r');
  const header = Buffer.alloc(30);
  try {
    await handle.read(header, 0, 30, entry.localHeaderOffset);
  } finally {
    await handle.close();
  }
  if (header.readUInt32LE(0) !== 0x04034b50) throw new XlsxFormatError('damaged zip entry');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new XlsxFormatError(`unsupported zip compression ${entry.method}`);
  return raw.pipe(createInflateRaw());
}

type XmlEvent = { type: 'open'; name: string; attributes: Record<string, string> } | { type: 'close'; name: string } | { type: 'text'; text: string };

// Local names: some writers prefix the spreadsheet namespace (x:row).
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The XML events of a stream, in batches (one per chunk), decoded as UTF-8 across chunk boundaries. */
async function* xmlEvents(stream: Readable): AsyncGenerator<XmlEvent[]> {
  const parser = new SaxesParser({ position: false });
  const decoder = new TextDecoder('utf-8');
  let batch: XmlEvent[] = [];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    batch.push({ type: 'open', name: localName(tag.name), attributes: (tag as SaxesTagPlain).attributes });
  });
  parser.on('closetag', (tag) => {
    batch.push({ type: 'close', name: localName(tag.name) });
  });
  parser.on('text', (text) => {
    batch.push({ type: 'text', text });
  });
  parser.on('cdata', (text) => {
    batch.push({ type: 'text', text });
  });
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (failure) throw new XlsxFormatError(`damaged XML: ${failure.message}`);
    yield batch;
    batch = [];
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw new XlsxFormatError(`damaged XML: ${failure.message}`);
  if (batch.length) yield batch;
}

async function readSmallXml(file: string, entry: ZipEntry | undefined): Promise<XmlEvent[]> {
  if (!entry) return [];
  const all: XmlEvent[] = [];
  for await (const batch of xmlEvents(await entryStream(file, entry))) all.push(...batch);
  return all;
}

/** The path of the first worksheet and of the shared strings, from the workbook and its relationships. */
async function locateParts(file: string, entries: Map<string, ZipEntry>) {
  const workbook = await readSmallXml(file, entries.get('xl/workbook.xml'));
  const rels = await readSmallXml(file, entries.get('xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, { target: string; type: string }>();
  for (const e of rels) {
    if (e.type === 'open' && e.name === 'Relationship') targets.set(e.attributes.Id ?? '', { target: e.attributes.Target ?? '', type: e.attributes.Type ?? '' });
  }
  const resolve = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');
  const firstSheet = workbook.find((e): e is Extract<XmlEvent, { type: 'open' }> => e.type === 'open' && e.name === 'sheet');
  const sheetRel = firstSheet ? targets.get(firstSheet.attributes['r:id'] ?? Object.entries(firstSheet.attributes).find(([k]) => k.endsWith(':id'))?.[1] ?? '') : undefined;
  const sheet = sheetRel ? resolve(sheetRel.target) : 'xl/worksheets/sheet1.xml';
  const stringsRel = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'));
  return { sheet, sharedStrings: stringsRel ? resolve(stringsRel.target) : 'xl/sharedStrings.xml' };
}

/** The shared strings table: rich text runs joined, phonetic runs (rPh) left out. */
async function readSharedStrings(file: string, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let parts: string[] = [];
  let inText = false;
  let inPhonetic = false;
  for await (const batch of xmlEvents(await entryStream(file, entry))) {
    for (const e of batch) {
      if (e.type === 'text') {
        if (inText) parts.push(e.text);
      } else if (e.type === 'open') {
        if (e.name === 'si') parts = [];
        else if (e.name === 'rPh') inPhonetic = true;
        else if (e.name === 't' && !inPhonetic) inText = true;
      } else if (e.name === 'si') strings.push(parts.join(''));
      else if (e.name === 'rPh') inPhonetic = false;
      else if (e.name === 't') inText = false;
    }
  }
  return strings;
}

/** The column index (0-based) of a cell reference: A1 → 0, AB12 → 27. */
export function columnIndex(reference: string): number {
  let index = 0;
  for (const ch of reference) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** The rows of the first worksheet, in order, with their row numbers (1-based, as Excel shows them). */
export async function* readXlsxRows(file: string): AsyncGenerator<{ rowNo: number; cells: XlsxCell[] }> {
  const entries = await readZipDirectory(file);
  const parts = await locateParts(file, entries);
  const sheetEntry = entries.get(parts.sheet);
  if (!sheetEntry) throw new XlsxFormatError('the workbook has no worksheet');
  const shared = await readSharedStrings(file, entries.get(parts.sharedStrings));

  let rowNo = 0;
  let cells: XlsxCell[] = [];
  let column = 0;
  let cellType = '';
  let text: string[] = [];
  let capture = false;
  let inInline = false;
  let inPhonetic = false;
  for await (const batch of xmlEvents(await entryStream(file, sheetEntry))) {
    const rows: { rowNo: number; cells: XlsxCell[] }[] = [];
    for (const e of batch) {
      if (e.type === 'text') {
        if (capture) text.push(e.text);
        continue;
      }
      if (e.type === 'open') {
        switch (e.name) {
          case 'row':
            rowNo = e.attributes.r ? Number(e.attributes.r) : rowNo + 1;
            cells = [];
            column = 0;
            break;
          case 'c':
            column = e.attributes.r ? columnIndex(e.attributes.r) : column;
            cellType = e.attributes.t ?? 'n';
            text = [];
            break;
          case 'v':
            capture = true;
            break;
          case 'is':
            inInline = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (inInline && !inPhonetic) capture = true;
            break;
        }
        continue;
      }
      switch (e.name) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          cells[column] = cellValue(cellType, text.join(''), shared);
          column++;
          break;
        case 'row':
          rows.push({ rowNo, cells });
          break;
      }
    }
    yield* rows;
  }
}

function cellValue(type: string, text: string, shared: string[]): XlsxCell {
  switch (type) {
    case 's':
      return shared[Number(text)] ?? null;
    case 'inlineStr':
    case 'str':
      return text;
    case 'b':
      return text === '1';
    case 'e':
      return null;
    case 'd':
      return text ? new Date(text) : null;
    default:
      return text === '' ? null : Number(text);
  }
}
