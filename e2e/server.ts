// The server the journeys drive: `gongzhi serve --demo-if-empty` as a child process on the
// embedded engine, on a port chosen once per run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const demoPassword = 'Demo#2026pass';
export const adminPassword = 'Admin#2026pass';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The server's environment: the embedded engine on `dataDir`, the demo passwords. */
export function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    GONGZHI_DATA_DIR: dataDir,
    GONGZHI_DEMO_PASSWORD: demoPassword,
    GONGZHI_ADMIN_PASSWORD: adminPassword,
    GONGZHI_LOG_LEVEL: 'warn',
    // Every journey signs in from 127.0.0.1 within a minute; the login rate limit is not under test here.
    GONGZHI_LOGIN_RATE_PER_MINUTE: '200',
  };
  delete env.DATABASE_URL; // always the embedded engine on a fresh directory
  return env;
}

export async function startServer(env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<ChildProcess> {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['bin/gongzhi.mjs', 'serve', '--demo-if-empty'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer /healthz within 120 s; see ${logFile}`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
