/**
 * `uchebnik demo DIR` — the whole campaign on the bundled example region (fixtures/region), run as
 * the same commands a person would type, each shown before its output. It is both the tour for a
 * new user and a smoke test of every stage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { act, examples, say, type Runtime } from '../cli/action.js';
import type { Ctx } from '../cli/context.js';
import { main } from '../cli/main.js';
import { painter } from '../report/render.js';
import { EXIT, UsageError } from '../errors.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/region/', import.meta.url));
const DEMO_MARK = 'DEMO.txt';

interface Step {
  /** catalogue key of the step's one-line explanation */
  title: string;
  args: string[];
  /** exit codes this step is expected to end with (validation of mistaken files ends with 1) */
  expect: number[];
}

function steps(dir: string): Step[] {
  const f = (name: string) => path.join(FIXTURES, name);
  return [
    { title: 'demo.step-init', args: ['init', dir, '--year', '2018', '--region', 'Демонстрационная область', '--tz', 'Europe/Samara'], expect: [0] },
    { title: 'demo.step-registry', args: ['registry', 'import', f('registry.csv')], expect: [0] },
    { title: 'demo.step-registry-show', args: ['registry', 'show'], expect: [0] },
    { title: 'demo.step-doctor', args: ['doctor'], expect: [0] },
  ];
}

function prepare(ctx: Ctx, dir: string): void {
  if (!fs.existsSync(dir)) return;
  const entries = fs.readdirSync(dir);
  if (entries.length === 0) return;
  // Only a folder an earlier demo made is replaced; anything else might be someone's campaign.
  if (!entries.includes(DEMO_MARK)) throw new UsageError('demo.dir-not-empty', { dir });
  fs.rmSync(dir, { recursive: true, force: true });
  ctx.note(ctx.t('demo.replaced', { dir }));
}

async function demo(ctx: Ctx, target: string): Promise<number> {
  const dir = path.resolve(ctx.cwd, target);
  prepare(ctx, dir);
  const c = painter(ctx.color);
  const global = ['--lang', ctx.lang, ...(ctx.color ? [] : ['--no-color'])];
  let step = 0;
  for (const s of steps(dir)) {
    step++;
    const shown = s.args.map((a) => (a.startsWith(FIXTURES) ? path.join('fixtures/region', path.relative(FIXTURES, a)) : a)).map((a) => (/\s/.test(a) ? `"${a}"` : a));
    ctx.out(`\n${c.bold(`[${step}] ${ctx.t(s.title)}`)}\n${c.cyan(`$ uchebnik ${shown.join(' ')}`)}`);
    const args = s.args[0] === 'init' ? [...s.args, ...global] : [...s.args, '--workspace', dir, ...global];
    const code = await main(['node', 'uchebnik', ...args], ctx.streams, ctx.env, ctx.cwd);
    if (!s.expect.includes(code)) {
      ctx.note(ctx.t('demo.step-failed', { step, code, expected: s.expect.join('/') }));
      return code === EXIT.dataErrors ? EXIT.internal : code;
    }
    if (s.args[0] === 'init') fs.writeFileSync(path.join(dir, DEMO_MARK), ctx.t('demo.mark') + '\n');
  }
  ctx.out(`\n${c.green(ctx.t('demo.done', { dir }))}`);
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  act(
    program
      .command('demo')
      .argument('<dir>', say(rt, 'папка для учебной кампании (создаётся)', 'folder for the example campaign (created)'))
      .description(say(rt, 'пройти всю кампанию на примере области из fixtures/', 'run the whole campaign on the example region in fixtures/'))
      .addHelpText('after', examples(rt, ['uchebnik demo demo-workspace', 'uchebnik demo /tmp/demo --lang en'])),
    rt,
    (ctx, _opts, [dir]) => demo(ctx, dir!),
  );
}
