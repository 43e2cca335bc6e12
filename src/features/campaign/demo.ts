/**
 * `uchebnik demo DIR` — the whole campaign on the bundled example region (fixtures/region), run as
 * the same commands a person would type, each shown before its output. It is both the tour for a
 * new user and a smoke test of every stage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import type { Ctx } from '../../cli-kit/context.js';
import { painter } from '../../core/report/render.js';
import { EXIT, UsageError } from '../../core/errors.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/region/', import.meta.url));
const FIRST_GRADE = fileURLToPath(new URL('../../../fixtures/first-grade/', import.meta.url));
const REQUISITES = fileURLToPath(new URL('../../../fixtures/requisites/', import.meta.url));
const DEMO_MARK = 'DEMO.txt';

interface Step {
  /** catalogue key of the step's one-line explanation */
  title: string;
  args: string[];
  /** exit codes this step is expected to end with (validation of mistaken files ends with 1) */
  expect: number[];
}

/** A step, or steps that can be told only when they are reached (they name files earlier steps wrote). */
type Entry = Step | (() => Step[]);

/** The second round's consolidations, beside the first round's out/consolidation/. */
const ROUND_TWO = 'round-2';
/** The day the demo's deadlines and status page are measured on. */
const AS_OF = '2018-03-01';

/** The school orders of the example region: filled forms (four with planted mistakes) and one school's own CSV. */
function orders(): string[] {
  const dir = path.join(FIXTURES, 'orders');
  return fs
    .readdirSync(dir)
    .filter((n) => /\.(xlsx|csv)$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

/** First-grade admission (plan 003, stages 7–8): the vacancy sheets of the three municipalities. */
function admission(dir: string): Step[] {
  const v = (name: string) => path.join(FIXTURES, 'vacancies', name);
  const forms = fs
    .readdirSync(path.join(FIXTURES, 'vacancies'))
    .filter((n) => /^school-.*\.xlsx$/.test(n))
    .sort()
    .map(v);
  const checked = ['--annotate', path.join(dir, 'vacancies', 'checked')];
  return [
    { title: 'demo.step-vacancies-template', args: ['vacancies', 'template', '--municipality', '01', '--out', path.join(dir, 'vacancies', 'template-01.xlsx')], expect: [0] },
    { title: 'demo.step-vacancies-validate-01', args: ['vacancies', 'validate', v('mo-01.xlsx'), ...checked], expect: [0] },
    { title: 'demo.step-vacancies-validate-02', args: ['vacancies', 'validate', v('mo-02.csv'), ...checked], expect: [1] },
    { title: 'demo.step-vacancies-validate-03', args: ['vacancies', 'validate', ...forms, ...checked], expect: [0] },
    { title: 'demo.step-vacancies-submit', args: ['vacancies', 'submit', v('mo-01.xlsx'), ...forms], expect: [0] },
    { title: 'demo.step-vacancies-approve-01', args: ['vacancies', 'approve', '--municipality', '01'], expect: [0] },
    { title: 'demo.step-vacancies-approve-02', args: ['vacancies', 'approve', '--municipality', '02'], expect: [1] },
    { title: 'demo.step-vacancies-report', args: ['vacancies', 'report'], expect: [0] },
  ];
}

/**
 * First-grade admission, stages 2–6 (fixtures/first-grade, made by its make.mjs): the information
 * published by two municipalities (stage 2 has no data: it is marked by hand), the preschools'
 * parents' meetings, the municipal staff and the schools' operators, approved per municipality, and
 * the application of changes to the regional centre after 01's list changes. Municipality 02's files
 * carry one mistake of each kind, so its meetings and operators stay incomplete for `deadlines check`.
 */
function firstGrade(dir: string): Step[] {
  const f = (name: string) => path.join(FIRST_GRADE, name);
  const out = (name: string) => path.join(dir, 'first-grade', name);
  const each = (prefix: string) => ['01', '02', '03'].map((m) => f(`${prefix}-${m}.xlsx`));
  const checked = ['--annotate', out('checked')];
  return [
    {
      title: 'demo.step-info-published',
      args: ['deadlines', 'done', '2', '--plan', 'first-grade', '--executor', 'Руководители МООУСО', '--entity', '01,03', '--at', '2017-12-20', '--note', 'опубликовано на сайтах управлений образования'],
      expect: [0],
    },
    { title: 'demo.step-meetings-template', args: ['meetings', 'template', '--municipality', '02', '--out', out('meetings-02.xlsx')], expect: [0] },
    { title: 'demo.step-meetings-validate', args: ['meetings', 'validate', ...each('meetings'), ...checked], expect: [1] },
    { title: 'demo.step-meetings-submit', args: ['meetings', 'submit', ...each('meetings')], expect: [1] },
    { title: 'demo.step-staff-submit', args: ['operators', 'submit', '--unit', 'municipality', f('staff.xlsx')], expect: [0] },
    ...['01', '02', '03'].map((m) => ({ title: 'demo.step-staff-approve', args: ['operators', 'approve', '--unit', 'municipality', '--municipality', m], expect: [0] })),
    { title: 'demo.step-operators-template', args: ['operators', 'template', '--municipality', '02', '--out', out('operators-02.xlsx')], expect: [0] },
    { title: 'demo.step-operators-validate', args: ['operators', 'validate', ...each('operators'), ...checked], expect: [1] },
    { title: 'demo.step-operators-submit', args: ['operators', 'submit', ...each('operators')], expect: [1] },
    ...['01', '03'].map((m) => ({ title: 'demo.step-operators-approve', args: ['operators', 'approve', '--municipality', m], expect: [0] })),
    { title: 'demo.step-operators-changes', args: ['operators', 'changes', '--municipality', '01', '--out', out('application-01.xlsx')], expect: [0] },
    { title: 'demo.step-operators-resubmit', args: ['operators', 'submit', f('operators-01-v2.xlsx')], expect: [0] },
    { title: 'demo.step-operators-approve', args: ['operators', 'approve', '--municipality', '01'], expect: [0] },
    { title: 'demo.step-operators-changes-v2', args: ['operators', 'changes', '--municipality', '01', '--out', out('application-01-v2.xlsx')], expect: [0] },
  ];
}

/**
 * The second round's consolidations (plan 000 stages 20–21), after the corrected orders: into a folder
 * of their own, so that the first round's workbooks (out/consolidation/) stay to compare with.
 * Municipality 02 re-submitted nothing, and its count is made again all the same, as the plan asks of
 * every municipality.
 */
function roundTwoSteps(dir: string): Entry[] {
  return [
    ...['01', '02', '03'].map((m) => ({ title: 'demo.step-round2-municipality', args: ['consolidate', 'municipality', m, '--out', path.join(dir, ROUND_TWO, m)], expect: [0] })),
    { title: 'demo.step-round2-region', args: ['consolidate', 'region', '--out', path.join(dir, ROUND_TWO, 'region')], expect: [0] },
    () => roundDiffs(dir),
  ];
}

/**
 * `diff` of the two rounds' regional workbooks, publisher by publisher, paired by file name once both
 * rounds are written. Each publisher's workbook changed in this round (fixtures/region/orders-v2/CORRECTIONS.md),
 * so each diff ends with 1, which says «they differ».
 */
function roundDiffs(dir: string): Step[] {
  const first = path.join(dir, 'out', 'consolidation', 'region');
  const second = path.join(dir, ROUND_TWO, 'region');
  return fs
    .readdirSync(first)
    .filter((n) => n.endsWith('.xlsx') && fs.existsSync(path.join(second, n)))
    .sort()
    .map((n) => ({ title: 'demo.step-round-diff', args: ['diff', path.join(first, n), path.join(second, n)], expect: [1] }));
}

/**
 * The ministry's round (stages 12–17): the analysis of the regional order, the ministry's recommendations
 * (fixtures/region/recommendations.xlsx), sent on per municipality and school, corrected orders of four
 * schools (fixtures/region/orders-v2/, one applying its recommendation only in part), and the check,
 * which ends with 1 because 0301 has not re-submitted.
 */
function recommendationSteps(dir: string): Step[] {
  const corrected = fs
    .readdirSync(path.join(FIXTURES, 'orders-v2'))
    .filter((n) => n.endsWith('.xlsx'))
    .sort();
  const schools = corrected.map((n) => n.replace(/\.xlsx$/, ''));
  return [
    { title: 'demo.step-analyze', args: ['analyze', '--draft-recommendations', path.join(dir, 'recommendations', 'draft.xlsx')], expect: [0] },
    { title: 'demo.step-rec-load', args: ['recommendations', 'load', path.join(FIXTURES, 'recommendations.xlsx')], expect: [0] },
    { title: 'demo.step-rec-split', args: ['recommendations', 'split', '--out', path.join(dir, 'recommendations')], expect: [0] },
    { title: 'demo.step-rec-submit', args: ['order', 'submit', ...corrected.map((n) => path.join(FIXTURES, 'orders-v2', n))], expect: [0] },
    ...schools.flatMap((school) => [
      { title: 'demo.step-rec-agree', args: ['order', 'agree', '--school', school], expect: [0] },
      { title: 'demo.step-rec-form', args: ['order', 'form', '--school', school], expect: [0] },
    ]),
    { title: 'demo.step-rec-check', args: ['recommendations', 'check'], expect: [1] },
  ];
}

function steps(dir: string): Entry[] {
  const f = (name: string) => path.join(FIXTURES, name);
  return [
    { title: 'demo.step-init', args: ['init', dir, '--year', '2018', '--region', 'Демонстрационная область', '--tz', 'Europe/Samara', '--template', 'textbooks,first-grade'], expect: [0] },
    // init warns that the first-grade plan's stage 8 is a year early and prints this command.
    { title: 'demo.step-deadlines-set', args: ['deadlines', 'set', '8', '--plan', 'first-grade', '--date', '20.01.2018', '--reason', 'опечатка в годе в образце плана'], expect: [0] },
    { title: 'demo.step-registry', args: ['registry', 'import', f('registry.csv')], expect: [0] },
    { title: 'demo.step-registry-show', args: ['registry', 'show'], expect: [0] },
    { title: 'demo.step-pricelist-prosv', args: ['pricelist', 'load', f('pricelists/prosveshchenie.xlsx'), '--publisher', 'Просвещение'], expect: [0] },
    { title: 'demo.step-pricelist-drofa', args: ['pricelist', 'load', f('pricelists/drofa.csv'), '--publisher', 'Дрофа'], expect: [0] },
    { title: 'demo.step-pricelist-slovo', args: ['pricelist', 'load', f('pricelists/russkoe-slovo.xlsx'), '--publisher', 'Русское слово'], expect: [0] },
    { title: 'demo.step-pricelist-list', args: ['pricelist', 'list'], expect: [0] },
    { title: 'demo.step-form-load', args: ['form', 'load', f('forms/drofa-form.xlsx'), '--publisher', 'Дрофа'], expect: [0] },
    { title: 'demo.step-order-template', args: ['order', 'template', '--school', '0101', '--out', path.join(dir, 'forms', '0101.xlsx')], expect: [0] },
    { title: 'demo.step-order-validate', args: ['order', 'validate', ...orders(), '--annotate', path.join(dir, 'checked')], expect: [1] },
    { title: 'demo.step-order-submit', args: ['order', 'submit', ...orders()], expect: [1] },
    ...['01', '02', '03'].map((m) => ({ title: 'demo.step-order-agree', args: ['order', 'agree', '--municipality', m], expect: [0] })),
    ...['01', '02', '03'].map((m) => ({ title: 'demo.step-order-form', args: ['order', 'form', '--municipality', m], expect: [0] })),
    { title: 'demo.step-order-status', args: ['order', 'status'], expect: [0] },
    ...['01', '02', '03'].map((m) => ({ title: 'demo.step-consolidate-municipality', args: ['consolidate', 'municipality', m], expect: [0] })),
    { title: 'demo.step-consolidate-region', args: ['consolidate', 'region'], expect: [0] },
    ...recommendationSteps(dir),
    ...roundTwoSteps(dir),
    { title: 'demo.step-export-specifications', args: ['export', 'specifications', '--out', path.join(dir, 'specifications')], expect: [0] },
    // The contract package (issue 17): both parties' requisites, then a contract per school × publisher with its specification as annex.
    { title: 'demo.step-registry-requisites', args: ['registry', 'requisites', path.join(REQUISITES, 'schools.csv')], expect: [0] },
    { title: 'demo.step-publisher-import', args: ['publisher', 'import', path.join(REQUISITES, 'publishers.csv')], expect: [0] },
    { title: 'demo.step-export-contracts', args: ['export', 'contracts', '--out', path.join(dir, 'contracts'), '--contract-number', '{school}/{n}-У', '--date', '01.03.2018'], expect: [0] },
    ...firstGrade(dir),
    ...admission(dir),
    { title: 'demo.step-doctor', args: ['doctor'], expect: [0] },
    { title: 'demo.step-deadlines-done', args: ['deadlines', 'done', '1', '--plan', 'textbooks', '--note', 'соглашения подписаны'], expect: [0] },
    { title: 'demo.step-deadlines-lint', args: ['deadlines', 'lint', '--plan', 'textbooks'], expect: [0] },
    // Whatever the demo left undone by 1 March is overdue, so this step may end with 1; it is the point of the step.
    { title: 'demo.step-deadlines-check', args: ['deadlines', 'check', '--as-of', AS_OF], expect: [0, 1] },
    { title: 'demo.step-status-html', args: ['status', '--as-of', AS_OF, '--html', path.join(dir, 'status.html')], expect: [0] },
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

async function demo(ctx: Ctx, target: string, invoke: Runtime['invoke']): Promise<number> {
  const dir = path.resolve(ctx.cwd, target);
  prepare(ctx, dir);
  const c = painter(ctx.color);
  const global = ['--lang', ctx.lang, ...(ctx.color ? [] : ['--no-color'])];
  let step = 0;
  const entries = steps(dir);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (typeof entry === 'function') {
      entries.splice(i--, 1, ...entry());
      continue;
    }
    const s = entry;
    step++;
    const shown = s.args
      .map((a) => (a.startsWith(FIXTURES) ? path.join('fixtures/region', path.relative(FIXTURES, a)) : a.startsWith(FIRST_GRADE) ? path.join('fixtures/first-grade', path.relative(FIRST_GRADE, a)) : a.startsWith(REQUISITES) ? path.join('fixtures/requisites', path.relative(REQUISITES, a)) : a)).map((a) => (/\s/.test(a) ? `"${a}"` : a));
    ctx.out(`\n${c.bold(`[${step}] ${ctx.t(s.title)}`)}\n${c.cyan(`$ uchebnik ${shown.join(' ')}`)}`);
    const args = s.args[0] === 'init' ? [...s.args, ...global] : [...s.args, '--workspace', dir, ...global];
    const code = await invoke(['node', 'uchebnik', ...args], ctx.streams, ctx.env, ctx.cwd);
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
      .description(describe(rt, 'demo'))
      .addHelpText('after', examples(rt, ['uchebnik demo demo-workspace', 'uchebnik demo /tmp/demo --lang en'])),
    rt,
    z.object({}),
    (ctx, _opts, [dir]) => demo(ctx, dir!, rt.invoke),
  );
}
