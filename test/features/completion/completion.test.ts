/** `uchebnik completion bash|zsh`: scripts made from the registered commands, checked in a real bash. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/cli-kit/action.js';
import { LOADERS } from '../../../src/program.js';
import { run, tempDir } from '../../support/cli.js';

let script: string;

/** What bash's completion offers for the words typed so far (the last one is the word being completed). */
function complete(...words: string[]): string[] {
  const line = `source ${JSON.stringify(script)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _uchebnik; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', line], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('completion bash', () => {
  beforeAll(async () => {
    const r = await run(['completion', 'bash']);
    expect(r.code, r.stderr).toBe(0);
    script = path.join(tempDir(), 'uchebnik.bash');
    fs.writeFileSync(script, r.stdout);
  });

  it('is a valid bash script', () => {
    expect(() => execFileSync('bash', ['-n', script])).not.toThrow();
  });

  it('completes command names, after global flags and their values too', () => {
    expect(complete('uchebnik', 'ord')).toEqual(['order']);
    expect(complete('uchebnik', '-w', 'ord', 'ord')).toEqual(['order']);
    expect(complete('uchebnik', 'comp')).toEqual(['completion']);
  });

  it('completes a command’s subcommands as its module registers them, then their options and values', async () => {
    const program = new Command('uchebnik');
    (await LOADERS.order()).register(program, { helpLang: 'ru' } as Runtime);
    const subcommands = program.commands[0]!.commands.map((c) => c.name());
    expect(subcommands).toContain('validate');
    expect(complete('uchebnik', 'order', '')).toEqual(subcommands);
    expect(complete('uchebnik', 'order', 'validate', '--js')).toEqual(['--json']);
    expect(complete('uchebnik', 'init', 'dir', '--ye')).toEqual(['--year']);
    expect(complete('uchebnik', '--lang', '')).toEqual(['ru', 'en']);
    // the program's own options are taken after a command too
    expect(complete('uchebnik', 'order', 'validate', 'a.xlsx', '--la')).toEqual(['--lang']);
    expect(complete('uchebnik', 'order', 'validate', '--lang', 'e')).toEqual(['en']);
    // a file name is the shell's to complete (complete -o default)
    expect(complete('uchebnik', 'order', 'validate', '')).toEqual([]);
  });
});

describe('completion zsh and errors', () => {
  it('zsh: the same table in zsh arrays, with compdef', async () => {
    const r = await run(['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#compdef uchebnik\n/);
    expect(r.stdout).toMatch(/\n {4}order\/\) names=\(template validate [^)]*\); flags=\(--help --workspace --lang --no-color --debug\) ;;\n/);
    expect(r.stdout).toContain('compdef _uchebnik uchebnik\n');
  });

  it('an unknown shell is a usage error', async () => {
    const r = await run(['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fish');
  });
});
