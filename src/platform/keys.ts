// The key files: kept in their own directory (GONGZHI_KEYS_DIR, by default `keys` beside the
// data directory) so a backup of the data does not carry the keys that protect it.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { loadOrCreateKeyFile, parseMasterKey } from './crypto.ts';

/**
 * The path of a key file in the keys directory. A key an older version generated into the
 * data directory is moved there first, so nothing encrypted with it is lost.
 */
export function keyFilePath(keysDir: string, dataDir: string, name: string): string {
  const target = path.join(keysDir, name);
  const legacy = path.join(dataDir, name);
  if (path.resolve(legacy) === path.resolve(target) || !fs.existsSync(legacy)) return target;
  if (fs.existsSync(target)) {
    // Two different keys: using either silently would make the other's data unreadable.
    if (!fs.readFileSync(legacy).equals(fs.readFileSync(target))) {
      throw new Error(`${legacy} and ${target} hold different keys: keep the one that encrypted this data directory in ${keysDir} (or set GONGZHI_KEYS_DIR) and remove the other`);
    }
    fs.rmSync(legacy);
  } else {
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    // Copy then remove (a rename fails across file systems); COPYFILE_EXCL never overwrites a key.
    fs.copyFileSync(legacy, target, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(target, 0o600);
    fs.rmSync(legacy);
  }
  return target;
}

/** The personal-data master key: GONGZHI_PII_KEY, else `pii.key` in the keys directory. */
export function loadPiiKey(config: Pick<Config, 'piiKey' | 'keysDir' | 'dataDir'>): Buffer {
  return config.piiKey ? parseMasterKey(config.piiKey) : loadOrCreateKeyFile(keyFilePath(config.keysDir, config.dataDir, 'pii.key'));
}

const auditKeys = new Map<string, Buffer>();

/** The audit chain's key: GONGZHI_AUDIT_KEY, else `audit.key` in the keys directory (read once). */
export function loadAuditKey(config: Pick<Config, 'auditKey' | 'keysDir'>): Buffer {
  if (config.auditKey) return parseMasterKey(config.auditKey);
  const file = path.join(config.keysDir, 'audit.key');
  let key = auditKeys.get(file);
  if (!key) {
    key = loadOrCreateKeyFile(file);
    auditKeys.set(file, key);
  }
  return key;
}
