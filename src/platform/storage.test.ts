import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { detectFileType, makeThumbnail, readStoredFile, storeFile, thumbnailKey, writeThumbnail } from './storage.ts';
import { AppError } from './errors.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-storage-'));

function photo(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 200);
  return Buffer.from(jpeg.encode({ data, width, height }, 90).data);
}

describe('storage', () => {
  it('knows types by their first bytes, not their names', () => {
    expect(detectFileType(photo(8, 8))?.mime).toBe('image/jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.mime).toBe('image/png');
    expect(detectFileType(Buffer.from('%PDF-1.7\n'))?.mime).toBe('application/pdf');
    expect(detectFileType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.mime).toBe('image/webp');
    expect(detectFileType(Buffer.from('\0\0\0\x18ftypheic\0\0'))?.mime).toBe('image/heic');
    expect(detectFileType(Buffer.from('MZ\x90\0 an exe'))).toBeNull();
    expect(detectFileType(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
  });

  it('stores a file once per content and reads it back', () => {
    const bytes = photo(10, 10);
    const a = storeFile(dir, bytes);
    const b = storeFile(dir, Buffer.from(bytes));
    expect(a.key).toBe(b.key);
    expect(readStoredFile(dir, a.key).equals(bytes)).toBe(true);
    expect(() => readStoredFile(dir, '../../etc/passwd')).toThrow(AppError);
  });

  it('refuses a type not allowed for the upload and a file over its limit', () => {
    expect(() => storeFile(dir, Buffer.from('%PDF-1.4'), { kinds: ['image'] })).toThrow(/ATTACHMENT_TYPE_NOT_ALLOWED/);
    const huge = Buffer.alloc(21 * 1024 * 1024);
    Buffer.from('%PDF-1.4').copy(huge);
    expect(() => storeFile(dir, huge)).toThrow(/ATTACHMENT_TOO_LARGE/);
  });

  it('makes a JPEG thumbnail no larger than 320 px, and none for other types', () => {
    const big = photo(1200, 800);
    const thumb = makeThumbnail(big, 'image/jpeg') as Buffer;
    const decoded = jpeg.decode(thumb);
    expect([decoded.width, decoded.height]).toEqual([320, 213]);
    expect(makeThumbnail(Buffer.from('%PDF-1.4'), 'application/pdf')).toBeNull();
    const stored = storeFile(dir, big);
    expect(writeThumbnail(dir, stored.key, stored.mime)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'storage', thumbnailKey(stored.key)))).toBe(true);
  });
});
