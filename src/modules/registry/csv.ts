// A streaming CSV reader (RFC 4180: quoted fields may hold commas, quotes written twice,
// and line breaks). Chinese Excel saves "CSV" in GB 18030 (GBK), other tools in UTF-8 with
// or without a byte-order mark: the encoding is detected from the first bytes.

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

/**
 * Yields the records of a CSV byte stream as arrays of fields, with bounded memory (one
 * record at a time). Empty lines are skipped; the record number counts them, so it is the
 * row number a spreadsheet shows.
 */
export async function* parseCsv(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<{ rowNo: number; fields: string[] }> {
  let decoder: TextDecoder | undefined;
  let pendingHead: Uint8Array[] = [];
  let pendingLength = 0;
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let quoteSeen = false; // a quote inside a quoted field: either the end or the first of two
  let rowNo = 1;
  let recordStartRow = 1;
  let lastWasCr = false;

  function* consume(text: string): Generator<{ rowNo: number; fields: string[] }> {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // the quote closed the field; fall through to handle ch
        } else if (ch === '"') {
          quoteSeen = true;
          continue;
        } else {
          if (ch === '\n') rowNo++;
          field += ch;
          continue;
        }
      }
      if (ch === '\n' && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = ch === '\r';
      if (ch === '"' && field === '') inQuotes = true;
      else if (ch === ',') {
        record.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        record.push(field);
        if (!(record.length === 1 && record[0] === '')) yield { rowNo: recordStartRow, fields: record };
        record = [];
        field = '';
        rowNo++;
        recordStartRow = rowNo;
      } else field += ch;
    }
  }

  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield* consume(chunk);
      continue;
    }
    if (!decoder) {
      // Wait for enough bytes to tell the encoding.
      pendingHead.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength < 4096) continue;
      const head = Buffer.concat(pendingHead);
      decoder = new TextDecoder(detectEncoding(head), { ignoreBOM: false });
      pendingHead = [];
      yield* consume(decoder.decode(head, { stream: true }));
      continue;
    }
    yield* consume(decoder.decode(chunk, { stream: true }));
  }
  if (!decoder && pendingLength > 0) {
    const head = Buffer.concat(pendingHead);
    decoder = new TextDecoder(detectEncoding(head), { ignoreBOM: false });
    yield* consume(decoder.decode(head, { stream: true }));
  }
  if (decoder) yield* consume(decoder.decode());
  if (quoteSeen) inQuotes = false;
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield { rowNo: recordStartRow, fields: record };
  }
}

/** One CSV field, quoted when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
