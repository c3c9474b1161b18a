import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fc from 'fast-check';
import { createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPiiCipher, loadOrCreateKeyFile, parseMasterKey } from './crypto.ts';

const masterKey = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const tokenPattern = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

describe('parseMasterKey', () => {
  const hex = masterKey.toString('hex');
  const base64 = masterKey.toString('base64');

  it.each([
    ['lower-case hex', hex],
    ['upper-case hex', hex.toUpperCase()],
    ['standard base64', base64],
    ['base64 without padding', base64.replace(/=$/, '')],
    ['URL-safe base64', masterKey.toString('base64url')],
    ['base64 with a trailing newline, as in a file', `${base64}\n`],
    ['hex with surrounding spaces', `  ${hex}  `],
  ])('reads %s', (_label, text) => {
    expect(parseMasterKey(text).equals(masterKey)).toBe(true);
  });

  it('reads base64 with + and / in it', () => {
    const key = Buffer.alloc(32, 0xfb); // encodes to +/+/…
    expect(key.toString('base64')).toMatch(/[+/]/);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
  });

  it.each([
    ['nothing', ''],
    ['62 hex characters', hex.slice(0, 62)],
    ['66 hex characters', `${hex}ab`],
    ['hex with a non-hex character', `${hex.slice(0, 63)}g`],
    ['16 bytes of base64', randomBytes(16).toString('base64')],
    ['48 bytes of base64', randomBytes(48).toString('base64')],
    ['base64 with a character outside the alphabet', `${base64.slice(0, 10)}!${base64.slice(11)}`],
    ['base64 with unused bits set (not canonical)', `${base64.slice(0, 42)}B=`],
    ['base64 with two padding characters', `${base64.slice(0, 42)}==`],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s with a clear message', (_label, text) => {
    expect(() => parseMasterKey(text)).toThrow(/master key must be 32 bytes.*base64.*hex/);
  });

  it('never repeats the rejected text in its message', () => {
    const nearlyKey = `${hex.slice(0, 63)}z`;
    expect(() => parseMasterKey(nearlyKey)).toThrow(Error);
    try {
      parseMasterKey(nearlyKey);
    } catch (error) {
      expect((error as Error).message).not.toContain(hex.slice(0, 20));
    }
  });

  it('reads back any 32-byte key written as base64 or hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom('base64', 'base64url', 'hex' as const), (bytes, encoding) => {
        const key = Buffer.from(bytes);
        expect(parseMasterKey(key.toString(encoding)).equals(key)).toBe(true);
      }),
    );
  });
});

describe('createPiiCipher', () => {
  const cipher = createPiiCipher(masterKey);

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => createPiiCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => createPiiCipher(Buffer.alloc(33))).toThrow(/32 bytes/);
  });

  it.each([
    ['an ID number', '11010519491231002X'],
    ['a mobile number', '13812345678'],
    ['an empty string', ''],
    ['Chinese text', '北京市东城区某街道3号楼2单元101'],
    ['a character outside the BMP', '𠮷田'],
  ])('gives back %s after encrypting it', (_label, plain) => {
    const token = cipher.encrypt(plain);
    expect(token).toMatch(tokenPattern);
    expect(cipher.decrypt(token)).toBe(plain);
  });

  it('gives back any string after encrypting it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 64 }), (plain) => {
        const token = cipher.encrypt(plain);
        expect(token).toMatch(tokenPattern);
        expect(cipher.decrypt(token)).toBe(plain);
      }),
    );
  });

  it('uses a fresh IV each time, so equal values give different tokens', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => cipher.encrypt('13812345678')));
    expect(tokens.size).toBe(50);
    const ivs = new Set([...tokens].map((t) => t.split('.')[1]));
    expect(ivs.size).toBe(50);
  });

  it('does not show the value in the token', () => {
    const token = cipher.encrypt('13812345678');
    expect(token).not.toContain('13812345678');
    expect(Buffer.from(token.split('.')[3]!, 'base64url').toString('utf8')).not.toContain('1381234');
  });

  it('decrypts a token made by an earlier build (the format and key derivation are stable)', () => {
    expect(cipher.decrypt('v1.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-DA.5DadeHaw8PUMwjnZai_morMM')).toBe('11010519491231002X');
    expect(cipher.decrypt('v1.nR3tnE6g702rzrVj.Zc6KwO9U1MBQMRrX5q3-hQ.')).toBe('');
  });

  it('encrypts with AES-256-GCM under the HKDF-SHA256 encryption sub-key, with the version as associated data', () => {
    const token = cipher.encrypt('13812345678');
    const [, iv, tag, ciphertext] = token.split('.') as [string, string, string, string];
    const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongzhi/pii/v1/aes-256-gcm', 32));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from('v1'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    expect(plain.toString('utf8')).toBe('13812345678');
  });

  it('refuses every token with one character changed', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/!';
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.nat(),
        fc.constantFrom(...alphabet),
        (plain, at, replacement) => {
          const token = cipher.encrypt(plain);
          const position = at % token.length;
          fc.pre(token[position] !== replacement);
          const altered = token.slice(0, position) + replacement + token.slice(position + 1);
          expect(() => cipher.decrypt(altered)).toThrow(Error);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['an empty string', ''],
    ['a token of another version', 'v2.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-DA.5DadeHaw8PUMwjnZai_morMM'],
    ['a token with a part missing', 'v1.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-DA'],
    ['a token with an extra part', 'v1.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-DA.5DadeHaw8PUMwjnZai_morMM.AA'],
    ['a token with a short IV', 'v1.5bcWVX3DAsY7rn2.AGkiQTA5-bystSrwNZa-DA.5DadeHaw8PUMwjnZai_morMM'],
    ['a token with a short tag', 'v1.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-D.5DadeHaw8PUMwjnZai_morMM'],
    ['a token with the ciphertext cut short', 'v1.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-DA.5DadeHaw8PUMwjnZai_mor'],
    ['a token with ciphertext appended', 'v1.5bcWVX3DAsY7rn2X.AGkiQTA5-bystSrwNZa-DA.5DadeHaw8PUMwjnZai_morMMAA'],
    ['a token in standard base64', 'v1.5bcWVX3DAsY7rn2X.AGkiQTA5+bystSrwNZa+DA.5DadeHaw8PUMwjnZai/morMM'],
  ])('refuses %s', (_label, token) => {
    expect(() => cipher.decrypt(token)).toThrow(Error);
  });

  it('refuses a token swapped into another token (IV or tag from elsewhere)', () => {
    const a = cipher.encrypt('13812345678').split('.');
    const b = cipher.encrypt('13812345678').split('.');
    expect(() => cipher.decrypt([a[0], b[1], a[2], a[3]].join('.'))).toThrow(Error);
    expect(() => cipher.decrypt([a[0], a[1], b[2], a[3]].join('.'))).toThrow(Error);
  });

  it('refuses a token made with another master key', () => {
    const other = createPiiCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('13812345678'))).toThrow(/another key|altered/);
  });

  describe('lookupHash', () => {
    it('gives the same 64-character hex hash for the same value, every time', () => {
      const hash = cipher.lookupHash('11010519491231002X');
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(createPiiCipher(Buffer.from(masterKey)).lookupHash('11010519491231002X')).toBe(hash);
    });

    it('matches the known answer (computed independently with Python hmac and HKDF from RFC 5869)', () => {
      expect(cipher.lookupHash('11010519491231002X')).toBe(
        '6b5d3cb3a1e5abfae64345f1911ebebb928e9a698f2ead078b3b6dceef41f183',
      );
    });

    it('uses its own sub-key: neither the master key nor the encryption key', () => {
      const value = '11010519491231002X';
      const hash = cipher.lookupHash(value);
      const encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongzhi/pii/v1/aes-256-gcm', 32));
      const hmacKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongzhi/pii/v1/hmac-sha256-lookup', 32));
      expect(hmacKey.equals(encryptionKey)).toBe(false);
      expect(hash).toBe(createHmac('sha256', hmacKey).update(value).digest('hex'));
      expect(hash).not.toBe(createHmac('sha256', masterKey).update(value).digest('hex'));
      expect(hash).not.toBe(createHmac('sha256', encryptionKey).update(value).digest('hex'));
    });

    it('gives different hashes under different master keys', () => {
      const other = createPiiCipher(randomBytes(32));
      expect(other.lookupHash('13812345678')).not.toBe(cipher.lookupHash('13812345678'));
    });

    it('gives different values different hashes, and does not normalise for the caller', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), (a, b) => {
          fc.pre(a !== b);
          expect(cipher.lookupHash(a)).not.toBe(cipher.lookupHash(b));
        }),
      );
      expect(cipher.lookupHash('11010519491231002x')).not.toBe(cipher.lookupHash('11010519491231002X'));
    });
  });
});

describe('loadOrCreateKeyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongzhi-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const posixOnly = process.platform === 'win32' ? it.skip : it;

  it('creates the file and its parent directories on first use, holding the key as base64', () => {
    const path = join(dir, 'data', 'keys', 'pii.key');
    const key = loadOrCreateKeyFile(path);
    expect(key).toHaveLength(32);
    expect(readFileSync(path, 'utf8').trim()).toBe(key.toString('base64'));
  });

  posixOnly.each([
    ['a permissive', 0o000],
    ['a restrictive', 0o277],
  ])('creates the file readable and writable by its owner only (0600), whatever the umask: %s one', (_label, umask) => {
    const path = join(dir, 'pii.key');
    const oldUmask = process.umask(umask);
    try {
      loadOrCreateKeyFile(path);
    } finally {
      process.umask(oldUmask);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('returns the same key on every later start', () => {
    const path = join(dir, 'pii.key');
    const first = loadOrCreateKeyFile(path);
    expect(loadOrCreateKeyFile(path).equals(first)).toBe(true);
    expect(loadOrCreateKeyFile(path).equals(first)).toBe(true);
  });

  it('creates a different key in each new place', () => {
    expect(loadOrCreateKeyFile(join(dir, 'a.key')).equals(loadOrCreateKeyFile(join(dir, 'b.key')))).toBe(false);
  });

  it('reads a key file an operator wrote, in base64 or hex', () => {
    const base64Path = join(dir, 'base64.key');
    const hexPath = join(dir, 'hex.key');
    writeFileSync(base64Path, `${masterKey.toString('base64')}\n`, { mode: 0o600 });
    writeFileSync(hexPath, masterKey.toString('hex'), { mode: 0o600 });
    expect(loadOrCreateKeyFile(base64Path).equals(masterKey)).toBe(true);
    expect(loadOrCreateKeyFile(hexPath).equals(masterKey)).toBe(true);
  });

  it('refuses a file that does not hold a key, and leaves it untouched', () => {
    const path = join(dir, 'pii.key');
    writeFileSync(path, 'not a key\n', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(path)).toThrow(/does not hold a valid key/);
    expect(readFileSync(path, 'utf8')).toBe('not a key\n');
  });

  it('refuses an empty file rather than replacing it', () => {
    const path = join(dir, 'pii.key');
    writeFileSync(path, '', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(path)).toThrow(/does not hold a valid key/);
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  posixOnly('refuses a key file other users can read', () => {
    const path = join(dir, 'pii.key');
    writeFileSync(path, masterKey.toString('base64'));
    chmodSync(path, 0o644);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/chmod 600/);
  });

  it('passes on errors other than a missing file, such as the path being a directory', () => {
    expect(() => loadOrCreateKeyFile(dir)).toThrow(/EISDIR|illegal operation on a directory/);
  });
});
