import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/cli-kit/action.js';
import { COMMANDS, type CommandName } from '../../src/cli-kit/commands.js';
import { LOADERS, commandNamed } from '../../src/program.js';
import { run } from '../support/cli.js';

describe('which command module a command line loads', () => {
  it('the command named, skipping global flags and their values', () => {
    expect(commandNamed(['order', 'validate', 'a.xlsx'])).toBe('order');
    expect(commandNamed(['-w', 'demo', '--lang', 'en', 'registry', 'show'])).toBe('registry');
    expect(commandNamed(['--no-color', 'deadlines', 'check'])).toBe('deadlines');
  });
  it('none for --version, help, no command or an unknown one', () => {
    for (const args of [['--version'], ['-V'], ['--help'], [], ['regisrty', 'show']]) expect(commandNamed(args)).toBeUndefined();
  });
});

describe('the table the program\'s help is made from', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`says of every command what its module registers (${lang})`, async () => {
      const rt = { helpLang: lang, exitCode: 0, env: {}, cwd: '/', streams: { stdout: process.stdout, stderr: process.stderr } } as unknown as Runtime;
      const help = new Help();
      for (const [name, entry] of Object.entries(COMMANDS)) {
        const program = new Command('uchebnik');
        (await LOADERS[name as CommandName]()).register(program, rt);
        const cmd = program.commands.find((c) => c.name() === name)!;
        expect(help.subcommandTerm(cmd), name).toBe(entry.term);
        expect(cmd.description(), name).toBe(entry[lang]);
      }
    });
  }

  it('lists every command with its arguments, without loading one', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const entry of Object.values(COMMANDS)) expect(r.stdout).toContain(entry.term);
    expect(r.stdout).toContain('создать рабочую папку кампании');
    expect((await run(['--lang', 'en', '--help'])).stdout).toContain('create a campaign workspace');
  });

  it('suggests the command meant by a mistyped name', async () => {
    const r = await run(['regisrty', 'show']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('registry');
  });
});
