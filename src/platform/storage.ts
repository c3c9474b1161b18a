// Uploaded files (photos, documents) under the data directory, addressed by their SHA-256,
// so the same photo uploaded twice is stored once. The type is decided by the content
// (magic bytes), never by the name or the declared type, and each type has a size limit.
// JPEG thumbnails are made in pure JavaScript (jpeg-js) by a background job; other types
// are stored without a thumbnail and shown scaled by the browser.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { AppError } from './errors.ts';

export interface FileType {
  mime: string;
  ext: string;
  kind: 'image' | 'document';
  maxBytes: number;
}

const MB = 1024 * 1024;

// Signatures: JPEG (JFIF/EXIF), PNG, GIF87a/89a, WebP (RIFF….WEBP), HEIC/HEIF (ISO BMFF
// ftyp brands), PDF (%PDF-).
const fileTypes: { type: FileType; matches: (b: Buffer) => boolean }[] = [
  { type: { mime: 'image/jpeg', ext: 'jpg', kind: 'image', maxBytes: 15 * MB }, matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: { mime: 'image/png', ext: 'png', kind: 'image', maxBytes: 15 * MB },
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: { mime: 'image/gif', ext: 'gif', kind: 'image', maxBytes: 10 * MB }, matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  {
    type: { mime: 'image/webp', ext: 'webp', kind: 'image', maxBytes: 15 * MB },
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    type: { mime: 'image/heic', ext: 'heic', kind: 'image', maxBytes: 15 * MB },
    matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|mif1|msf1)$/.test(b.subarray(8, 12).toString('latin1')),
  },
  { type: { mime: 'application/pdf', ext: 'pdf', kind: 'document', maxBytes: 20 * MB }, matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** The largest file any type allows: the upload limit before the type is known. */
export const maxUploadBytes = Math.max(...fileTypes.map((t) => t.type.maxBytes));

/** The type of a file from its first bytes, or null when it is not one we accept. */
export function detectFileType(bytes: Buffer): FileType | null {
  return fileTypes.find((t) => t.matches(bytes))?.type ?? null;
}

export interface StoredFile {
  key: string;
  mime: string;
  kind: FileType['kind'];
  size: number;
  sha256: string;
}

function keyPath(dataDir: string, key: string): string {
  if (!/^(files|thumbs)\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z]{3,4}$/.test(key)) throw new AppError('NOT_FOUND', { what: key });
  return path.join(dataDir, 'storage', key);
}

/**
 * Checks and stores a file: ATTACHMENT_TYPE_NOT_ALLOWED unless its content is an accepted
 * type (of the allowed kinds), ATTACHMENT_TOO_LARGE over the type's limit.
 */
export function storeFile(dataDir: string, bytes: Buffer, options: { kinds?: readonly FileType['kind'][] } = {}): StoredFile {
  const type = detectFileType(bytes);
  if (!type || (options.kinds && !options.kinds.includes(type.kind))) {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { allowed: fileTypes.filter((t) => !options.kinds || options.kinds.includes(t.type.kind)).map((t) => t.type.ext).join(', ') });
  }
  if (bytes.length > type.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxMb: type.maxBytes / MB });
  if (bytes.length === 0) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { allowed: '' });
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const key = `files/${sha256.slice(0, 2)}/${sha256}.${type.ext}`;
  const file = keyPath(dataDir, key);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  }
  return { key, mime: type.mime, kind: type.kind, size: bytes.length, sha256 };
}

/** Reads a stored file. */
export function readStoredFile(dataDir: string, key: string): Buffer {
  const file = keyPath(dataDir, key);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', { what: key });
  return fs.readFileSync(file);
}

/** The key of a file's thumbnail (which may not exist yet). */
export function thumbnailKey(key: string): string {
  const sha = path.basename(key).split('.')[0] ?? '';
  return `thumbs/${sha.slice(0, 2)}/${sha}.jpg`;
}

/** Whether a file type gets a thumbnail. */
export function canThumbnail(mime: string): boolean {
  return mime === 'image/jpeg';
}

// jpeg-js decodes in memory: refuse images that would take more than ~200 MB.
const MAX_THUMBNAIL_SOURCE_MP = 50;

/** A JPEG thumbnail no larger than maxSide on either side (box-filter downscale), or null for other types. */
export function makeThumbnail(bytes: Buffer, mime: string, maxSide = 320): Buffer | null {
  if (!canThumbnail(mime)) return null;
  const image = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_THUMBNAIL_SOURCE_MP, maxMemoryUsageInMB: 512 });
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y / scale);
    const y1 = Math.min(image.height, Math.max(y0 + 1, Math.floor((y + 1) / scale)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x / scale);
      const x1 = Math.min(image.width, Math.max(x0 + 1, Math.floor((x + 1) / scale)));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * image.width + sx) * 4;
          r += image.data[i] ?? 0;
          g += image.data[i + 1] ?? 0;
          b += image.data[i + 2] ?? 0;
          n++;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data: out, width, height }, 80).data);
}

/** Writes the thumbnail of a stored file; returns whether one was made. */
export function writeThumbnail(dataDir: string, key: string, mime: string): boolean {
  const thumb = makeThumbnail(readStoredFile(dataDir, key), mime);
  if (!thumb) return false;
  const file = keyPath(dataDir, thumbnailKey(key));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, thumb);
  return true;
}
