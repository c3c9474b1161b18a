// Prints one closing line for CI: the tests passed and failed across the runs given
// (vitest JSON reports, and logs whose last line is "N passed, N failed", as the browser
// journeys' log is: e2e/summary-reporter.ts prints it).
import fs from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const report = JSON.parse(text);
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    continue;
  }
  const match = /(\d+) passed, (\d+) failed/.exec(text.trim().split('\n').at(-1) ?? '');
  if (!match) throw new Error(`${file}: no "N passed, N failed" line`);
  passed += Number(match[1]);
  failed += Number(match[2]);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
