// Protection of personal data at rest (ID numbers, phones): AES-256-GCM for the stored
// value, and a keyed hash (HMAC-SHA256) beside it for exact look-up. Both keys are derived
// from one master key with HKDF-SHA256 (RFC 5869) under distinct labels, so the look-up
// hash never uses the encryption key.
//
// Losing the master key loses every encrypted value: back it up with the database.
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Encrypts, decrypts and hashes personal data with keys derived from the master key. */
export interface PiiCipher {
  /** Encrypts a value; the same value gives a different token each time. */
  encrypt(plain: string): string;
  /** Decrypts a token made by encrypt; throws if it was altered or made with another key. */
  decrypt(token: string): string;
  /** Hex HMAC of a value for exact look-up; callers normalise the value first. */
  lookupHash(plain: string): string;
}

const keyLength = 32;
const ivLength = 12; // the size GCM is designed for (NIST SP 800-38D)
const tagLength = 16;
const tokenVersion = 'v1';
// HKDF labels. Changing them changes the keys: existing data could no longer be read.
const encryptionInfo = 'gongzhi/pii/v1/aes-256-gcm';
const lookupHashInfo = 'gongzhi/pii/v1/hmac-sha256-lookup';
const base64Url = /^[A-Za-z0-9_-]*$/;
// IVs are cut from a pool of random bytes filled in one call: a call per value costs more
// than the encryption itself in a ledger import. Each IV is still fresh random bytes, used once.
const ivPoolSize = ivLength * 1024;

/** Reads a master key given as base64 (standard or URL-safe) or hex; it must be 32 bytes. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');

  // 32 bytes are 43 base64 characters and one '=' of padding.
  const unpadded = trimmed.replace(/=$/, '').replaceAll('+', '-').replaceAll('/', '_');
  if (unpadded.length === 43 && base64Url.test(unpadded)) {
    const key = Buffer.from(unpadded, 'base64url');
    // Re-encoding rejects strings whose unused low bits are set (not canonical base64).
    if (key.length === keyLength && key.toString('base64url') === unpadded) return key;
  }
  // The message must never repeat the text: it may be a real key with a typo.
  throw new Error(
    `The master key must be 32 bytes written as base64 (44 characters) or hex (64 characters); ` +
      `got ${trimmed.length} characters that are neither`,
  );
}

/** Makes the cipher used for every personal-data column, from a 32-byte master key. */
export function createPiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== keyLength) {
    throw new Error(`The master key must be 32 bytes; got ${masterKey.length}`);
  }
  // Key objects: the key bytes are imported once, not on every call.
  const encryptionKey = createSecretKey(deriveKey(masterKey, encryptionInfo));
  const hmacKey = createSecretKey(deriveKey(masterKey, lookupHashInfo));
  const ivPool = Buffer.alloc(ivPoolSize);
  let ivAt = ivPoolSize;
  const nextIv = (): Buffer => {
    if (ivAt === ivPoolSize) {
      randomFillSync(ivPool);
      ivAt = 0;
    }
    // A copy: the pool is refilled later, and the IV goes into the token.
    const iv = Buffer.from(ivPool.subarray(ivAt, ivAt + ivLength));
    ivAt += ivLength;
    return iv;
  };
  // The version is authenticated too, so a token cannot be relabelled as another version.
  const aad = Buffer.from(tokenVersion, 'utf8');

  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: tagLength });
      cipher.setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [tokenVersion, ...[iv, tag, ciphertext].map((bytes) => bytes.toString('base64url'))].join('.');
    },

    decrypt(token) {
      const parts = token.split('.');
      if (parts.length !== 4 || parts[0] !== tokenVersion) {
        throw new Error(`Not a ${tokenVersion} personal-data token`);
      }
      const iv = decodeBase64Url(parts[1]!);
      const tag = decodeBase64Url(parts[2]!);
      const ciphertext = decodeBase64Url(parts[3]!);
      if (!iv || iv.length !== ivLength || !tag || tag.length !== tagLength || !ciphertext) {
        throw new Error('Malformed personal-data token');
      }
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: tagLength });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('Personal-data token failed authentication: altered, or encrypted with another key');
      }
    },

    lookupHash(plain) {
      return createHmac('sha256', hmacKey).update(plain, 'utf8').digest('hex');
    },
  };
}

/**
 * Reads the master key from a file (base64 text), or on first start creates the file
 * with a new random key, readable by its owner only (0600).
 */
export function loadOrCreateKeyFile(path: string): Buffer {
  try {
    return readKeyFile(path);
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT')) throw error;
  }

  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(keyLength);
  let fd: number;
  try {
    // 'wx' fails if the file exists: never overwrite a key, even if two processes race.
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return readKeyFile(path);
    throw error;
  }
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd); // a key lost in a crash would make every encrypted value unreadable
  } finally {
    closeSync(fd);
  }
  // The umask may have changed the mode; set it, then check it really is owner-only.
  if (process.platform !== 'win32') {
    chmodSync(path, 0o600);
    const mode = statSync(path).mode & 0o777;
    if (mode !== 0o600) throw new Error(`Key file ${path} has mode ${mode.toString(8)}, expected 600`);
  }
  return key;
}

function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8');
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(`Key file ${path} can be read by other users (mode ${mode.toString(8)}); run chmod 600 on it`);
    }
  }
  try {
    return parseMasterKey(text);
  } catch (error) {
    throw new Error(`Key file ${path} does not hold a valid key: ${(error as Error).message}`, { cause: error });
  }
}

function deriveKey(masterKey: Buffer, info: string): Buffer {
  // No salt: the master key is already uniformly random (RFC 5869 §3.1).
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, keyLength));
}

// Strict base64url: Buffer.from silently skips invalid characters and ignores unused
// bits, so an altered token could otherwise decode to the same bytes.
function decodeBase64Url(text: string): Buffer | undefined {
  if (!base64Url.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
