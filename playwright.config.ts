// Browser journeys (e2e/*.spec.ts, and a feature's own in web/src/features/<m>/e2e/) in Debian's Chromium against the real server, which
// e2e/global-setup.ts starts on prepared data. One worker: the journeys share the server and
// its data, and later journeys rely on what earlier steps did.
import { defineConfig } from '@playwright/test';
import { freePort } from './e2e/server.ts';

// Chosen once: the workers load this file again and inherit the environment.
process.env.GONGZHI_E2E_PORT ??= String(await freePort());

export default defineConfig({
  testDir: '.',
  testMatch: ['e2e/*.spec.ts', 'web/src/features/*/e2e/*.spec.ts'],
  outputDir: 'e2e/artifacts/results',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 120_000,
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${process.env.GONGZHI_E2E_PORT}`,
    headless: true,
    locale: 'zh-CN',
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
