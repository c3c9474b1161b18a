// Before the journeys: a fresh temporary data directory prepared in-process (the demo, plus the
// state some journeys check, made through the real services: prepare.ts), then the server on
// it. The returned function is the global teardown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { a11yLog } from './axe.ts';
import { prepareData } from './prepare.ts';
import { repoRoot, serverEnv, startServer, stopServer } from './server.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` first.');
  }
  const artifacts = path.join(repoRoot, 'e2e', 'artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.rmSync(a11yLog, { force: true });
  const port = Number(process.env.GONGZHI_E2E_PORT);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-'));
  const removeData = () => {
    if (!process.env.E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const env = serverEnv(port, dataDir);
    let started = Date.now();
    const prepared = await prepareData(env);
    console.log(`data prepared in ${seconds(started)} s: overdue case ${prepared.overdueCase.number}, interrupted import ${prepared.interruptedImport}`);
    // The workers start after this and inherit the environment.
    process.env.GONGZHI_E2E_PREPARED = JSON.stringify(prepared);
    started = Date.now();
    const server = await startServer(env, port, path.join(artifacts, 'server.log'));
    console.log(`server up on http://127.0.0.1:${port} in ${seconds(started)} s (data: ${dataDir})`);
    return async () => {
      await stopServer(server);
      removeData();
    };
  } catch (error) {
    removeData();
    throw error;
  }
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
