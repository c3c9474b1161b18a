// Limits on zip archives (.xlsx uploads) checked before any parser opens them, so a zip bomb
// is answered 400 ARCHIVE_TOO_LARGE instead of exhausting memory ("Invalid string length").
// The central directory gives the entry count and the declared sizes; the entries are then
// inflated once without keeping the output, counting bytes, because declared sizes can lie.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from './errors.ts';

export interface ArchiveLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
}

/** Spreadsheets: far beyond any real ledger (a 200,000-row workbook unpacks to about 150 MB). */
export const spreadsheetLimits: ArchiveLimits = { maxUncompressedBytes: 512 * 1024 * 1024, maxEntries: 2_000 };

interface Entry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Reads `length` bytes at `position` of a buffer or a file. */
type ReadAt = (position: number, length: number) => Promise<Buffer>;

function readerOf(source: Buffer | string): { size: Promise<number>; readAt: ReadAt; stream: (start: number, length: number) => Readable } {
  if (typeof source !== 'string') {
    return {
      size: Promise.resolve(source.length),
      readAt: async (position, length) => source.subarray(Math.max(0, position), Math.max(0, position) + length),
      stream: (start, length) => Readable.from([source.subarray(start, start + length)]),
    };
  }
  const readAt: ReadAt = async (position, length) => {
    const handle = await fs.promises.open(source, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  };
  return {
    size: fs.promises.stat(source).then((s) => s.size),
    readAt,
    stream: (start, length) => (length > 0 ? fs.createReadStream(source, { start, end: start + length - 1 }) : Readable.from([])),
  };
}

function tooLarge(limits: ArchiveLimits): AppError {
  return new AppError('ARCHIVE_TOO_LARGE', { maxMb: Math.round(limits.maxUncompressedBytes / 1024 / 1024), maxEntries: limits.maxEntries });
}

async function centralDirectory(readAt: ReadAt, size: number, limits: ArchiveLimits): Promise<Entry[] | undefined> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined; // not a zip: the parser says so in its own words
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  // ZIP64 (over 65,535 entries or 4 GiB) is beyond any spreadsheet.
  if (count === 0xffff || directoryOffset === 0xffffffff || count > limits.maxEntries) throw tooLarge(limits);
  const directory = await readAt(directoryOffset, directorySize);
  const entries: Entry[] = [];
  let at = 0;
  for (let n = 0; n < count && at + 46 <= directory.length; n++) {
    if (directory.readUInt32LE(at) !== 0x02014b50) return undefined;
    entries.push({
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** Throws ARCHIVE_TOO_LARGE (400) when a zip holds too many entries or unpacks to too many bytes. */
export async function assertArchiveWithinLimits(source: Buffer | string, limits: ArchiveLimits = spreadsheetLimits): Promise<void> {
  const { size, readAt, stream } = readerOf(source);
  const entries = await centralDirectory(readAt, await size, limits);
  if (!entries) return;
  if (entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > limits.maxUncompressedBytes) throw tooLarge(limits);
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== 8) continue; // stored entries are no bigger than the file
    const header = await readAt(entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return;
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const inflate = stream(start, entry.compressedSize).pipe(createInflateRaw());
    try {
      for await (const chunk of inflate) {
        total += (chunk as Buffer).length;
        if (total > limits.maxUncompressedBytes) {
          inflate.destroy();
          throw tooLarge(limits);
        }
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      return; // a damaged entry: the parser reports it
    }
  }
}
