import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REAL_DATA, newWorkspace, realDataPresent, run, tempDir, treeSnapshot } from '../support/cli.js';

const registryCsv = path.join(FIXTURES, 'region', 'registry.csv');

describe('init and workspace discovery', () => {
  it('creates a workspace that later commands find from --workspace, the env and parent directories', async () => {
    const ws = await newWorkspace();
    expect(fs.existsSync(path.join(ws, 'uchebnik.json'))).toBe(true);
    const nested = path.join(ws, 'incoming', 'deep');
    fs.mkdirSync(nested, { recursive: true });
    expect((await run(['registry', 'show', '--json'], { cwd: nested })).code).toBe(0);
    expect((await run(['registry', 'show', '--json'], { env: { UCHEBNIK_WORKSPACE: ws }, cwd: tempDir() })).code).toBe(0);
    expect((await run(['registry', 'show', '--json', '--workspace', ws], { cwd: tempDir() })).code).toBe(0);
  });

  it('refuses a second init in the same folder with exit 4', async () => {
    const ws = await newWorkspace();
    const r = await run(['init', ws, '--year', '2018', '--region', 'X', '--tz', 'Europe/Samara']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^uchebnik: .+\n$/);
  });

  it('rejects a bad time zone as a usage error', async () => {
    const r = await run(['init', path.join(tempDir(), 'w'), '--year', '2018', '--region', 'X', '--tz', 'Mars/Olympus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Mars/Olympus');
  });
});

describe('registry import', () => {
  it('reads the example region (Windows-1251, banner rows, header on row 4) and is idempotent', async () => {
    const ws = await newWorkspace();
    const first = await run(['registry', 'import', registryCsv, '-w', ws]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('муниципалитетов 3, школ 19');
    const shown = JSON.parse((await run(['registry', 'show', '--json', '-w', ws])).stdout);
    expect(shown.schools).toHaveLength(19);
    expect(shown.municipalities.map((m: { code: string; schools: number }) => [m.code, m.schools])).toEqual([
      ['01', 8],
      ['02', 6],
      ['03', 5],
    ]);
    const school = shown.schools.find((s: { code: string }) => s.code === '0101');
    expect(school.short_name).toBe('МКОУ лицей № 1 г. Заречный');
    expect(school.students['1']).toBe(56);
    expect(school.inn).toMatch(/^\d{10}$/);

    const before = treeSnapshot(ws);
    const again = await run(['registry', 'import', registryCsv, '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('speaks English with --lang en', async () => {
    const ws = await newWorkspace();
    const r = await run(['registry', 'import', registryCsv, '-w', ws, '--lang', 'en']);
    expect(r.stderr).toContain('3 municipalities, 19 schools');
  });

  it.runIf(realDataPresent())('reads the real Томск list without a header using --columns', async () => {
    const ws = await newWorkspace();
    const file = path.join(REAL_DATA, 'registry', 'tomsk_schools.csv');
    const r = await run(['registry', 'import', file, '--columns', 'municipality,short,full', '-w', ws]);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const shown = JSON.parse((await run(['registry', 'show', '--json', '-w', ws])).stdout);
    // The real-data README says 324; the file has 325 distinct data lines, all of them schools.
    expect(shown.schools).toHaveLength(325);
    expect(shown.schools[0].municipality).toBe('124');
    expect(shown.schools.find((s: { short_name: string }) => s.short_name === 'МАОУ гимназия № 6 г. Томска')).toBeTruthy();
  });

  it('a missing file exits 3 and writes nothing to the workspace', async () => {
    const ws = await newWorkspace();
    const before = treeSnapshot(ws);
    const r = await run(['registry', 'import', path.join(ws, 'nope.csv'), '-w', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(treeSnapshot(ws)).toEqual(before);
  });
});

describe('exit codes of the command line itself', () => {
  it('unknown command, unknown flag and missing argument are usage errors (2)', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['registry', 'show', '--frob'])).code).toBe(2);
    expect((await run(['registry', 'import'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it('--help and --version exit 0 and print to stdout', async () => {
    const help = await run(['registry', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Примеры');
    expect(help.stdout).toContain('--columns');
    const en = await run(['--lang', 'en', 'registry', 'import', '--help']);
    expect(en.stdout).toContain('Examples');
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('outside a workspace a command that needs one exits 4 and says how to make one', async () => {
    const r = await run(['registry', 'show'], { cwd: tempDir(), env: {} });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('uchebnik init');
  });
});

describe('doctor', () => {
  it('passes on a fresh workspace and fails with 4 on a damaged state file', async () => {
    const ws = await newWorkspace();
    await run(['registry', 'import', registryCsv, '-w', ws]);
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
    fs.writeFileSync(path.join(ws, 'state', 'registry.json'), '{"schema": 1, "municipalities": [');
    const r = await run(['doctor', '-w', ws]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('registry.json');
  });
});
