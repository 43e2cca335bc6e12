/**
 * `order validate` / `order submit` spread the files over worker threads when there are enough of them
 * (src/io/parallel/pool.ts). Run as a process (workers load the compiled modules): the report must be the
 * same, byte for byte, as with the work in one thread, a broken file included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, tempDir } from '../../support/cli.js';
import { fixtureOrders, regionWorkspace } from '../../support/order-fixtures.js';

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

  it('a workspace that cannot be opened ends the command with its error, the workers already started stopped', async () => {
    // The workers start before the workspace is read (src/features/order/command.ts withCheckers): they
    // must not keep the process alive, nor turn the workspace error into another.
    const missing = path.join(tempDir(), 'no-such-campaign');
    for (const threads of ['0', '2']) {
      const r = await runProcess(['order', 'validate', ...files, '-w', missing], { env: { UCHEBNIK_THREADS: threads, UCHEBNIK_LANG: 'en' } });
      expect(r.code, `${threads} threads: ${r.stderr}`).toBe(4);
      expect(r.stderr).toContain('no-such-campaign');
    }
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

  it('stores while the workers check: one school sent several times gets its versions in the order given', async () => {
    const dir = tempDir();
    // 0101's order six times with other bytes (a zip comment each), spread among the other files
    const copies = ['a', 'b', 'c', 'd', 'e', 'f'].map((tag) => {
      const src = fs.readFileSync(files[0]!);
      const eocd = src.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const copy = Buffer.concat([src, Buffer.from(tag)]);
      copy.writeUInt16LE(1, eocd + 20);
      const file = path.join(dir, `0101-${tag}.xlsx`);
      fs.writeFileSync(file, copy);
      return file;
    });
    const given = [copies[0]!, ...files.slice(1, 5), copies[1]!, copies[2]!, ...files.slice(5, 12), copies[3]!, ...files.slice(12), copies[4]!, copies[5]!];
    const runIn = async (threads: string) => {
      const w = path.join(tempDir(), 'ws');
      fs.cpSync(ws, w, { recursive: true });
      const r = await runProcess(['order', 'submit', ...given, '--debug', '-w', w], { env: { UCHEBNIK_THREADS: threads } });
      const history = JSON.parse((await runProcess(['order', 'history', '--school', '0101', '--json', '-w', w])).stdout) as { versions: { version: number; submitted_at?: string; source: { file: string } }[] };
      for (const v of history.versions) delete v.submitted_at;
      const entries = fs.readFileSync(path.join(w, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; changed: string[]; submitted?: Record<string, number>; storing?: { school: string; version: number } });
      const doctor = await runProcess(['doctor', '--json', '-w', w]);
      return { r, history, journal: entries.filter((e) => e.command === 'order submit' && !e.storing), storing: entries.filter((e) => e.storing).map((e) => `${e.storing!.school}@${e.storing!.version}`).sort(), doctor, status: (await runProcess(['order', 'status', '--json', '-w', w])).stdout };
    };
    const one = await runIn('0');
    const two = await runIn('2');
    expect(two.r.stderr).toContain(`order: ${given.length} files, 2 worker threads`);
    expect(two.history.versions.map((v) => [v.version, v.source.file])).toEqual(copies.map((c, i) => [i + 1, path.basename(c)]));
    expect(two.history).toEqual(one.history);
    expect(two.r.code).toBe(one.r.code);
    expect(two.r.stdout).toBe(one.r.stdout);
    // the same notes in the same order (the debug line apart)
    const notes = (s: string) => s.split('\n').filter((l) => !l.startsWith('order: '));
    expect(notes(two.r.stderr)).toEqual(notes(one.r.stderr));
    expect(two.journal).toHaveLength(1);
    // a line for each version stored, before its state, whichever thread checked it
    expect(two.storing).toEqual(one.storing);
    expect(two.storing.filter((v) => v.startsWith('0101@'))).toHaveLength(6);
    expect(two.journal[0]!.changed).toEqual(one.journal[0]!.changed);
    expect(two.journal[0]!.submitted).toEqual(one.journal[0]!.submitted);
    expect(two.journal[0]!.submitted!['0101']).toBe(6);
    expect(two.status).toBe(one.status);
    expect(two.doctor.code, two.doctor.stdout).toBe(0);
  });

  it('a store that fails ends the command with its error once the stores under way are done, nothing half-written', async () => {
    const w = path.join(tempDir(), 'ws');
    fs.cpSync(ws, w, { recursive: true });
    // 0201's order state cannot be written: a folder stands in its place
    fs.mkdirSync(path.join(w, 'state', 'orders', '0201.json'), { recursive: true });
    const r = await runProcess(['order', 'submit', ...files, '-w', w], { env: { UCHEBNIK_THREADS: '2', UCHEBNIK_LANG: 'en' } });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('0201.json');
    expect(r.stdout).toBe('');
    // every file before it is stored, as one after another would have
    const stored = fs.readdirSync(path.join(w, 'state', 'orders')).filter((n) => n !== '0201.json');
    const alone = path.join(tempDir(), 'ws');
    fs.cpSync(ws, alone, { recursive: true });
    await runProcess(['order', 'submit', ...files.filter((f) => path.basename(f) < '0201'), '-w', alone], { env: { UCHEBNIK_THREADS: '0' } });
    const before = fs.readdirSync(path.join(alone, 'state', 'orders'));
    expect(before.length).toBeGreaterThan(3);
    expect(stored).toEqual(expect.arrayContaining(before));
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [e.name]));
    expect(walk(w).filter((n) => n.startsWith('.'))).toEqual([]);
    const doctor = await runProcess(['doctor', '--json', '-w', w]);
    expect(JSON.parse(doctor.stdout).problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
  });
});
