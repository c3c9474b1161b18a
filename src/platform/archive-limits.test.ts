import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertArchiveWithinLimits } from './archive-limits.ts';
import { AppError } from './errors.ts';
import { zipBomb, zipOfManyEntries } from '../../test/zip.ts';

const limits = { maxUncompressedBytes: 64 * 1024 * 1024, maxEntries: 100 };
const codeOf = (promise: Promise<void>) => promise.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe('archive limits', () => {
  it('refuses a bomb whose directory understates its size, from a buffer and from a file', async () => {
    const bomb = await zipBomb(100);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await codeOf(assertArchiveWithinLimits(bomb, limits))).toBe('ARCHIVE_TOO_LARGE');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gz-zip-')), 'bomb.xlsx');
    fs.writeFileSync(file, bomb);
    expect(await codeOf(assertArchiveWithinLimits(file, limits))).toBe('ARCHIVE_TOO_LARGE');
  });

  it('refuses too many entries, and a declared size over the limit, before inflating', async () => {
    expect(await codeOf(assertArchiveWithinLimits(zipOfManyEntries(101), limits))).toBe('ARCHIVE_TOO_LARGE');
    expect(await codeOf(assertArchiveWithinLimits(await zipBomb(1, 100 * 1024 * 1024), limits))).toBe('ARCHIVE_TOO_LARGE');
  });

  it('lets a normal archive and a non-zip through (the parser judges those)', async () => {
    expect(await codeOf(assertArchiveWithinLimits(await zipBomb(10, 10 * 1024 * 1024), limits))).toBe('ok');
    expect(await codeOf(assertArchiveWithinLimits(zipOfManyEntries(100), limits))).toBe('ok');
    expect(await codeOf(assertArchiveWithinLimits(Buffer.from('name,phone\n'), limits))).toBe('ok');
  });
});
