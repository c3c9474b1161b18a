// Prints the run's last line, `N passed, N failed`, which scripts/ci-summary.mjs adds to the
// vitest counts. A test that did not run (the rest of a journey after a failed step) counts as
// failed; so does a run that failed outside any test (global setup, a worker crash). Before it,
// the accessibility counts per page (axe.ts), also kept in e2e/artifacts/a11y-summary.txt.
import fs from 'node:fs';
import path from 'node:path';
import type { FullResult, Reporter, Suite } from '@playwright/test/reporter';
import { a11yLog, summariseA11y } from './axe.ts';

export default class SummaryReporter implements Reporter {
  private suite: Suite | undefined;

  onBegin(_config: unknown, suite: Suite) {
    this.suite = suite;
  }

  onEnd(result: FullResult) {
    const tests = this.suite?.allTests() ?? [];
    if (result.status === 'passed' && tests.every((t) => t.results.length === 0)) return; // --list
    const passed = tests.filter((t) => t.outcome() === 'expected').length;
    const a11y = summariseA11y();
    if (a11y) {
      fs.writeFileSync(path.join(path.dirname(a11yLog), 'a11y-summary.txt'), `${a11y}\n`);
      console.log(`\n${a11y}`);
    }
    let failed = tests.length - passed;
    if (result.status !== 'passed' && failed === 0) failed = 1;
    console.log(`\nscreenshots in e2e/artifacts/\n${passed} passed, ${failed} failed`);
  }

  printsToStdio() {
    return true;
  }
}
