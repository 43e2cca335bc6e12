import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

// `npm test` stays within three minutes on the two-core machine: the fuzzers and the crash trials run
// in `npm run test:long` (test/fuzz/run.mjs sets FUZZ_RUNS, test/reliability/run.mjs sets
// UCHEBNIK_CRASH_TRIALS), which CI runs after it.
const longRun = process.env.FUZZ_RUNS !== undefined || process.env.UCHEBNIK_CRASH_TRIALS !== undefined;
const long = [
  ...(process.env.FUZZ_RUNS === undefined ? ['test/fuzz/**'] : []),
  ...(process.env.UCHEBNIK_CRASH_TRIALS === undefined ? ['test/reliability/crash.test.ts'] : []),
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...long],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker keeps its modules from one test file to the next: importing exceljs, the readers and
    // every feature again for each of 115 files cost 40 % of the suite (175 s → 102 s measured on the
    // quiet 2-core machine). Tests restore what they change (PATH, TMPDIR, process.env) themselves.
    // The long runs keep each file apart: the fuzzers' report is per module, and the harness's own
    // self-test plants a failure that must not reach another file's report.
    isolate: longRun,
    // Both cores: vitest's default leaves one of two idle, and most files wait on child processes.
    maxWorkers: 2,
    minWorkers: 1,
    // The longest files first, also on a fresh clone (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirst },
  },
});
