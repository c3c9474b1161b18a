// axe-core (WCAG 2.1 A and AA rules) on the pages the journeys visit. A serious or critical
// violation fails the step with a list a person can act on; every check is also appended to
// e2e/artifacts/a11y.jsonl, which the summary reporter turns into counts per page.
// GONGZHI_A11Y=measure records without failing (to count what a branch starts from).
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { repoRoot } from './server.ts';

export const a11yLog = path.join(repoRoot, 'e2e', 'artifacts', 'a11y.jsonl');

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const blockingImpacts = new Set(['serious', 'critical']);
const measureOnly = process.env.GONGZHI_A11Y === 'measure';

/** One check as the log keeps it. */
export interface A11yEntry {
  label: string;
  url: string;
  /** Elements with a serious or critical violation, and with any violation. */
  blocking: number;
  all: number;
  rules: { id: string; impact: string | null; nodes: number }[];
}

// A page in a state already checked (same label, same amount of content) is not checked again:
// the journeys pass the same pages many times, and axe costs a second or more a page.
const checked = new Set<string>();

/** The page's path with ids and numbers replaced, so visits to two cases count as one page. */
export function pageLabel(url: string): string {
  const { pathname } = new URL(url);
  return pathname.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}(?=\/|$)/gi, '/:id').replace(/\/[A-Z]*\d[\w-]*(?=\/|$)/g, '/:n');
}

async function settle(page: Page) {
  await page.waitForLoadState('domcontentloaded');
  // Spinners and skeletons give way to content; antd's transitions end within 0.3 s.
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), null, { timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

/**
 * Runs axe on the page as it is now. `label` names the state (the page's path when not given);
 * the elderly mode is told apart by its root class. Throws, listing rule, element and summary,
 * when a serious or critical violation is found.
 */
export async function checkA11y(page: Page, label?: string): Promise<void> {
  if (page.isClosed() || !page.url().startsWith('http')) return;
  await settle(page);
  const state = await page.evaluate(() => ({
    elder: document.querySelector('.gz-elder') !== null,
    size: `${document.getElementsByTagName('*').length}:${document.body.innerText.length}`,
  }));
  const name = `${label ?? pageLabel(page.url())}${state.elder ? ' [长辈版]' : ''}`;
  const key = `${name}|${state.size}`;
  if (checked.has(key)) return;
  checked.add(key);

  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const blocking = results.violations.filter((v) => blockingImpacts.has(v.impact ?? ''));
  const entry: A11yEntry = {
    label: name,
    url: page.url(),
    blocking: blocking.reduce((n, v) => n + v.nodes.length, 0),
    all: results.violations.reduce((n, v) => n + v.nodes.length, 0),
    rules: results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.length })),
  };
  fs.mkdirSync(path.dirname(a11yLog), { recursive: true });
  fs.appendFileSync(a11yLog, `${JSON.stringify(entry)}\n`);
  if (measureOnly || blocking.length === 0) return;

  const lines = blocking.flatMap((v) =>
    v.nodes.slice(0, 8).map((node) => `  [${v.impact}] ${v.id}: ${node.target.join(' ')}\n      ${(node.failureSummary ?? v.help).replace(/\n\s*/g, ' ')}`),
  );
  throw new Error(`accessibility: ${entry.blocking} serious or critical violation(s) on ${name} (${page.url()}):\n${lines.join('\n')}`);
}

/** Counts per page from the log: the worst check of each label. */
export function summariseA11y(): string | null {
  if (!fs.existsSync(a11yLog)) return null;
  const worst = new Map<string, A11yEntry>();
  for (const line of fs.readFileSync(a11yLog, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line) as A11yEntry;
    const previous = worst.get(entry.label);
    if (!previous || entry.blocking > previous.blocking) worst.set(entry.label, entry);
  }
  const rows = [...worst.values()].sort((a, b) => a.label.localeCompare(b.label));
  const total = rows.reduce((n, r) => n + r.blocking, 0);
  return [
    `axe (WCAG 2.1 A/AA): ${rows.length} page states, ${total} elements with serious or critical violations`,
    ...rows.map((r) => `  ${String(r.blocking).padStart(4)} serious+critical  ${String(r.all).padStart(4)} all  ${r.label}  ${r.rules.filter((x) => blockingImpacts.has(x.impact ?? '')).map((x) => `${x.id}×${x.nodes}`).join(' ')}`),
  ].join('\n');
}
