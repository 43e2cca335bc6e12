/**
 * What only real processes show (foundation issue): a SIGKILL in the middle of a workspace write
 * leaves a workspace that `doctor` passes, and two imports at once either both succeed in turn or
 * the second exits 4 naming the holder — never a corrupted file. Needs the build (`npm test` makes it).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, newWorkspace, runProcess, tempDir } from '../support/cli.js';

function registryCsv(file: string, municipality: string, schools: number): string {
  const lines = ['Код ОО;Краткое наименование;Полное наименование;Код МО;1 класс;2 класс'];
  for (let i = 1; i <= schools; i++) {
    lines.push(`${municipality}-${i};МБОУ СОШ № ${i} муниципалитета ${municipality};Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № ${i}»;${municipality};${20 + (i % 30)};${21 + (i % 29)}`);
  }
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'win1251'));
  return file;
}

let dir: string;
let big: string;
let small: string;

beforeAll(() => {
  dir = tempDir();
  big = registryCsv(path.join(dir, 'big-registry.csv'), '77', 40_000);
  small = registryCsv(path.join(dir, 'small-registry.csv'), '11', 10);
});

function killAfter(args: string[], ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('SIGKILL during a workspace write', () => {
  it('leaves a workspace doctor passes, with the registry either before or after the import', async () => {
    const ws = await newWorkspace();
    expect((await runProcess(['registry', 'import', small, '-w', ws])).code).toBe(0);
    const delays = [150, 300, 450, 600, 800, 1100];
    for (const ms of delays) {
      await killAfter(['registry', 'import', big, '-w', ws], ms);
      const doctor = await runProcess(['doctor', '--fix', '-w', ws]);
      expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
      const shown = JSON.parse((await runProcess(['registry', 'show', '--json', '-w', ws])).stdout) as { schools: unknown[] };
      // Complete states only: the small registry alone, or with all 40,000 schools of the big one.
      expect([10, 40_010]).toContain(shown.schools.length);
    }
  }, 120_000);
});

describe('two imports at once', () => {
  it('both succeed in turn, or the second exits 4 naming the holder; the registry is never torn', async () => {
    const ws = await newWorkspace();
    const [a, b] = await Promise.all([
      runProcess(['registry', 'import', big, '-w', ws]),
      runProcess(['registry', 'import', small, '-w', ws]),
    ]);
    for (const r of [a, b]) {
      expect([0, 4]).toContain(r.code);
      if (r.code === 4) expect(r.stderr).toMatch(/registry import/);
    }
    const shown = JSON.parse((await runProcess(['registry', 'show', '--json', '-w', ws])).stdout) as { schools: unknown[] };
    const expected = (a.code === 0 ? 40_000 : 0) + (b.code === 0 ? 10 : 0);
    expect(shown.schools).toHaveLength(expected);
    expect((await runProcess(['doctor', '-w', ws])).code).toBe(0);
  }, 120_000);
});
