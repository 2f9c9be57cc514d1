// Test reporter that ends a run with its slowest files: for each file, the time from its first
// to its last reported event (its own process, database and tests) and the sum of its top-level
// tests. Used beside the spec reporter by run-tests.mjs to keep the suites within CI's budget.
import path from 'node:path';

const SHOWN = 15;

export default async function* timings(source) {
  const files = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const now = performance.now();
    const entry = files.get(file) ?? { first: now, last: now, tests: 0 };
    entry.last = now;
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      entry.tests += event.data.details?.duration_ms ?? 0;
    }
    files.set(file, entry);
  }
  const rows = [...files.entries()]
    .map(([file, { first, last, tests }]) => ({ file: path.relative(process.cwd(), file), span: last - first, tests }))
    .sort((a, b) => b.tests - a.tests);
  const total = rows.reduce((sum, row) => sum + row.tests, 0);
  yield `\nSlowest test files (sum of top-level tests; ${rows.length} files, ${(total / 1000).toFixed(0)} s in all):\n`;
  for (const row of rows.slice(0, SHOWN)) {
    yield `  ${(row.tests / 1000).toFixed(1).padStart(7)} s  ${row.file}\n`;
  }
}
