/**
 * The order test files start in: the longest first, so that neither of the two workers is left with a
 * long file at the end while the other idles. Vitest orders by the durations of the last run it
 * remembers (node_modules/.vite); a fresh clone has none, and vitest then starts the largest files
 * first, which are not the slow ones (those start LibreOffice or many processes). Measured on the
 * 2-core machine: a fresh clone's `npm test` took 168.6 s of vitest against 154 s with durations
 * known. So a file vitest knows nothing of takes its duration from test/durations.json (the files
 * of a second or more, measured; re-measure when the suite changes much). An order only: a stale
 * list costs time, never a result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const DURATIONS: Record<string, number> = JSON.parse(fs.readFileSync(new URL('../durations.json', import.meta.url), 'utf8'));

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path.relative(this.ctx.config.root, f.moduleId)}`) !== undefined;
    if (files.every(known)) return super.sort(files);
    const expected = (f: TestSpecification) => DURATIONS[path.relative(this.ctx.config.root, f.moduleId).split(path.sep).join('/')] ?? 0;
    return [...files].sort((a, b) => expected(b) - expected(a));
  }
}
