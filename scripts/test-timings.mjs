// Test reporter that ends a run with its slowest files, by the sum of their top-level tests (hooks
// are not counted). Used beside the spec reporter by run-tests.mjs to keep the suites within CI's
// time budget.
import path from 'node:path';

const SHOWN = 15;

export default async function* timings(source) {
  const files = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const entry = files.get(file) ?? { tests: 0 };
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      entry.tests += event.data.details?.duration_ms ?? 0;
    }
    files.set(file, entry);
  }
  const rows = [...files.entries()]
    .map(([file, { tests }]) => ({ file: path.relative(process.cwd(), file), tests }))
    .sort((a, b) => b.tests - a.tests);
  const total = rows.reduce((sum, row) => sum + row.tests, 0);
  yield `\nSlowest test files (of ${rows.length}; the sum of their top-level tests, ${(total / 1000).toFixed(0)} s in all):\n`;
  for (const row of rows.slice(0, SHOWN)) yield `  ${(row.tests / 1000).toFixed(1).padStart(7)} s  ${row.file}\n`;
}
