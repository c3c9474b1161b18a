// Reading CSV ledgers with csv-parse (RFC 4180: quoted fields may hold commas, quotes
// written twice, and line breaks), streamed. Chinese Excel saves "CSV" in GB 18030 (GBK),
// other tools in UTF-8 with or without a byte-order mark: the encoding is detected from the
// first bytes and the text decoded here before it reaches the parser.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

/** Which encoding a CSV file's first bytes are in. */
export function detectEncoding(head: Uint8Array): 'utf-8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // A GBK text is almost never valid UTF-8; cut the sample back to a character boundary.
  let end = head.length;
  for (let back = 0; back < 4 && end > 0; back++) {
    const byte = head[end - 1] as number;
    if (byte < 0x80) break;
    end--;
    if (byte >= 0xc0) break; // a lead byte whose character may continue past the sample
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The text of a CSV byte stream, decoded in the encoding its first 4 KiB show (a BOM is dropped). */
async function* decodeCsv(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (!decoder) {
      // Wait for enough bytes to tell the encoding.
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength < 4096) continue;
      const head = Buffer.concat(pending);
      pending = [];
      decoder = new TextDecoder(detectEncoding(head), { ignoreBOM: false });
      yield decoder.decode(head, { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (!decoder && pendingLength > 0) {
    const head = Buffer.concat(pending);
    decoder = new TextDecoder(detectEncoding(head), { ignoreBOM: false });
    yield decoder.decode(head, { stream: true });
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  }
}

/** A CSV file that cannot be read (a quote never closed, say), with the line it was found at. */
export class CsvFormatError extends Error {}

/**
 * Yields the records of a CSV byte stream as arrays of fields, with bounded memory. Empty
 * lines are skipped; the record number counts them (and the line breaks inside quoted
 * fields), so it is the line a text editor shows the record starting on.
 */
export async function* parseCsv(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<{ rowNo: number; fields: string[] }> {
  // Any of the three line ends, mixed; rows of any length; a stray quote inside a field is text.
  const parser = parse({ record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true });
  // Errors reach the loop below through the parser; this only keeps them from going unhandled.
  const feeding = pipeline(Readable.from(decodeCsv(chunks)), parser).catch(() => undefined);
  let next = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const rowNo = next;
      // Empty lines come as one empty field; a line break inside a quoted field ends a line too.
      next += 1 + lineBreaksIn(record);
      if (record.length === 1 && record[0] === '') continue;
      yield { rowNo, fields: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CsvFormatError(error.code === 'CSV_QUOTE_NOT_CLOSED' ? `有引号没有闭合，直到文件末尾（第 ${String(error.lines)} 行）` : error.message);
    }
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
}

function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const field of record) if (field.includes('\n') || field.includes('\r')) breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  return breaks;
}

/** One CSV field, quoted when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
