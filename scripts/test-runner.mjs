// Runs test files with node:test's run(), in the order given: node --test sorts its files by
// name, which would start the slowest last. Started by run-tests.mjs under `--import tsx`, which
// each file's process inherits. Prints the spec report, then the slowest files.
import { Transform } from 'node:stream';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { slowestFiles } from './test-timings.mjs';

const [concurrency, ...files] = process.argv.slice(2);
let failed = false;
const timings = new Map();
const watch = new Transform({
  objectMode: true,
  transform(event, _encoding, done) {
    if (event.type === 'test:fail' && !event.data.todo) failed = true;
    const file = event.data?.file;
    if (file && (event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      timings.set(file, (timings.get(file) ?? 0) + (event.data.details?.duration_ms ?? 0));
    }
    done(null, event);
  },
});
const report = run({ files, concurrency: Number(concurrency) }).compose(watch).compose(new spec());
report.pipe(process.stdout);
report.on('end', () => {
  process.stdout.write(slowestFiles(timings));
  process.exitCode = failed ? 1 : 0;
});
