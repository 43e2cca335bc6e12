/**
 * Commands declare their options once, as a zod schema that `act` (src/cli-kit/action.ts) checks
 * commander's values against, and the flags many commands share come from src/cli-kit/flags.ts with
 * one wording. These tests fail if a value the schema refuses ends anywhere but in exit 2 naming the
 * option, if a command's schema and its declared options part, if a shared flag gets a second wording,
 * or if a command goes back to an untyped option bag.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { act, type Runtime } from '../../src/cli-kit/action.js';
import { commonFlags, flagSchema } from '../../src/cli-kit/flags.js';
import { EXIT, UchebnikError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/index.js';
import { main } from '../../src/main.js';
import { LOADERS, buildProgram } from '../../src/program.js';
import { REPO } from '../support/cli.js';

function runtime(helpLang: 'ru' | 'en' = 'ru', env: NodeJS.ProcessEnv = {}): Runtime {
  return { streams: { stdout: new PassThrough(), stderr: new PassThrough() }, env, cwd: REPO, argv: [], helpLang, invoke: main, exitCode: 0 };
}

/** A one-command program with a numeric option the schema checks. */
function program(rt: Runtime, seen: unknown[]): Command {
  const p = new Command('uchebnik').exitOverride();
  act(
    commonFlags(p.command('count').option('--lines <n>', 'how many'), rt, ['json']),
    rt,
    z.object({ lines: z.coerce.number().int().min(1).optional(), ...flagSchema(['json']) }),
    async (_ctx, opts) => {
      seen.push(opts);
      return 0;
    },
  );
  return p;
}

async function refusal(env: NodeJS.ProcessEnv, value: string): Promise<UchebnikError> {
  const rt = runtime('ru', env);
  const err = await program(rt, []).parseAsync(['count', '--lines', value], { from: 'user' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UchebnikError);
  return err as UchebnikError;
}

describe('a typed command', () => {
  it('receives its options parsed by its schema', async () => {
    const seen: unknown[] = [];
    const rt = runtime();
    await program(rt, seen).parseAsync(['count', '--lines', '12', '--json'], { from: 'user' });
    expect(seen).toEqual([{ lines: 12, json: true }]);
    expect(rt.exitCode).toBe(0);
  });

  it('refuses a value its schema refuses with exit 2 and a message naming the option, in Russian and in English', async () => {
    const ru = await refusal({}, 'много');
    expect(ru.exitCode).toBe(EXIT.usage);
    expect(ru.params).toMatchObject({ option: '--lines', value: 'много' });
    const ruText = t('ru', ru.key, ru.params);
    expect(ruText).toContain('неверное значение --lines: «много»');
    expect(ruText).toMatch(/число/u);

    const en = await refusal({ UCHEBNIK_LANG: 'en' }, '0');
    expect(en.exitCode).toBe(EXIT.usage);
    const enText = t('en', en.key, en.params);
    expect(enText).toContain('bad value for --lines: "0"');
    expect(enText).toMatch(/>=\s*1/u);
  });

  it('is refused at registration when its schema and its declared options differ', () => {
    const rt = runtime();
    const p = new Command('uchebnik');
    expect(() => act(p.command('a').option('--out <dir>', 'folder'), rt, z.object({ json: z.boolean().optional() }), async () => 0)).toThrow(/options without a schema: out; schema keys without an option: json/u);
  });
});

/** Every command and subcommand of the program, each module registered as the program registers it. */
async function everyCommand(): Promise<Command[]> {
  const all: Command[] = [];
  const walk = (c: Command) => {
    all.push(c);
    c.commands.forEach(walk);
  };
  for (const name of Object.keys(LOADERS)) walk(await buildProgram(runtime(), [name]));
  return all;
}

describe('every command', () => {
  it('registers with a schema that matches its options, and the shared flags read the same everywhere', async () => {
    // Registering runs act's check of each command's schema against its options: a mismatch throws here.
    const commands = await everyCommand();
    const wordings = new Map<string, Set<string>>();
    for (const c of commands)
      for (const o of c.options) if (o.long === '--json' || o.long === '--annotate') (wordings.get(o.long) ?? wordings.set(o.long, new Set()).get(o.long)!).add(o.description);
    expect(wordings.get('--json')).toEqual(new Set(['вывод в JSON']));
    expect(wordings.get('--annotate')?.size).toBe(1);
  });

  it('takes a typed options object, not an untyped bag it casts back', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(REPO, 'src'));
    const commandFiles = files.filter((f) => /\bact\(/u.test(fs.readFileSync(f, 'utf8')));
    expect(commandFiles.length).toBeGreaterThan(15);
    const offences: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const name = path.relative(REPO, f);
      if (/export type Opts\b/u.test(text)) offences.push(`${name}: the untyped Opts type`);
      if (!commandFiles.includes(f)) continue;
      for (const m of text.matchAll(/\b(?:opts|options)\??\s*:\s*Record<string,\s*(?:unknown|any)>/gu)) offences.push(`${name}: ${m[0]}`);
      for (const m of text.matchAll(/\bopts(?:\.\w+|\[[^\]]+\])\s+as\s+[\w[]/gu)) offences.push(`${name}: ${m[0]}`);
    }
    expect(offences).toEqual([]);
  });
});
