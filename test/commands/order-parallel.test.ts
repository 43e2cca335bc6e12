/**
 * `order validate` / `order submit` spread the files over worker threads when there are enough of them
 * (src/parallel/pool.ts). Run as a process (workers load the compiled modules): the report must be the
 * same, byte for byte, as with the work in one thread, a broken file included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, tempDir } from '../support/cli.js';
import { fixtureOrders, regionWorkspace } from '../support/order-fixtures.js';

describe('order validate on worker threads', () => {
  let ws: string;
  let files: string[];
  beforeAll(async () => {
    ws = await regionWorkspace();
    const broken = path.join(tempDir(), '0199.xlsx');
    fs.writeFileSync(broken, 'PK\u0003\u0004 not really a workbook');
    files = [...fixtureOrders(), broken];
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it('gives the same report as one thread, the broken file reported in its place', async () => {
    const one = await runProcess(['order', 'validate', ...files, '--json', '--debug', '-w', ws], { env: { UCHEBNIK_THREADS: '0' } });
    const two = await runProcess(['order', 'validate', ...files, '--json', '--debug', '-w', ws], { env: { UCHEBNIK_THREADS: '2' } });
    expect(one.stderr).toContain(`order: ${files.length} files, this thread`);
    expect(two.stderr).toContain(`order: ${files.length} files, 2 worker threads`);
    expect(one.code).toBe(1);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { files: { file: string }[]; findings: { code: string; file: string }[] };
    expect(report.files.map((f) => f.file)).toEqual(files);
    expect(report.findings.filter((f) => f.code === 'file-unreadable').map((f) => f.file)).toEqual([files[files.length - 1]]);
  });

  it('submits the same versions from workers as from one thread', async () => {
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    fs.cpSync(ws, a, { recursive: true });
    fs.cpSync(ws, b, { recursive: true });
    const one = await runProcess(['order', 'submit', ...files, '-w', a], { env: { UCHEBNIK_THREADS: '0' } });
    const two = await runProcess(['order', 'submit', ...files, '-w', b], { env: { UCHEBNIK_THREADS: '2' } });
    expect(two.code).toBe(one.code);
    const status = async (w: string) => (await runProcess(['order', 'status', '--json', '-w', w])).stdout;
    expect(await status(b)).toBe(await status(a));
  });
});
