/**
 * `uchebnik diff` — what changed between two versions of a school's order (`--school CODE --from 1
 * --to 2`) or between two consolidation workbooks (`diff A.xlsx B.xlsx`, read from their hidden data
 * sheets, so no workspace is needed): lines added, removed and changed, with quantity and money deltas,
 * per publisher (docs/json-report.md#commands). Exit 0 when they are equal, 1 when they differ.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { useWorkspace } from '../../cli-kit/workspace.js';
import { formatMoney } from '../../core/money.js';
import { diffOrders, type DiffInputLine, type LineChange, type OrderDiff } from './order-diff.js';
import { EXIT, InputError, UsageError } from '../../core/errors.js';
import { fitted, painter, plainTable, renderJson } from '../../core/report/render.js';
import { loadOrder } from '../order/index.js';
import { loadCatalogue } from '../pricelist/index.js';
import { CONSOLIDATION_KINDS, readConsolidationFile } from '../import/index.js';

interface Sides {
  from: { label: string; lines: DiffInputLine[] };
  to: { label: string; lines: DiffInputLine[] };
  /** publisher + item key → how a person names the item */
  itemLabel: (publisher: string, key: string) => string;
  /** what the JSON says each side is */
  describe: { from: Record<string, unknown>; to: Record<string, unknown> };
}

function versionNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a version number ≥ 1');
  return n;
}

const options = z.object({ school: z.string().optional(), from: z.number().optional(), to: z.number().optional(), ...flagSchema(['json']) });
type Options = z.output<typeof options>;

async function schoolSides(ctx: Ctx, school: string, opts: Options): Promise<Sides> {
  const ws = await useWorkspace(ctx);
  const record = loadOrder(ws, school);
  if (!record) throw new UsageError('order.no-order', { school });
  const versions = record.versions.map((v) => v.version);
  const pick = (n: number) => {
    const v = record.versions.find((x) => x.version === n);
    if (!v) throw new UsageError('diff.school-no-version', { school, version: n, versions: versions.join(', ') });
    return v;
  };
  const b = pick(opts.to ?? versions[versions.length - 1]!);
  if (opts.from === undefined && b.version === versions[0]) throw new UsageError('diff.school-one-version', { school, version: b.version });
  const a = pick(opts.from ?? versions[versions.indexOf(b.version) - 1]!);
  const catalogue = loadCatalogue(ws);
  return {
    from: { label: `${school}: ${ctx.t('diff.version', { version: a.version })}`, lines: a.lines },
    to: { label: `${school}: ${ctx.t('diff.version', { version: b.version })}`, lines: b.lines },
    itemLabel: (publisher, key) => {
      const it = catalogue.byKey(publisher, key);
      return it ? `${it.item_code ?? it.fpu_code ?? ''} ${it.title}`.trim() : key;
    },
    describe: { from: { school, version: a.version, state: a.state }, to: { school, version: b.version, state: b.state } },
  };
}

async function fileSides(ctx: Ctx, files: string[]): Promise<Sides> {
  const labels = new Map<string, string>();
  const read = async (file: string) => {
    const data = await readConsolidationFile(file);
    if (!CONSOLIDATION_KINDS.includes(data.kind)) throw new InputError('diff.not-consolidation', { file, kind: data.kind });
    // A regional workbook whose detail went into part workbooks carries no lines itself: comparing it would say «no changes».
    if (data.meta['detail_workbooks']) throw new InputError('diff.detail-in-parts', { file, parts: data.meta['detail_workbooks'] });
    if (!data.checksumOk) ctx.note(ctx.t('diff.edited', { file }));
    for (const l of data.lines) {
      const label = `${l.item_code ?? l.fpu_code ?? ''} ${l.title ?? ''}`.trim();
      if (label) labels.set(`${l.publisher}\u0000${l.item_key}`, label);
    }
    const lines: DiffInputLine[] = data.lines.map((l) => ({ school: l.school, publisher: l.publisher, item_key: l.item_key, grade: l.grade, quantity: l.quantity, price_kopecks: l.price_kopecks }));
    const describe = { file, kind: data.kind, publisher: data.meta['publisher'], ...(data.meta['municipality'] ? { municipality: data.meta['municipality'] } : {}), round: Number(data.meta['round']) || undefined, edited: !data.checksumOk };
    return { label: path.basename(file), lines, describe };
  };
  const a = await read(files[0]!);
  const b = await read(files[1]!);
  return {
    from: a,
    to: b,
    itemLabel: (publisher, key) => labels.get(`${publisher}\u0000${key}`) ?? key,
    describe: { from: a.describe, to: b.describe },
  };
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function render(ctx: Ctx, sides: Sides, d: OrderDiff, bySchool: boolean): string {
  const c = painter(ctx.color);
  const money = (k: number) => formatMoney(k, ctx.lang);
  const signedMoney = (k: number) => (k > 0 ? '+' : '') + money(k);
  const parts: string[] = [];
  for (const p of d.publishers) {
    const changes: [string, LineChange][] = [
      ...p.added.map((x) => [ctx.t('diff.added'), x] as [string, LineChange]),
      ...p.removed.map((x) => [ctx.t('diff.removed'), x] as [string, LineChange]),
      ...p.changed.map((x) => [ctx.t('diff.changed'), x] as [string, LineChange]),
    ];
    if (changes.length === 0) continue;
    parts.push(c.bold(`${p.publisher}: ${signed(p.delta.copies)} / ${signedMoney(p.delta.sum_kopecks)}`));
    const head = [ctx.t('diff.col-change'), ...(bySchool ? [ctx.t('diff.col-school')] : []), ctx.t('diff.col-item'), ctx.t('diff.col-grade'), ctx.t('diff.col-qty'), ctx.t('diff.col-sum')];
    const table = plainTable(head, ctx.color);
    for (const [what, x] of changes) {
      const qty = `${x.from?.quantity ?? '—'} → ${x.to?.quantity ?? '—'} (${signed(x.delta.copies)})`;
      const sum = `${x.from ? money(x.from.sum_kopecks) : '—'} → ${x.to ? money(x.to.sum_kopecks) : '—'} (${signedMoney(x.delta.sum_kopecks)})`;
      table.push([what, ...(bySchool ? [x.school ?? ''] : []), sides.itemLabel(x.publisher, x.item_key).slice(0, 60), x.grade, qty, sum]);
    }
    parts.push(fitted(table, ctx.width));
  }
  const count = (k: 'added' | 'removed' | 'changed') => d.publishers.reduce((n, p) => n + p[k].length, 0);
  parts.push(
    d.equal
      ? ctx.t('diff.equal', { from: sides.from.label, to: sides.to.label })
      : ctx.t('diff.summary', { from: sides.from.label, to: sides.to.label, added: count('added'), removed: count('removed'), changed: count('changed'), copies: signed(d.delta.copies), sum: signedMoney(d.delta.sum_kopecks) }),
  );
  return parts.join('\n');
}

async function diff(ctx: Ctx, files: string[], opts: Options): Promise<number> {
  const school = opts.school;
  if (school ? files.length !== 0 : files.length !== 2 || opts.from !== undefined || opts.to !== undefined) throw new UsageError('diff.needs-two');
  const sides = school ? await schoolSides(ctx, school, opts) : await fileSides(ctx, files);
  const d = diffOrders(sides.from.lines, sides.to.lines);
  if (opts.json) {
    ctx.out(
      renderJson({
        from: sides.describe.from,
        to: sides.describe.to,
        equal: d.equal,
        publishers: d.publishers.map((p) => ({ ...p, added: p.added.map((x) => labelled(sides, x)), removed: p.removed.map((x) => labelled(sides, x)), changed: p.changed.map((x) => labelled(sides, x)) })),
        total: { from: d.from, to: d.to, delta: d.delta },
      }),
    );
  } else {
    ctx.out(render(ctx, sides, d, !school));
  }
  return d.equal ? EXIT.ok : EXIT.dataErrors;
}

function labelled(sides: Sides, x: LineChange): LineChange & { item: string } {
  return { ...x, item: sides.itemLabel(x.publisher, x.item_key) };
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(
      program
      .command('diff')
      .argument('[files...]', say(rt, 'два файла свода (первоначальный и уточнённый)', 'two consolidation files (initial and refined)'))
      .description(describe(rt, 'diff'))
      .option('--school <code>', say(rt, 'сравнить версии заказа этой школы', 'compare versions of this school\'s order'))
      .option('--from <n>', say(rt, 'с --school: старая версия (по умолчанию предпоследняя)', 'with --school: the old version (default: the one before the latest)'), versionNumber)
      .option('--to <n>', say(rt, 'с --school: новая версия (по умолчанию последняя)', 'with --school: the new version (default: the latest)'), versionNumber),
      rt,
      ['json'],
    ).addHelpText(
        'after',
        examples(rt, [
          'uchebnik diff --school 0412 --from 1 --to 2',
          'uchebnik diff round1/01_Просвещение.xlsx round2/01_Просвещение.xlsx',
          'uchebnik diff A.xlsx B.xlsx --json | jq .delta',
        ]),
      ),
    rt,
    options,
    (ctx, opts, files) => diff(ctx, files, opts),
  );
}
