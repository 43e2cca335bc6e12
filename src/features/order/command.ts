/**
 * `uchebnik order template|validate|submit|agree|form|status|history` — school orders and their
 * basket lifecycle (docs/file-formats.md#orders, plan stages 7–9 and 16–19).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { finishValidation, unreadableFinding, validationExit, validationReport, type CheckedFile } from '../../cli-kit/validate.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readOptions, readerFlags, readerOptions, type ReaderOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { progress } from '../../cli-kit/progress.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { Catalogue } from '../../core/model/catalogue.js';
import { formatMoney } from '../../core/money.js';
import { agree, form, formedVersion, latest, statusSummary, type OrderRecord, type Transition } from '../../core/model/order-lifecycle.js';
import type { Registry } from '../../core/model/registry.js';
import { EXIT, UsageError, DataError } from '../../core/errors.js';
import { fitted, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { isoWithOffset, makeDirsSync } from '../../io/workspace/io.js';
import type { Workspace } from '../../io/workspace/index.js';
import { OutputFolder } from '../../io/workspace/paths.js';
import { currentVersion, loadCatalogueItems, loadPriceLists } from '../pricelist/index.js';
import { WorkerPool, workersFor } from '../../io/parallel/pool.js';
import { checkOrderFile, type CheckInit, type CheckOptions, type FileCheck } from './check-file.js';
import { loadOrder, loadOrders, saveOrder } from './store.js';
import { loadRegistry } from '../registry/index.js';
import { SubmitStore } from './submit.js';
import { Slots } from './slots.js';
import { registerReturn } from './return.js';

type Checked = FileCheck;

/** The options of every command that reads order files (`validate`, `submit`). */
const fileOptions = readerOptions.extend({ school: z.string().optional(), strict: z.boolean().optional(), ...flagSchema(['json']) });
type FileOptions = z.output<typeof fileOptions>;

/** How many worker threads check `count` files (0: this thread). */
function checkThreads(ctx: Ctx, count: number): number {
  // Workers load the compiled modules; run from the TypeScript sources (the tests), the work stays here.
  return import.meta.url.endsWith('.js') ? workersFor(count, ctx.env.UCHEBNIK_THREADS) : 0;
}

type CheckPool = WorkerPool<CheckInit, string, FileCheck>;

/**
 * The worker threads that will check `count` files (none for a few: they are checked in this thread),
 * started first, so that loading their modules overlaps with this thread reading the workspace.
 */
async function withCheckers<X>(ctx: Ctx, count: number, run: (pool: CheckPool | undefined) => Promise<X>): Promise<X> {
  const threads = checkThreads(ctx, count);
  if (ctx.debug) ctx.note(`order: ${count} files, ${threads > 0 ? `${threads} worker threads` : 'this thread'}`);
  const pool = threads > 0 ? new WorkerPool<CheckInit, string, FileCheck>(new URL('./check-worker.js', import.meta.url), threads) : undefined;
  try {
    return await run(pool);
  } finally {
    await pool?.close();
  }
}

/**
 * Reads and validates every file, on every core when there are enough files (check-worker.ts),
 * else here; the results come in the order of the files either way. `lines`: keep each file's order
 * lines (submit stores them; validate needs only the findings). With workers, `onResult` hears
 * of each file as soon as it is checked (in any order), while the workers go on with the next ones;
 * once `signal` aborts, the files not yet checked are left out and the result has holes.
 */
async function checkFiles(
  ctx: Ctx,
  ws: Workspace,
  files: string[],
  opts: FileOptions,
  pool: CheckPool | undefined,
  live: { lines: boolean; onResult?: (i: number, c: FileCheck) => void; signal?: AbortSignal },
  registry: Registry = loadRegistry(ws),
): Promise<{ checked: Checked[]; registry: Registry; catalogue: Catalogue }> {
  const items = loadCatalogueItems(ws);
  const catalogue = new Catalogue(items);
  if (catalogue.size === 0) ctx.note(ctx.t('order.no-catalogue'));
  const check: CheckOptions = {
    school: opts.school,
    sheet: opts.sheet,
    map: opts.map,
    read: readOptions(opts),
    strict: opts.strict === true,
    reserve_percent: ws.config.settings.reserve_percent,
    lines: live.lines,
  };
  const bar = progress(ctx, files.length);
  let results: FileCheck[];
  if (pool) {
    results = await pool.map({ registry, items, opts: check }, files, {
      signal: live.signal,
      onResult: (i, c) => {
        bar.tick(files[i]!);
        live.onResult?.(i, c);
      },
    });
  } else {
    results = [];
    for (const file of files) {
      bar.tick(file);
      results.push(await checkOrderFile(file, registry, catalogue, check));
    }
  }
  bar.done();
  if (live.signal?.aborted) return { checked: results, registry, catalogue };
  // One broken file among many is reported and the rest still validated (exit 3 only if none could be read).
  for (const c of results) if (c.unreadable) c.findings = [unreadableFinding(ctx, c.file, { key: c.unreadable.key, params: c.unreadable.params as never })];
  return { checked: results, registry, catalogue };
}

/** What the shared validate pipeline (src/cli-kit/validate.ts) needs of a checked order file. */
function asChecked(c: Checked): CheckedFile {
  return { file: c.file, rows: c.read?.dataRows ?? 0, findings: c.findings, format: c.read?.format };
}

const validateOptions = fileOptions.extend(flagSchema(['annotate']));

async function validate(ctx: Ctx, files: string[], opts: z.output<typeof validateOptions>): Promise<number> {
  const { checked } = await withCheckers(ctx, files.length, async (pool) => checkFiles(ctx, await useWorkspace(ctx), files, opts, pool, { lines: false }));
  return finishValidation(ctx, checked.map(asChecked), { json: opts.json, annotate: opts.annotate, read: readOptions(opts) }, () => {
    for (const c of checked) if (c.validation?.skipped.students) ctx.note(ctx.t('order.students-skipped', { file: c.file }));
  });
}

/**
 * With worker threads (many files), the workspace is locked first and each accepted file is stored
 * as soon as it has been checked, while the workers check the next ones. In this thread (a few
 * files), every file is checked first and the lock taken only to store them, as briefly as before.
 */
const submitOptions = fileOptions.extend(flagSchema(['force']));

async function submit(ctx: Ctx, files: string[], opts: z.output<typeof submitOptions>): Promise<number> {
  return withCheckers(ctx, files.length, (pool) => submitChecked(ctx, files, opts, pool));
}

async function submitChecked(ctx: Ctx, files: string[], opts: z.output<typeof submitOptions>, pool: CheckPool | undefined): Promise<number> {
  const force = opts.force === true;
  let checked: Checked[] = [];
  let refused = 0;
  if (pool) {
    await changeWorkspace(ctx, 'order submit', async (ws) => {
      const registry = loadRegistry(ws);
      const store = new SubmitStore(ctx, ws, registry, force, files.length);
      const checking = checkFiles(ctx, ws, files, opts, pool, { lines: true, onResult: (i, c) => store.checked(i, c), signal: store.abort.signal }, registry);
      const { result, changed, submitted } = await store.finish(checking);
      checked = result.checked;
      refused = store.refused;
      return { changed, journal: { submitted }, result: undefined };
    });
  } else {
    const result = await checkFiles(ctx, await useWorkspace(ctx), files, opts, undefined, { lines: true });
    checked = result.checked;
    await changeWorkspace(ctx, 'order submit', async (ws) => {
      const store = new SubmitStore(ctx, ws, result.registry, force, files.length);
      checked.forEach((c, i) => store.checked(i, c));
      const { changed, submitted } = await store.finish(Promise.resolve());
      refused = store.refused;
      return { changed, journal: { submitted }, result: undefined };
    });
  }
  const files_ = checked.map(asChecked);
  const report = validationReport(ctx, files_);
  ctx.out(opts.json ? renderJson(report) : renderReportTable(report, ctx));
  const exit = validationExit(files_, report);
  return exit === EXIT.ok && refused > 0 ? EXIT.dataErrors : exit;
}

/** agree / form for one school or every school of a municipality in the state that allows it. */
/** How many orders `order agree` / `order form` save at once (as `order submit` stores its files). */
const SAVES_AT_ONCE = 4;

const transitionOptions = z.object({ ...flagSchema(['school']), municipality: z.string().optional(), all: z.boolean().optional() });

async function transition(ctx: Ctx, command: 'order agree' | 'order form', step: typeof agree, opts: z.output<typeof transitionOptions>): Promise<number> {
  const schoolCode = opts.school;
  const muni = opts.municipality;
  const all = opts.all === true;
  if ([schoolCode !== undefined, muni !== undefined, all].filter(Boolean).length !== 1) throw new UsageError('order.school-or-municipality');
  let refusedCount = 0;
  await changeWorkspace(ctx, command, async (ws) => {
    const registry = loadRegistry(ws);
    const now = isoWithOffset(new Date(), ws.config.campaign.timezone);
    let targets: (OrderRecord | undefined)[];
    if (schoolCode) {
      const record = loadOrder(ws, schoolCode);
      if (!registry.schools.some((s) => s.code === schoolCode) && !record) throw new UsageError('order.school-unknown', { school: schoolCode });
      targets = [record];
    } else {
      if (muni !== undefined && !registry.municipalities.some((m) => m.code === muni)) throw new UsageError('registry.municipality-unknown', { code: muni, known: registry.municipalities.map((m) => m.code).join(', ') });
      // Every order is read once here, not again per school: a region's 700 orders are 50 MB of JSON.
      targets = loadOrders(ws).filter((r) => all || r.municipality === muni);
    }
    const done: string[] = [];
    // Each save waits mostly on the disk (an atomic write: two fsyncs); a few at once overlap those waits.
    const slots = new Slots(SAVES_AT_ONCE);
    const saving: Promise<string>[] = [];
    for (const record of targets) {
      const code = record?.school ?? schoolCode!;
      const t: Transition = step(record, now);
      // For a municipality or the region, schools not yet in the right state are simply not ready; for one school it is a refusal.
      if (t.kind === 'refused') {
        if (schoolCode) {
          refusedCount++;
          ctx.note(ctx.t(t.message, { school: code, ...t.params }));
        }
        continue;
      }
      ctx.note(ctx.t(t.message, t.params));
      if (t.kind === 'changed') {
        const record = t.record;
        saving.push(slots.run(() => saveOrder(ws, record)));
        done.push(code);
      }
    }
    // Every save ends before the lock is let go, a failed one included; the first failure is the error.
    const saved = await Promise.allSettled(saving);
    const failed = saved.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const changed = saved.map((r) => (r as PromiseFulfilledResult<string>).value);
    if (muni) ctx.note(ctx.t('order.municipality-done', { municipality: muni, count: done.length }));
    if (all) ctx.note(ctx.t('order.region-done', { count: done.length }));
    return { changed, journal: { schools: done }, result: undefined };
  });
  if (refusedCount) throw new DataError('order.transition-refused', { count: refusedCount });
  return EXIT.ok;
}

const statusOptions = z.object(flagSchema(['municipality', 'json']));

async function status(ctx: Ctx, opts: z.output<typeof statusOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const summary = statusSummary(loadOrders(ws), loadRegistry(ws), opts.municipality);
  if (opts.json) {
    ctx.out(renderJson(summary));
    return EXIT.ok;
  }
  const table = plainTable([ctx.t('registry.col-municipality'), ctx.t('registry.col-schools'), ctx.t('order.state-none'), ctx.t('order.state-draft'), ctx.t('order.state-returned'), ctx.t('order.state-agreed'), ctx.t('order.state-formed')], ctx.color);
  for (const m of summary.municipalities) table.push([m.municipality, m.schools, m.none, m.draft, m.returned, m.agreed, m.formed]);
  ctx.out(fitted(table, ctx.width));
  if (opts.municipality) {
    const list = plainTable([ctx.t('registry.col-code'), ctx.t('order.col-state'), ctx.t('order.col-version'), ctx.t('order.col-reason')], ctx.color);
    for (const s of summary.schools) list.push([s.code, ctx.t(`order.state-${s.state}`), s.version ?? '—', s.return_reason ?? '']);
    ctx.out(fitted(list, ctx.width));
  }
  return EXIT.ok;
}

const historyOptions = z.object({ school: z.string(), ...flagSchema(['json']) });

async function history(ctx: Ctx, opts: z.output<typeof historyOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const record: OrderRecord | undefined = loadOrder(ws, opts.school);
  if (!record) throw new UsageError('order.no-order', { school: opts.school });
  if (opts.json) {
    // formed_version: the version consolidation counts (the latest formed one), which a newer draft does not replace.
    ctx.out(
      renderJson({
        school: record.school,
        municipality: record.municipality,
        formed_version: formedVersion(record)?.version ?? null,
        versions: record.versions.map(({ lines, ...v }) => ({ ...v, lines: lines.length })),
      }),
    );
    return EXIT.ok;
  }
  const table = plainTable([ctx.t('order.col-version'), ctx.t('order.col-state'), ctx.t('order.col-submitted'), ctx.t('order.col-agreed'), ctx.t('order.col-formed'), ctx.t('order.col-file'), ctx.t('order.col-copies'), ctx.t('order.col-sum')], ctx.color);
  const when = (s?: string) => (s ? s.slice(0, 16).replace('T', ' ') : '');
  for (const v of record.versions) {
    table.push([v.version + (v.forced ? ' !' : ''), ctx.t(`order.state-${v.state}`), when(v.submitted_at), when(v.agreed_at), when(v.formed_at), `${v.source.file}\n${v.source.sha256.slice(0, 12)}`, v.totals.copies, formatMoney(v.totals.sum_kopecks, ctx.lang)]);
  }
  ctx.out(fitted(table, ctx.width));
  const last = latest(record);
  if (last) ctx.out(ctx.t('order.history-latest', { school: record.school, version: last.version, state: ctx.t(`order.state-${last.state}`) }));
  return EXIT.ok;
}

const templateOptions = z.object({ ...flagSchema(['school']), all: z.boolean().optional(), ...flagSchema(['municipality']), out: z.string().optional() });

async function template(ctx: Ctx, opts: z.output<typeof templateOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const items = loadPriceLists(ws).flatMap((p) => currentVersion(p).items);
  if (items.length === 0) throw new DataError('order.no-catalogue-template');
  const { writeOrderTemplate } = await import('./template.js');
  let schools = registry.schools;
  /** the folder of `--all` */
  let dir: string | undefined;
  if (opts.all) {
    if (opts.out === undefined) throw new UsageError('order.all-needs-out');
    dir = path.resolve(ctx.cwd, opts.out);
    if (opts.municipality) schools = schools.filter((s) => s.municipality === opts.municipality);
  } else {
    const school = schools.find((s) => s.code === opts.school);
    if (!opts.school || !school) throw new UsageError('order.school-unknown', { school: opts.school ?? '' });
    schools = [school];
  }
  // A school code is data from the registry (an outside file): its file name goes through paths.ts
  // OutputFolder — safe, bounded, unique in the folder, checked to stay inside it (issue #22) — and is
  // the school's own (`77 01` → 77_01_<hash>.xlsx, `77_01` → 77_01.xlsx) so that separate runs of
  // `--school` into one folder never overwrite each other's forms.
  // Only an --out FILE given for one school is the user's own path, taken as given.
  const folder = new OutputFolder(dir ?? ctx.cwd);
  if (dir) makeDirsSync(folder.dir);
  const bar = progress(ctx, schools.length);
  for (const school of schools) {
    bar.tick(school.code);
    const out = !dir && opts.out !== undefined ? path.resolve(ctx.cwd, opts.out) : folder.file(school.code, '.xlsx', { distinct: true });
    makeDirsSync(path.dirname(out));
    const municipalityName = registry.municipalities.find((m) => m.code === school.municipality)?.name ?? school.municipality;
    const last = latest(loadOrder(ws, school.code));
    const returnReason = last?.state === 'returned' ? last.return_reason : undefined;
    await writeOrderTemplate(out, { school, municipalityName, campaign: ws.config.campaign, items, lang: ctx.lang, returnReason });
    if (!dir) ctx.note(ctx.t('order.template-written', { school: school.code, out, items: items.length }));
  }
  bar.done();
  if (dir) ctx.note(ctx.t('order.templates-written', { count: schools.length, dir }));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program.command('order').description(describe(rt, 'order'));
  const fileFlags = (c: Command) =>
    commonFlags(
      readerFlags(c, rt)
        .option('--school <code>', say(rt, 'код школы (иначе из ячейки «Код ОО:» или имени файла)', 'school code (else from the «Код ОО:» cell or the file name)'))
        .option('--strict', say(rt, 'превышение контингента — ошибка, а не предупреждение', 'quantities above students are errors, not warnings')),
      rt,
      ['json'],
    );
  act(
    commonFlags(
      commonFlags(
        cmd.command('template').description(say(rt, 'бланк заказа школы со всеми позициями текущих прайс-листов', 'a school\'s order form with every item of the current price lists')),
        rt,
        ['school'],
      ).option('--all', say(rt, 'бланки всех школ (или муниципалитета) в папку --out', 'forms for every school (or of a municipality) into --out')),
      rt,
      ['municipality'],
    )
      .option('--out <path>', say(rt, 'файл (или папка с --all)', 'file (or folder with --all)'))
      .addHelpText('after', examples(rt, ['uchebnik order template --school 0412 --out 0412.xlsx', 'uchebnik order template --all --municipality 04 --out forms/'])),
    rt,
    templateOptions,
    (ctx, opts) => template(ctx, opts),
  );
  act(
    commonFlags(
      fileFlags(
        cmd
          .command('validate')
          .argument('<files...>', say(rt, 'файлы заказов', 'order files'))
          .description(say(rt, 'проверить заказы школ, ничего не меняя (код 1 — есть ошибки)', 'check school orders without changing anything (exit 1 on errors)')),
      ),
      rt,
      ['annotate'],
    ).addHelpText('after', examples(rt, ['uchebnik order validate incoming/*.xlsx', 'uchebnik order validate 0412.xlsx --annotate checked/', 'uchebnik order validate *.csv --strict --json > report.json'])),
    rt,
    validateOptions,
    (ctx, opts, files) => validate(ctx, files, opts),
  );
  act(
    commonFlags(
      fileFlags(
        cmd
          .command('submit')
          .argument('<files...>', say(rt, 'файлы заказов', 'order files'))
          .description(say(rt, 'сохранить заказ как новую версию (черновик); с ошибками — только с --force', 'store the order as a new version (draft); with errors only with --force')),
      ),
      rt,
      ['force'],
    ).addHelpText('after', examples(rt, ['uchebnik order submit 0412.xlsx', 'uchebnik order submit incoming/*.xlsx --force'])),
    rt,
    submitOptions,
    (ctx, opts, files) => submit(ctx, files, opts),
  );
  for (const [name, step, ru, en] of [
    ['agree', agree, 'согласовать заказ (специалист УО)', 'agree an order (municipal specialist)'],
    ['form', form, '«Сформировать заказ» для согласованного заказа', '«Сформировать заказ» for an agreed order'],
  ] as const) {
    act(
      commonFlags(cmd.command(name).description(say(rt, ru, en)), rt, ['school'])
        .option('--municipality <code>', say(rt, 'все готовые школы муниципалитета', 'every ready school of a municipality'))
        .option('--all', say(rt, 'все готовые школы региона', 'every ready school of the region'))
        .addHelpText('after', examples(rt, [`uchebnik order ${name} --school 0412`, `uchebnik order ${name} --municipality 04`, `uchebnik order ${name} --all`])),
      rt,
      transitionOptions,
      (ctx, opts) => transition(ctx, `order ${name}`, step, opts),
    );
  }
  act(
    commonFlags(cmd.command('status').description(say(rt, 'состояние заказов по муниципалитетам', 'order states per municipality')), rt, ['municipality', 'json']).addHelpText(
      'after',
      examples(rt, ['uchebnik order status', 'uchebnik order status --municipality 04 --json']),
    ),
    rt,
    statusOptions,
    (ctx, opts) => status(ctx, opts),
  );
  act(
    commonFlags(cmd.command('history').description(say(rt, 'все версии заказа школы', 'every version of a school\'s order')), rt, ['school', 'json'], { required: ['school'] }).addHelpText(
      'after',
      examples(rt, ['uchebnik order history --school 0412']),
    ),
    rt,
    historyOptions,
    (ctx, opts) => history(ctx, opts),
  );
  registerReturn(cmd, rt);
}
