import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../../src/core/i18n/index.js';
import { WorkspaceError } from '../../../src/core/errors.js';
import { checkWorkspace, problem, type DoctorCheck, type DoctorReport } from '../../../src/io/workspace/doctor.js';
import { initWorkspace, type Workspace } from '../../../src/io/workspace/workspace.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();

async function populated(): Promise<Workspace> {
  const ws = await initWorkspace(tempDir(), { year: 2019, region: 'Томская область', timezone: 'Asia/Tomsk' });
  const src = path.join(tempDir(), 'registry.csv');
  fs.writeFileSync(src, 'code;name\n124-001;Школа №1\n');
  await ws.withLock('registry import', async () => {
    await ws.storeInput(src, 'registry.csv');
    await ws.writeState('registry', { schools: ['124-001'] });
    await ws.writeState('orders/124-001', { lines: [] });
    await ws.journal({ command: 'registry import', changed: ['state/registry.json'] });
  });
  fs.writeFileSync(ws.outPath('report.xlsx'), 'xlsx');
  return ws;
}

const flat = (report: DoctorReport) => report.problems.map((p) => `${p.severity} ${p.code} ${p.path}`);
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('checkWorkspace', () => {
  it('finds nothing wrong in a healthy workspace', async () => {
    const ws = await populated();
    const report = await checkWorkspace(ws.root);
    expect(report).toEqual({ problems: [], notes: [], checked: { state_files: 2, inputs: 1, journal_entries: 2 } });
  });

  it('reports damaged and newer state files, and a damaged marker', async () => {
    const ws = await populated();
    fs.writeFileSync(path.join(ws.root, 'state/registry.json'), '{"schema":1,"schools":[');
    fs.writeFileSync(path.join(ws.root, 'state/orders/124-001.json'), '{"schema":7}');
    fs.writeFileSync(path.join(ws.root, 'state/orders/no-version.json'), '{"lines":[]}');
    let report = await checkWorkspace(ws.root);
    expect(flat(report)).toEqual([
      'error workspace-newer-schema state/orders/124-001.json',
      'error workspace-state-damaged state/orders/no-version.json',
      'error workspace-state-damaged state/registry.json',
    ]);
    // Order files are at a version of their own (the compact format of issue 20, src/io/workspace/schema.ts).
    expect(report.problems[0]?.params).toEqual({ found: 7, supported: 2 });
    fs.writeFileSync(path.join(ws.root, 'state/registry.json'), '{"schema":2,"schools":[]}');
    expect((await checkWorkspace(ws.root)).problems.find((p) => p.path === 'state/registry.json')?.params).toEqual({ found: 2, supported: 1 });

    fs.writeFileSync(path.join(ws.root, 'uchebnik.json'), '{"schema":1,"kind":"uchebnik-workspace"}');
    report = await checkWorkspace(ws.root, { checks: [async () => []] });
    expect(flat(report)).toContain('error workspace-marker-damaged uchebnik.json');
    expect(report.notes).toEqual([{ key: 'workspace.doctor-checks-skipped', params: { count: 1 } }]);

    fs.rmSync(path.join(ws.root, 'uchebnik.json'));
    expect(flat(await checkWorkspace(ws.root))).toContain('error workspace-marker-missing uchebnik.json');
  });

  it('checks stored inputs against their names and sidecars', async () => {
    const ws = await populated();
    const inputs = path.join(ws.root, 'inputs');
    const [copy] = fs.readdirSync(inputs).filter((n) => !n.endsWith('.meta.json'));
    fs.appendFileSync(path.join(inputs, copy ?? ''), 'tampered');

    const orphan = Buffer.from('a copy whose sidecar was never written');
    const orphanSha = createHash('sha256').update(orphan).digest('hex');
    fs.writeFileSync(path.join(inputs, `${orphanSha}.xlsx`), orphan);

    const lostSha = 'f'.repeat(64);
    fs.writeFileSync(
      path.join(inputs, `${lostSha}.meta.json`),
      JSON.stringify({ schema: 1, sha256: lostSha, stored: `inputs/${lostSha}.csv`, original_name: 'x.csv', size: 1, stored_at: 'x' }),
    );
    const evilSha = 'e'.repeat(64);
    fs.writeFileSync(
      path.join(inputs, `${evilSha}.meta.json`),
      JSON.stringify({ schema: 1, sha256: evilSha, stored: '../uchebnik.json', original_name: 'x', size: 1, stored_at: 'x' }),
    );
    fs.writeFileSync(path.join(inputs, 'readme.txt'), '');

    const report = await checkWorkspace(ws.root);
    expect(flat(report).sort()).toEqual(
      [
        `error workspace-input-hash-mismatch inputs/${copy}`,
        `error workspace-input-meta-damaged inputs/${evilSha}.meta.json`,
        `warning workspace-input-meta-missing inputs/${orphanSha}.xlsx`,
        `error workspace-input-missing inputs/${lostSha}.meta.json`,
        'warning workspace-input-unexpected-file inputs/readme.txt',
      ].sort(),
    );
    expect(report.checked.inputs).toBe(2);
  });

  it('reports journal lines that do not parse, a torn last one as a warning', async () => {
    const ws = await populated();
    const journal = path.join(ws.root, 'journal.jsonl');
    fs.appendFileSync(journal, 'not json\n{"time":"t","user":"u","command":"x","changed":[]}\n{"time":"t","us');
    const report = await checkWorkspace(ws.root);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'workspace-journal-bad-line', severity: 'warning', params: expect.objectContaining({ line: 3 }) }),
      // a readable line without the hash of the one before it was added by hand (src/io/workspace/journal.ts)
      expect.objectContaining({ code: 'workspace-journal-chain-broken', severity: 'error', params: { line: 4, previous: 3 } }),
      expect.objectContaining({ code: 'workspace-journal-torn-tail', severity: 'warning', params: expect.objectContaining({ line: 5 }) }),
    ]);
    expect(report.checked.journal_entries).toBe(3);
  });

  it('reports leftovers of killed writers and removes them with fix', async () => {
    const ws = await populated();
    const pid = deadPid();
    const leftovers = [`state/.registry.json.tmp-${pid}-0123abcd`, `inputs/.incoming.tmp-${pid}-89abcdef`, `.uchebnik.json.tmp-${pid}-00000000`];
    for (const f of leftovers) fs.writeFileSync(path.join(ws.root, f), 'half');
    const inProgress = `out/.report.xlsx.tmp-${process.ppid}-11111111`;
    fs.writeFileSync(path.join(ws.root, inProgress), 'half');

    const report = await checkWorkspace(ws.root);
    expect(flat(report).sort()).toEqual(leftovers.map((f) => `warning workspace-temp-leftover ${f}`).sort());
    expect(report.notes).toEqual([{ key: 'workspace.doctor-write-in-progress', path: inProgress, params: { pid: process.ppid } }]);
    for (const f of leftovers) expect(fs.existsSync(path.join(ws.root, f))).toBe(true);

    // Under the lock nothing else can be writing, so the in-progress one goes too.
    const fixed = await checkWorkspace(ws.root, { fix: true });
    expect(fixed.problems).toHaveLength(4);
    expect(fixed.problems.every((p) => p.fixed === true && p.code === 'workspace-temp-leftover')).toBe(true);
    expect((await checkWorkspace(ws.root)).problems).toEqual([]);
  });

  it('reports a stale lock, notes a live one, and fix takes the stale one over', async () => {
    const ws = await populated();
    const lock = (pid: number) =>
      fs.writeFileSync(
        path.join(ws.root, '.lock'),
        JSON.stringify({ pid, host: os.hostname(), user: 'petrov', command: 'consolidate region', started: '2019-03-01T10:00:00+07:00', token: 't' }),
      );
    lock(process.ppid);
    const live = await checkWorkspace(ws.root);
    expect(live.problems).toEqual([]);
    expect(live.notes).toEqual([expect.objectContaining({ key: 'workspace.doctor-locked', params: expect.objectContaining({ user: 'petrov' }) })]);

    const pid = deadPid();
    lock(pid);
    expect((await checkWorkspace(ws.root)).problems).toEqual([
      problem('workspace-lock-stale', 'warning', '.lock', expect.objectContaining({ pid, command: 'consolidate region' })),
    ]);
    const fixed = await checkWorkspace(ws.root, { fix: true });
    expect(fixed.problems).toEqual([expect.objectContaining({ code: 'workspace-lock-stale', fixed: true })]);
    expect(fs.existsSync(path.join(ws.root, '.lock'))).toBe(false);
  });

  it('reports symlinks inside the workspace that lead outside', async () => {
    const ws = await populated();
    const outside = tempDir();
    fs.symlinkSync(outside, path.join(ws.root, 'state', 'orders-link'));
    fs.symlinkSync(path.join(outside, 'gone.json'), path.join(ws.root, 'out', 'dangling.xlsx'));
    fs.symlinkSync(path.join(ws.root, 'state', 'registry.json'), path.join(ws.root, 'out', 'inside.json'));
    fs.symlinkSync(outside, path.join(ws.root, 'incoming'));
    const report = await checkWorkspace(ws.root);
    expect(flat(report)).toEqual(['error workspace-symlink-outside out/dangling.xlsx', 'error workspace-symlink-outside state/orders-link']);
    expect(report.problems[1]?.params).toEqual({ target: outside });
  });

  it('runs checks contributed by other areas', async () => {
    const ws = await populated();
    const ordersReferToInputs: DoctorCheck = async (w) => [problem('order-input-missing', 'error', 'state/orders/124-001.json', { root: w.root })];
    const failing: DoctorCheck = async function readsDamagedState() {
      throw new WorkspaceError('workspace.damaged', { file: path.join(ws.root, 'state/registry.json'), reason: 'x' });
    };
    const report = await checkWorkspace(ws.root, { checks: [ordersReferToInputs, failing] });
    expect(report.problems).toEqual([
      problem('order-input-missing', 'error', 'state/orders/124-001.json', { root: ws.root }),
      problem('workspace-check-failed', 'error', 'state/registry.json', { check: 'readsDamagedState', error: 'workspace.damaged' }),
    ]);
    const bug: DoctorCheck = async () => {
      throw new TypeError('a bug');
    };
    await expect(checkWorkspace(ws.root, { checks: [bug] })).rejects.toThrow(TypeError);
  });

  it('has a message for every key the workspace module uses (its problem codes: test/core/findings.test.ts)', () => {
    const dir = fileURLToPath(new URL('../../../src/io/workspace', import.meta.url));
    const own = ['atomic', 'config', 'doctor', 'index', 'inputs', 'io', 'journal', 'locate', 'lock', 'paths', 'schema', 'workspace'];
    const source = own.map((f) => fs.readFileSync(path.join(dir, `${f}.ts`), 'utf8')).join('\n');
    const keys = new Set([...source.matchAll(/'(workspace\.[a-z-]+)'/g)].map((m) => m[1] ?? ''));
    expect(keys.size).toBeGreaterThan(15);
    for (const key of keys) expect(hasMessage(key), key).toBe(true);
  });
});
