import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { loadAuditKey, loadPiiKey } from './keys.ts';
import { loadOrCreateKeyFile } from './crypto.ts';

describe('key files', () => {
  it('keeps keys and audit anchors beside the data directory, not inside it', () => {
    const config = loadConfig({ GONGZHI_DATA_DIR: '/srv/gongzhi/data' });
    expect(config.keysDir).toBe('/srv/gongzhi/keys');
    expect(config.auditAnchorDir).toBe('/srv/gongzhi/audit-anchors');
    const moved = loadConfig({ GONGZHI_DATA_DIR: '/srv/d', GONGZHI_KEYS_DIR: '/etc/gongzhi/keys', GONGZHI_AUDIT_ANCHOR_DIR: '/mnt/worm/anchors' });
    expect([moved.keysDir, moved.auditAnchorDir]).toEqual(['/etc/gongzhi/keys', '/mnt/worm/anchors']);
  });

  it('moves a pii.key an older version left in the data directory, keeping the key', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-keys-'));
    const config = loadConfig({ GONGZHI_DATA_DIR: path.join(root, 'data') });
    const old = loadOrCreateKeyFile(path.join(config.dataDir, 'pii.key'));
    expect(loadPiiKey(config).equals(old)).toBe(true);
    expect(fs.existsSync(path.join(config.dataDir, 'pii.key'))).toBe(false);
    expect(fs.statSync(path.join(config.keysDir, 'pii.key')).mode & 0o777).toBe(0o600);
    expect(loadPiiKey(config).equals(old)).toBe(true);
  });

  it('refuses to choose between a legacy pii.key and a different one in the keys directory', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-keys-'));
    const config = loadConfig({ GONGZHI_DATA_DIR: path.join(root, 'data') });
    loadOrCreateKeyFile(path.join(config.dataDir, 'pii.key'));
    loadOrCreateKeyFile(path.join(config.keysDir, 'pii.key'));
    expect(() => loadPiiKey(config)).toThrow(/hold different keys/);
    expect(fs.existsSync(path.join(config.dataDir, 'pii.key'))).toBe(true); // nothing removed
  });

  it('creates audit.key in the keys directory unless GONGZHI_AUDIT_KEY is set', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-keys-'));
    const config = loadConfig({ GONGZHI_DATA_DIR: path.join(root, 'data') });
    const key = loadAuditKey(config);
    expect(key).toHaveLength(32);
    expect(fs.existsSync(path.join(root, 'keys', 'audit.key'))).toBe(true);
    const given = Buffer.alloc(32, 7);
    expect(loadAuditKey({ ...config, auditKey: given.toString('base64') }).equals(given)).toBe(true);
  });
});
