/**
 * `uchebnik consolidate municipality CODE | region` — consolidated orders per publisher
 * (docs/file-formats.md#workbooks, plan stages 10, 11, 18, 20, 21).
 *
 * One generic workbook per publisher (workbook.ts) and, for a municipality whose
 * publisher has a registered form (`form load`), that form filled as well (src/features/forms/fill.ts, the
 * mapping onto its rows in publisher-form.ts). What the form cannot carry is a finding.
 *
 * Each run that changes the result is recorded in state/consolidations/<code|region>.json (the
 * deadlines module reads it for stages 10, 11, 20, 21). A run whose counted orders equal the last
 * run's rewrites the workbooks and records nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { changeWorkspace } from '../../cli-kit/workspace.js';
import type { Catalogue } from '../../core/model/catalogue.js';
import { ConsolidationBuilder, summarize, type Consolidation } from './consolidate.js';
import { finding, type Finding } from '../../core/finding.js';
import { AmountOverflow, formatMoney, overflowFinding } from '../../core/money.js';
import { planForm, totalGapFindings, type FormRow } from './publisher-form.js';
import { DataError, EXIT, UchebnikError, UsageError } from '../../core/errors.js';
import { t } from '../../core/i18n/index.js';
import { buildReport, type FileSummary } from '../../core/report/report.js';
import { plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { consolidationDataSheet, consolidationWorkbooks, DETAIL_LINES_PER_WORKBOOK, schoolOf, when, writeConsolidationWorkbooks, type WorkbookInput } from './workbook.js';
import { dataSheetRows } from '../../io/sheets/data-sheet.js';
import { fillForm } from '../forms/index.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { fsyncDir, ioFailure, isErrno, isoWithOffset, makeDirs } from '../../io/workspace/io.js';
import { removeStale, restoreInterruptedSwap, siblingName, swapIntoPlace } from '../../io/workspace/swap.js';
import { isWithin, OutputFolder, toPosix } from '../../io/workspace/paths.js';
import { fileSha256 } from '../../io/workspace/inputs.js';
import { consolidationKey, loadConsolidation, saveConsolidation, type ConsolidationRun } from './store.js';
import { countOrders } from './read-orders.js';
import { loadForm, type StoredForm } from '../forms/index.js';
import { loadCatalogue } from '../pricelist/index.js';
import { loadRegistry } from '../registry/index.js';

// ---------------------------------------------------------------- the publisher's form

interface FilledForm {
  publisher: string;
  file: string;
  recipients: number;
  /** recipients for whom columns were added after the form's own */
  added: number;
}

/** Fills the publisher's registered form; what it cannot carry, or a form that cannot be filled, is a finding. */
async function fillPublisherForm(ws: Workspace, form: StoredForm, input: WorkbookInput, catalogue: Catalogue, file: string): Promise<{ filled?: FilledForm; findings: Finding[]; checked: FileSummary }> {
  const { publisher: p, registry } = input;
  const { layout } = form;
  const rows: FormRow[] = layout.items.map((it) => {
    const found = catalogue.lookup({ publisher: p.publisher, item_code: it.item_code, fpu_code: it.item_code ? undefined : it.fpu_code, title: it.title });
    return { row: it.row, key: found.kind === 'found' ? found.item.key : undefined, grade: it.grade, price_kopecks: it.price_kopecks };
  });
  const school = (code: string) => {
    const s = schoolOf(registry, code);
    return { name: s?.short_name ?? code, inn: s?.inn };
  };
  const plan = planForm(p, rows, school, { file, sheet: layout.sheet }, layout.columns.price);
  const data = consolidationDataSheet(input);
  try {
    const result = await fillForm(path.join(ws.root, form.source.stored), file, { layout, recipients: plan.recipients, dataSheet: dataSheetRows(data.meta, data.columns, data.rows), writtenAt: new Date(input.at) });
    plan.findings.push(...totalGapFindings(result.notExtended, { file, sheet: layout.sheet }));
    return { filled: { publisher: p.publisher, file, recipients: plan.recipients.length, added: result.added }, findings: plan.findings, checked: { file, rows: layout.items.length } };
  } catch (err) {
    if (!(err instanceof UchebnikError) || err.exitCode !== EXIT.input) throw err;
    return { findings: [finding('form-fill-failed', 'error', { file: form.source.file }, { publisher: p.publisher, reason: t(input.lang, err.key, err.params) })], checked: { file: form.source.file, rows: layout.items.length } };
  }
}

// ---------------------------------------------------------------- the command

/**
 * Detail parts an earlier run wrote beyond the `written - 1` of this one (the region shrank, or a
 * larger --detail-lines): left in the folder, `import *.xlsx` would read them with the new files.
 * Parts are numbered from 1 without gaps, so the first missing number ends the search.
 */
function removeStaleParts(partFile: (n: number) => string, written: number): void {
  for (let n = Math.max(1, written); ; n++) {
    try {
      fs.unlinkSync(partFile(n));
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return;
      throw ioFailure(err, 'write', partFile(n));
    }
  }
}

/**
 * Writes a run's workbooks in a hidden sibling of `target`, then puts them in place (issue 22: a
 * consolidation killed while writing left new and old publisher workbooks side by side, and its record
 * the old run). Its own folder (out/consolidation/<scope>) is swapped whole, so it holds the previous
 * run or this one, never a mix; into a folder of the user's (--out), which may hold other
 * municipalities' files, each finished workbook is renamed in at the end.
 */
async function inStaging<T>(target: string, ownFolder: boolean, write: (dir: string) => Promise<T>): Promise<T & { dir: string }> {
  await makeDirs(path.dirname(target));
  await removeStale(target);
  if (ownFolder) await restoreInterruptedSwap(target, () => true);
  const staging = path.join(path.dirname(target), siblingName(path.basename(target), 'export'));
  await makeDirs(staging);
  try {
    const result = await write(staging);
    await fsyncDir(staging);
    if (ownFolder) await swapIntoPlace(staging, target);
    else {
      await makeDirs(target);
      for (const name of await fsp.readdir(staging)) await fsp.rename(path.join(staging, name), path.join(target, name));
      await fsyncDir(target);
      await fsp.rm(staging, { recursive: true, force: true });
    }
    return { ...result, dir: staging };
  } catch (err) {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/** What was counted, for telling a new run from a repeat of the last one. */
function digestOf(builder: ConsolidationBuilder): string {
  const h = createHash('sha256');
  for (const part of builder.digestParts()) h.update(part);
  return h.digest('hex');
}

interface Outcome {
  consolidation: Consolidation;
  files: string[];
  forms: FilledForm[];
  findings: Finding[];
  /** the publishers' forms looked at, for the report */
  checked: FileSummary[];
  run: number;
  recorded: boolean;
  previousAt?: string;
}

/** Both commands write into --out and report with --json; the region's detail may be split (--detail-lines). */
const municipalityOptions = z.object({ out: z.string().optional(), ...flagSchema(['json']) });
const regionOptions = municipalityOptions.extend({ detailLines: z.string().optional() });
type Options = z.output<typeof regionOptions>;

async function consolidateCommand(ctx: Ctx, code: string | undefined, opts: Options): Promise<number> {
  const scope = code === undefined ? 'region' : 'municipality';
  const detailLines = opts.detailLines === undefined ? DETAIL_LINES_PER_WORKBOOK : Number(opts.detailLines);
  if (!Number.isSafeInteger(detailLines) || detailLines < 1) throw new UsageError('consolidate.detail-lines-invalid', { value: opts.detailLines ?? '' });
  let outcome: Outcome;
  try {
    outcome = await consolidateInWorkspace(ctx, code, scope, detailLines, opts);
  } catch (err) {
    // An ISBN in a price column makes sums no one can add: the data's fault, reported, nothing written.
    if (!(err instanceof AmountOverflow)) throw err;
    const report = buildReport([], [overflowFinding(err)], ctx.lang);
    ctx.out(opts.json ? renderJson(report) : renderReportTable(report, ctx));
    return EXIT.dataErrors;
  }
  return reportOutcome(ctx, code, scope, outcome, opts);
}

function consolidateInWorkspace(ctx: Ctx, code: string | undefined, scope: 'region' | 'municipality', detailLines: number, opts: Options): Promise<Outcome> {
  return changeWorkspace<Outcome>(ctx, `consolidate ${scope}`, async (ws) => {
    const registry = loadRegistry(ws);
    const catalogue = loadCatalogue(ws);
    // Orders are read one at a time, on two threads (read-orders.ts), and only their counted lines kept (school-lines.ts).
    const builder = new ConsolidationBuilder(code === undefined ? 'region' : 'municipality', code, catalogue, registry);
    await countOrders(ws, builder, ctx.env.UCHEBNIK_THREADS);
    if (code !== undefined && !registry.municipalities.some((m) => m.code === code) && !builder.hasOrdersOf(code)) {
      throw new UsageError('consolidate.municipality-unknown', { code, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
    }
    // What was counted, as added: finish() puts the lines in their order.
    const digest = digestOf(builder);
    const c = builder.finish();
    if (c.missing.length) ctx.note(ctx.t('consolidate.missing', { count: c.missing.length, schools: c.missing.join(', ') }));
    if (c.publishers.length === 0) throw new DataError(code === undefined ? 'consolidate.nothing-region' : 'consolidate.nothing-municipality', { code });

    const stored = loadConsolidation(ws, code);
    const last = stored?.runs[stored.runs.length - 1];
    // A repeat of the last count is not a new run: its workbooks are written with that run's time,
    // so that the same count in the same folder gives the same bytes (and the record stays as it is).
    const repeat = stored !== undefined && last !== undefined && last.digest === digest;
    const at = repeat ? last.at : isoWithOffset(new Date(), ws.config.campaign.timezone);
    // Named by the municipality's key, not its code as written: «77 01» and «77_01» get two folders
    // and two sets of workbooks, also in one --out folder (issue #22).
    const stem = consolidationKey(code);
    const target = opts.out !== undefined ? path.resolve(ctx.cwd, opts.out) : ws.outPath('consolidation', stem);
    const written = await inStaging(target, opts.out === undefined, async (dir) => {
      /** every file written with the note that says so, in the order written */
      const files: { file: string; sha256?: string; note: (file: string) => string }[] = [];
      const forms: FilledForm[] = [];
      const findings: Finding[] = [];
      const checked: FileSummary[] = [];
      // Every file name through paths.ts OutputFolder: safe, bounded, unique in the folder, kept inside it.
      const names = new OutputFolder(dir);
      // Every publisher's workbooks are named first, then written together: the worker that writes
      // their large sheets with this thread goes from one to the next (parts-in-turns.ts).
      const planned = c.publishers.map((p) => {
        const input: WorkbookInput = { consolidation: c, publisher: p, registry, campaign: ws.config.campaign, at, lang: ctx.lang };
        const detailName = (n: number) => `${stem} ${p.publisher} ${ctx.t('consolidate.detail-file', { n: String(n).padStart(2, '0') })}`;
        const workbooks = consolidationWorkbooks(names.file(`${stem} ${p.publisher}`, '.xlsx'), input, (n) => names.file(detailName(n), '.xlsx'), detailLines);
        const form = code === undefined ? undefined : loadForm(ws, p.publisher);
        return { p, input, workbooks, detailName, form, formFile: form && names.file(`${stem} ${p.publisher} ${ctx.t('consolidate.form-file')}`, '.xlsx') };
      });
      const hashes = await writeConsolidationWorkbooks(
        planned.flatMap((x) => x.workbooks),
        ctx.env.UCHEBNIK_THREADS,
      );
      for (const { p, input, workbooks, detailName, form, formFile } of planned) {
        for (const w of workbooks) files.push({ file: w.file, sha256: hashes.get(w.file), note: (at) => ctx.t('consolidate.written', { publisher: p.publisher, file: at }) });
        // Parts of an earlier run beyond this one's, in a folder shared with other files (--out).
        if (opts.out !== undefined) removeStaleParts((n) => path.join(target, path.basename(names.name(detailName(n), '.xlsx'))), workbooks.length);
        if (!form || !formFile) continue;
        const result = await fillPublisherForm(ws, form, input, catalogue, formFile);
        findings.push(...result.findings);
        checked.push(result.checked);
        if (!result.filled) continue;
        const filled = result.filled;
        forms.push({ ...filled, file: path.join(target, path.relative(dir, filled.file)) });
        files.push({ file: formFile, note: (at) => ctx.t(filled.added ? 'consolidate.form-written-added' : 'consolidate.form-written', { publisher: p.publisher, file: at, recipients: filled.recipients, added: filled.added }) });
      }
      return { files, forms, findings, checked };
    });
    const { forms, findings, checked } = written;
    // Where each file is now that the folder is in place.
    const files = written.files.map((w) => path.join(target, path.relative(written.dir, w.file)));
    written.files.forEach((w, i) => ctx.note(w.note(files[i]!)));
    const relative = files.map((f) => (isWithin(ws.root, f) ? toPosix(path.relative(ws.root, f)) : f));

    const sha256: Record<string, string> = {};
    // A workbook's from the bytes written; a filled publisher form's read back.
    for (let i = 0; i < files.length; i++) sha256[relative[i]!] = written.files[i]!.sha256 ?? (await fileSha256(files[i]!));
    if (repeat && JSON.stringify(last.files) === JSON.stringify(relative) && JSON.stringify(last.sha256) === JSON.stringify(sha256)) {
      return { changed: [], result: { consolidation: c, files, forms, findings, checked, run: stored.runs.length, recorded: false, previousAt: last.at } };
    }
    // A repeat whose folder differs from the record (another --out, --detail-lines or language, or the
    // folder changed since): the run keeps its place, with the files written now.
    const run: ConsolidationRun = repeat ? { ...last, files: relative, sha256 } : { at, round: c.round, publishers: summarize(c), total: c.total, schools: c.schools.length, digest, files: relative, sha256 };
    const saved = await saveConsolidation(ws, code, {
      scope,
      ...(code !== undefined ? { municipality: code } : {}),
      runs: [...(stored?.runs ?? []).slice(0, repeat ? -1 : undefined), run],
    });
    if (repeat) return { changed: [saved], result: { consolidation: c, files, forms, findings, checked, run: stored.runs.length, recorded: false, previousAt: last.at } };
    const runs = (stored?.runs.length ?? 0) + 1;
    return {
      changed: [saved, ...relative.filter((f) => !path.isAbsolute(f))],
      journal: { scope, ...(code !== undefined ? { municipality: code } : {}), run: runs, round: c.round, total: c.total },
      result: { consolidation: c, files, forms, findings, checked, run: runs, recorded: true },
    };
  });
}

function reportOutcome(ctx: Ctx, code: string | undefined, scope: 'region' | 'municipality', outcome: Outcome, opts: Options): number {
  const c = outcome.consolidation;
  const scopeText = code === undefined ? ctx.t('consolidate.scope-region') : ctx.t('consolidate.scope-municipality', { code });
  ctx.note(
    outcome.recorded
      ? ctx.t('consolidate.recorded', { scope: scopeText, run: outcome.run, round: c.round, schools: c.schools.length })
      : ctx.t('consolidate.unchanged', { at: when(outcome.previousAt ?? '') }),
  );
  const publishers = summarize(c);
  const report = buildReport(outcome.checked, outcome.findings, ctx.lang);
  const exit = report.ok ? EXIT.ok : EXIT.dataErrors;
  if (opts.json) {
    ctx.out(
      renderJson({
        scope,
        ...(code !== undefined ? { municipality: code } : {}),
        round: c.round,
        schools: c.schools.length,
        missing: c.missing,
        publishers,
        total: c.total,
        files: outcome.files,
        forms: outcome.forms,
        ok: report.ok,
        findings: report.findings,
      }),
    );
    return exit;
  }
  const table = plainTable([ctx.t('consolidate.col-publisher'), ctx.t('consolidate.col-lines'), ctx.t('consolidate.col-schools'), ctx.t('consolidate.col-copies'), ctx.t('consolidate.col-sum')], ctx.color);
  for (const p of publishers) table.push([p.publisher, p.lines, p.schools, p.copies, formatMoney(p.sum_kopecks, ctx.lang)]);
  table.push([ctx.t('consolidate.total'), '', c.schools.length, c.total.copies, formatMoney(c.total.sum_kopecks, ctx.lang)]);
  ctx.out(table.toString());
  if (outcome.findings.length) ctx.out(renderReportTable(report, ctx));
  return exit;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program
    .command('consolidate')
    .description(describe(rt, 'consolidate'));
  const common = (c: Command) =>
    commonFlags(c.option('--out <dir>', say(rt, 'папка для книг (по умолчанию out/consolidation/… в рабочей папке)', 'folder for the workbooks (default out/consolidation/… in the workspace)')), rt, ['json']);
  act(
    common(
      cmd
        .command('municipality')
        .argument('<code>', say(rt, 'код муниципалитета', 'municipality code'))
        .description(say(rt, 'свод сформированных заказов школ муниципалитета: книга на издательство, лист для подписи', 'the formed orders of a municipality\'s schools: a workbook per publisher, with a sheet for signatures')),
    ).addHelpText('after', examples(rt, ['uchebnik consolidate municipality 01', 'uchebnik consolidate municipality 01 --out to-region/', 'uchebnik consolidate municipality 01 --json | jq .total'])),
    rt,
    municipalityOptions,
    (ctx, opts, [code]) => consolidateCommand(ctx, code!, opts),
  );
  act(
    common(
      cmd
        .command('region')
        .description(say(rt, 'свод региона: муниципалитеты в столбцах, детализация по школам', 'the region\'s consolidation: municipalities as columns, with the per-school detail'))
        .option(
          '--detail-lines <n>',
          say(
            rt,
            `больше строк по школам в книге издательства не пишется: детализация делится на книги по муниципалитетам (по умолчанию ${DETAIL_LINES_PER_WORKBOOK}; лист Excel вмещает 1 048 576 строк)`,
            `most per-school lines a publisher's workbook carries: beyond it the detail goes into workbooks by municipality (default ${DETAIL_LINES_PER_WORKBOOK}; an Excel sheet holds 1,048,576 rows)`,
          ),
        ),
    ).addHelpText('after', examples(rt, ['uchebnik consolidate region', 'uchebnik consolidate region --json', 'uchebnik consolidate region --detail-lines 100000'])),
    rt,
    regionOptions,
    (ctx, opts) => consolidateCommand(ctx, undefined, opts),
  );
}
