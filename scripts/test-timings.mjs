// The end of a test run: its slowest files by the sum of their top-level tests (hooks are not
// counted), to keep the suites within CI's time budget.
import path from 'node:path';

const SHOWN = 15;

/** `timings`: file → milliseconds. */
export function slowestFiles(timings) {
  const rows = [...timings.entries()].map(([file, ms]) => ({ file: path.relative(process.cwd(), file), ms })).sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((sum, row) => sum + row.ms, 0);
  let text = `\nSlowest test files (of ${rows.length}; the sum of their top-level tests, ${(total / 1000).toFixed(0)} s in all):\n`;
  for (const row of rows.slice(0, SHOWN)) text += `  ${(row.ms / 1000).toFixed(1).padStart(7)} s  ${row.file}\n`;
  return text;
}
