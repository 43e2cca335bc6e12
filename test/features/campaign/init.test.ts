/**
 * `uchebnik init --template` (src/features/campaign/init.ts): a built-in plan with lint findings is
 * installed with a warning and the `deadlines set` command that corrects it — which, run as printed,
 * leaves the plan clean.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../support/cli.js';

/** The words of a command line as a POSIX shell splits it (bare words and single-quoted ones, as src/cli-kit/shell.ts quotes). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/gu)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

describe('uchebnik init --template', () => {
  it('warns about the first-grade plan’s mistyped year and prints the command that corrects it', async () => {
    const cwd = tempDir();
    const r = await run(['init', 'my campaign', '--year', '2020', '--region', 'Р', '--tz', 'Europe/Samara', '--template', 'first-grade'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('в плане «first-grade» проверка сроков нашла 1 замечание');
    expect(r.stderr).toContain('Этап 8 (Сотрудники МООУСО, курирующие ОО): срок «20.01.2019»');
    const fix = /Исправить: (uchebnik .*)$/mu.exec(r.stderr)?.[1];
    expect(fix).toBe("uchebnik deadlines set 8 --plan first-grade --date 20.01.2020 --reason 'опечатка в годе в образце плана' -w 'my campaign'");

    const before = await run(['deadlines', 'lint', '-w', path.join(cwd, 'my campaign')]);
    expect(before.code).toBe(1);
    const [, ...args] = shellWords(fix!);
    const set = await run(args, { cwd });
    expect(set.code, set.stderr).toBe(0);
    const after = await run(['deadlines', 'lint', '--json', '-w', path.join(cwd, 'my campaign')]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).findings).toEqual([]);
  });

  it('says nothing more when the plan it installs is clean, and speaks English with --lang en', async () => {
    const cwd = tempDir();
    const clean = await run(['init', 'ws', '--year', '2018', '--region', 'R', '--tz', 'Europe/Samara', '--template', 'textbooks'], { cwd });
    expect(clean.code).toBe(0);
    expect(clean.stderr).not.toMatch(/Внимание|Исправить/u);

    const en = await run(['init', 'ws-en', '--year', '2018', '--region', 'R', '--tz', 'Europe/Samara', '--template', 'textbooks,first-grade', '--lang', 'en'], { cwd });
    expect(en.code).toBe(0);
    expect(en.stderr).toContain('Warning: the deadline check of plan "first-grade" found 1 problem');
    expect(en.stderr).toContain("To correct it: uchebnik deadlines set 8 --plan first-grade --date 20.01.2018 --reason 'a mistyped year in the built-in plan' -w ws-en");
  });
});
