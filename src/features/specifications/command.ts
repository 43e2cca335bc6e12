/**
 * `uchebnik export specifications` — the specification package of plan stage 22 (docs/file-formats.md#specifications):
 * for every school and publisher with a formed order, a print-ready specification workbook in
 * `DIR/<municipality>/<school>/<publisher>.xlsx`, a `manifest.csv` with each file's figures and sha256,
 * a per-publisher `summary.csv`, and with `--zip` one archive of all of it. With `--manifest-only` the
 * same package folder without the workbooks: manifest.csv and summary.csv with the same rows and
 * totals, each row naming the file its workbook would be, its sha256 empty (a whole country's 200,000
 * rows in about two minutes; no specification exists afterwards, so stage 22 is not marked done).
 *
 * The package is built in a hidden sibling folder and renamed into place only when complete, so an
 * interrupted export leaves the previous package (or nothing) and never a manifest listing a file that
 * is not there. Workbooks are written one at a time (a few kilobytes each, see
 * src/features/specifications/workbook.ts); what stays in memory is one school's order (a manifest-only run: a few
 * parts of 128, read on two threads, src/features/order/orders-in-turns.ts) and the manifest rows.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { progress } from '../../cli-kit/progress.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { AmountOverflow, formatMoney, overflowFinding } from '../../core/money.js';
import type { OrderRecord } from '../../core/model/order-lifecycle.js';
import type { School } from '../../core/model/registry.js';
import {
  compareManifestRows,
  fillTemplate,
  parseContractDate,
  specificationsOf,
  summarize,
  TEMPLATE_FIELDS,
  unknownPlaceholders,
  type ContractDate,
  type ManifestRow,
  type PackageSummary,
  type SpecificationItem,
} from './specification.js';
import { normalizeHeader } from '../../core/text.js';
import { DataError, EXIT, UsageError } from '../../core/errors.js';
import { csvDocument } from '../../io/sheets/csv-write.js';
import { buildReport } from '../../core/report/report.js';
import { fitted, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { fsyncDir, isoWithOffset, makeDirs } from '../../io/workspace/io.js';
import { removeStale, restoreInterruptedSwap, siblingName, swapIntoPlace, writeNew, WriteQueue } from '../../io/workspace/swap.js';
import type { Workspace } from '../../io/workspace/index.js';
import { fileInside, OutputFolder } from '../../io/workspace/paths.js';
import { isWithin } from '../../io/workspace/paths.js';
import { formedOrderOf, formedOrders, isLeftBehindOrder, loadOrderAt, orderStateName, orderStateNames } from '../order/index.js';
import { loadPriceLists } from '../pricelist/index.js';
import { loadPublishers, type StoredPublisher } from '../publishers/index.js';
import { loadRegistry } from '../registry/index.js';
import { saveSpecifications, MANIFEST_FILE } from './store.js';
import type { SpecificationSupplier } from './workbook.js';
import type { DrawnWorkbook } from './drawing.js';
import { registerContracts } from '../contracts/index.js';

export const SUMMARY_FILE = 'summary.csv';
export const ZIP_FILE = 'specifications.zip';
export const MANIFEST_COLUMNS = ['municipality', 'school', 'publisher', 'file', 'lines', 'copies', 'sum_kopecks', 'vat_kopecks', 'sha256'] as const;

interface ExportOptions {
  out: string;
  municipality?: string;
  publisher?: string;
  contractNumber?: string;
  date?: ContractDate;
  zip: boolean;
  force: boolean;
  /** manifest.csv and summary.csv only: no workbook is drawn or written, the sha256 column is empty */
  manifestOnly: boolean;
}

interface ExportResult {
  out: string;
  manifest: string;
  summaryFile: string;
  zip?: string;
  summary: PackageSummary;
  manifestOnly: boolean;
  unknownItems: number;
  unregistered: string[];
  noInn: number;
}

// ---------------------------------------------------------------------------------------------------
// The package folder.

type OutState = 'absent' | 'empty' | 'package' | 'other' | 'file';

function manifestHeader(): string {
  return MANIFEST_COLUMNS.join(';');
}

/** What is at DIR now: nothing, an empty folder, an earlier package (its manifest says so), or something else. */
function outState(dir: string): OutState {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return 'absent';
  }
  if (!stat.isDirectory()) return 'file';
  const entries = fs.readdirSync(dir);
  if (entries.length === 0) return 'empty';
  try {
    const head = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8').replace(/^\uFEFF/u, '').split(/\r?\n/u, 1)[0];
    return head === manifestHeader() ? 'package' : 'other';
  } catch {
    return 'other';
  }
}

function manifestCsv(rows: ManifestRow[]): string {
  return csvDocument([[...MANIFEST_COLUMNS], ...rows.map((r) => [r.municipality, r.school, r.publisher, r.file, r.lines, r.copies, r.sum_kopecks, r.vat_kopecks, r.sha256])]);
}

function summaryCsv(summary: PackageSummary): string {
  const rates = [...new Set(summary.publishers.flatMap((p) => p.by_rate.map((r) => r.rate)))].sort((a, b) => a - b);
  const head = ['publisher', 'schools', 'files', 'lines', 'copies', 'sum_kopecks', 'vat_kopecks', ...rates.flatMap((r) => [`sum_at_${r}_kopecks`, `vat_${r}_kopecks`])];
  return csvDocument([
    head,
    ...summary.publishers.map((p) => [
      p.publisher,
      p.schools,
      p.files,
      p.lines,
      p.copies,
      p.sum_kopecks,
      p.vat_kopecks,
      ...rates.flatMap((rate) => {
        const r = p.by_rate.find((x) => x.rate === rate);
        return [r?.sum_kopecks ?? 0, r?.vat_kopecks ?? 0];
      }),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------------

/** Every item of every loaded price-list version by publisher and key, the newest version winning. */
function itemIndex(ws: Workspace): (publisher: string, key: string) => SpecificationItem | undefined {
  // By publisher, then key: a text made of both for each of a country's 14 million lines cost more than the lookups.
  const items = new Map<string, Map<string, SpecificationItem>>();
  for (const list of loadPriceLists(ws)) {
    let ofPublisher = items.get(list.publisher);
    if (!ofPublisher) items.set(list.publisher, (ofPublisher = new Map()));
    for (const version of list.versions) for (const it of version.items) ofPublisher.set(it.key, it);
  }
  return (publisher, key) => items.get(publisher)?.get(key);
}

function resolvePublisher(ws: Workspace, given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const known = loadPriceLists(ws).map((p) => p.publisher);
  const found = known.find((p) => normalizeHeader(p) === normalizeHeader(given));
  if (!found) throw new UsageError('export.publisher-unknown', { publisher: given, known: known.join(', ') || '—' });
  return found;
}

interface SchoolEntry {
  /** the order's state file (`orders/0101`) */
  stateName: string;
  school?: School;
  /** loaded early only for orders of schools the registry does not know (their municipality is in the order) */
  record?: OrderRecord;
  municipality: string;
  code: string;
}

/**
 * The order files in the package's order (municipality, school), without loading them where the
 * registry says enough; and every order file listed, for telling a legacy copy (`isLeftBehindOrder`).
 */
function orderEntries(ws: Workspace, schools: readonly School[]): { entries: SchoolEntry[]; present: ReadonlySet<string> } {
  const byName = new Map(schools.map((s) => [orderStateName(s.code), s]));
  // The order of `localeCompare(b, 'ru', { numeric: true })`, with one collator: localeCompare with options
  // makes a new one per call (≈4 µs and garbage each; 1.2 million calls for 40,000 schools).
  const byRu = new Intl.Collator('ru', { numeric: true }).compare;
  const names = orderStateNames(ws);
  const present = new Set(names);
  const entries = names
    .map((stateName): SchoolEntry | undefined => {
      const school = byName.get(stateName);
      if (school) return { stateName, school, municipality: school.municipality, code: school.code };
      const record = loadOrderAt(ws, stateName);
      // A file of a workspace written before keys carried a hash (src/io/workspace/keyed.ts) that has since been
      // saved at its key as well: the copy at the key is the order.
      if (!record || isLeftBehindOrder(ws, stateName, record.school, present)) return undefined;
      return { stateName, record, municipality: record.municipality, code: record.school };
    })
    .filter((e): e is SchoolEntry => e !== undefined)
    .sort((a, b) => byRu(a.municipality, b.municipality) || byRu(a.code, b.code));
  return { entries, present };
}

/** Workbooks drawn ahead of the one being written, and files being written at once. */
const IN_FLIGHT = 8;

/** The publisher as the specification's supplier: its legal name and requisites when stored. */
function supplierOf(stored: Map<string, StoredPublisher>, publisher: string): SpecificationSupplier {
  const p = stored.get(publisher);
  return { name: p?.legal_name || publisher, inn: p?.inn, kpp: p?.kpp, requisites: p?.requisites };
}

async function build(ctx: Ctx, ws: Workspace, o: ExportOptions): Promise<ExportResult> {
  const registry = loadRegistry(ws);
  if (o.municipality !== undefined && !registry.municipalities.some((m) => m.code === o.municipality))
    throw new UsageError('registry.municipality-unknown', { code: o.municipality, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  const publisher = resolvePublisher(ws, o.publisher);
  const itemOf = itemIndex(ws);
  const municipalityName = new Map(registry.municipalities.map((m) => [m.code, m.name]));
  const { entries, present } = orderEntries(ws, registry.schools);
  // The publishers' requisites (`publisher set`/`import`) print in the specifications' signature blocks.
  const suppliers = new Map(loadPublishers(ws).map((p) => [p.publisher, p]));

  const out = o.out;
  await makeDirs(path.dirname(out));
  await removeStale(out);
  const staging = path.join(path.dirname(out), siblingName(path.basename(out), 'export'));
  await makeDirs(staging);
  // The folders written into, to fsync before the manifest: only the staging folder itself when no workbook is written.
  const made = new Set<string>([staging]);
  const zip = o.zip ? await (await import('../../io/sheets/zip-write.js')).ZipFileWriter.create(path.join(staging, ZIP_FILE)) : undefined;
  // Not even loaded for a manifest-only run (parseOptions refuses --zip with --manifest-only).
  const workbook = o.manifestOnly ? undefined : await import('./drawing.js');
  const { zipEntry } = await import('../../io/sheets/zip-write.js');

  const writes = new WriteQueue(IN_FLIGHT);
  const rows: ManifestRow[] = [];
  const drawing = workbook ? new workbook.Drawing(ctx.env.UCHEBNIK_THREADS) : undefined;
  // Workbooks being drawn, in the package's order: each is written (and its sha256 put in its manifest row) when it comes back.
  const inFlight: { drawn: Promise<DrawnWorkbook>; target: string; file: string; row: number }[] = [];
  const writeDrawn = async (w: (typeof inFlight)[number]) => {
    const { data, sha256 } = await w.drawn;
    await writes.add(w.target, data);
    await zip?.add(zipEntry(w.file, data, { store: true }));
    rows[w.row]!.sha256 = sha256;
  };
  // One string per publisher name: each order file parsed brings its own copy, and a row outlives it.
  const publisherNames = new Map<string, string>();
  let unknownItems = 0;
  const unregistered: string[] = [];
  let noInn = 0;
  const municipalityFolders = new OutputFolder(staging);
  const schoolFoldersIn = new Map<string, OutputFolder>();
  const bar = progress(ctx, entries.length);
  try {
    // A manifest-only run reads the orders on two threads (src/features/order/orders-in-turns.ts): reading
    // them is most of its time (bench/README.md). A full export's drawing threads take the cores already
    // (src/features/specifications/drawing.ts), so it reads them here, one by one.
    const orders = formedOrders(ws, entries.map((e) => (e.record ? '' : e.stateName)), o.manifestOnly ? ctx.env.UCHEBNIK_THREADS : '1');
    let at = 0;
    for await (const read of orders) {
      const entry = entries[at++]!;
      bar.tick(entry.code);
      const record = entry.record ? formedOrderOf(entry.record) : read;
      if (!record) continue;
      // A legacy file at another school's key (src/io/workspace/keyed.ts) is the order of the school it names,
      // counted once: not when that school's own file is listed too and holds its order (the store's rule).
      // An entry loaded by orderEntries was judged there already; one found by the registry's name, here.
      if (!entry.record && isLeftBehindOrder(ws, entry.stateName, record.school, present)) continue;
      if (o.municipality !== undefined && record.municipality !== o.municipality) continue;
      let specs = specificationsOf({ school: record.school, municipality: record.municipality, lines: record.lines }, itemOf);
      if (publisher !== undefined) specs = specs.filter((s) => s.publisher === publisher);
      if (specs.length === 0) continue;

      const school = entry.school?.code === record.school ? entry.school : registry.schools.find((s) => s.code === record.school);
      if (!school) unregistered.push(record.school);
      else if (!school.inn) noInn++;
      const customer = {
        code: record.school,
        full_name: school?.full_name || school?.short_name || record.school,
        inn: school?.inn,
        kpp: school?.kpp,
        municipality_name: municipalityName.get(record.municipality) ?? record.municipality,
        requisites: school?.requisites,
      };
      // Folder and file names through paths.ts OutputFolder: safe, bounded, and unique in their
      // folder («77 01» and «77_01» of one municipality get two folders, not one shared).
      const municipalityFolder = municipalityFolders.name(record.municipality, '', { distinct: true });
      let schoolFolders = schoolFoldersIn.get(municipalityFolder);
      if (!schoolFolders) schoolFoldersIn.set(municipalityFolder, (schoolFolders = new OutputFolder(path.join(staging, municipalityFolder))));
      const folder = [municipalityFolder, schoolFolders.name(record.school, '', { distinct: true })];
      const dir = path.join(staging, ...folder);
      const files = new OutputFolder(dir);
      if (workbook && !made.has(dir)) {
        await makeDirs(dir);
        made.add(path.dirname(dir)).add(dir);
      }
      for (const spec of specs) {
        unknownItems += spec.lines.filter((l) => !l.known).length;
        const name = files.name(spec.publisher, '.xlsx');
        // The path the workbook has (or, manifest-only, would have) in the package, with forward slashes.
        const file = [...folder, name].join('/');
        if (workbook) {
          const n = rows.length + 1;
          const number = o.contractNumber === undefined ? undefined : fillTemplate(o.contractNumber, { n, school: record.school, municipality: record.municipality, publisher: spec.publisher, inn: school?.inn ?? '', year: ws.config.campaign.year });
          // Drawn on the worker while this thread goes on; written, in order, a few workbooks later.
          const drawn = drawing!.draw({ spec, customer, supplier: supplierOf(suppliers, spec.publisher), contract_number: number, contract_date: o.date, campaign: ws.config.campaign });
          drawn.catch(() => undefined); // settled even if an earlier one fails first
          inFlight.push({ drawn, target: fileInside(dir, name), file, row: rows.length });
          if (inFlight.length >= IN_FLIGHT) await writeDrawn(inFlight.shift()!);
        }
        let publisherName = publisherNames.get(spec.publisher);
        if (publisherName === undefined) publisherNames.set(spec.publisher, (publisherName = spec.publisher));
        rows.push({
          municipality: record.municipality,
          school: record.school,
          publisher: publisherName,
          file,
          lines: spec.totals.lines,
          copies: spec.totals.copies,
          sum_kopecks: spec.totals.sum_kopecks,
          vat_kopecks: spec.totals.vat_kopecks,
          by_rate: spec.totals.by_rate,
          sha256: '', // a workbook's once it is drawn (writeDrawn); a manifest-only package has none
        });
      }
    }
    for (const w of inFlight.splice(0)) await writeDrawn(w);
    await writes.drain();
    bar.done();
    if (rows.length === 0) throw new DataError('export.nothing', { scope: [o.municipality, publisher].filter(Boolean).join(', ') || ctx.t('export.scope-region') });

    rows.sort(compareManifestRows);
    const summary = summarize(rows);
    // Every workbook is on disk before the manifest that lists them is written.
    for (const d of made) await fsyncDir(d);
    const manifestText = manifestCsv(rows);
    const summaryText = summaryCsv(summary);
    await writeNew(path.join(staging, SUMMARY_FILE), summaryText);
    await writeNew(path.join(staging, MANIFEST_FILE), manifestText);
    if (zip) {
      await zip.add(zipEntry(SUMMARY_FILE, summaryText));
      await zip.add(zipEntry(MANIFEST_FILE, manifestText));
      await zip.close();
    }
    await fsyncDir(staging);
    await swapIntoPlace(staging, out);
    return {
      out,
      manifest: path.join(out, MANIFEST_FILE),
      summaryFile: path.join(out, SUMMARY_FILE),
      ...(zip ? { zip: path.join(out, ZIP_FILE) } : {}),
      summary,
      manifestOnly: o.manifestOnly,
      unknownItems,
      unregistered,
      noInn,
    };
  } catch (err) {
    bar.done();
    await writes.drain().catch(() => undefined);
    await zip?.abandon();
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  } finally {
    await drawing?.close();
  }
}

async function confirm(ctx: Ctx, question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: ctx.streams.stderr });
  try {
    const answer = await rl.question(question);
    return /^(y|yes|д|да)$/iu.test(answer.trim());
  } finally {
    rl.close();
  }
}

const options = z.object({
  out: z.string(),
  ...flagSchema(['municipality']),
  publisher: z.string().optional(),
  contractNumber: z.string().optional(),
  date: z.string().optional(),
  zip: z.boolean().optional(),
  manifestOnly: z.boolean().optional(),
  force: z.boolean().optional(),
  ...flagSchema(['json']),
});
type Options = z.output<typeof options>;

function parseOptions(ctx: Ctx, opts: Options): ExportOptions {
  const template = opts.contractNumber;
  if (template !== undefined) {
    const unknown = unknownPlaceholders(template);
    if (unknown.length) throw new UsageError('export.template-unknown', { names: unknown.map((n) => `{${n}}`).join(', '), known: TEMPLATE_FIELDS.map((n) => `{${n}}`).join(', ') });
  }
  let date: ContractDate | undefined;
  if (opts.date !== undefined) {
    date = parseContractDate(opts.date) ?? undefined;
    if (!date) throw new UsageError('export.date-bad', { value: opts.date });
  }
  // The archive would hold the workbooks, which a manifest-only run does not make.
  if (opts.manifestOnly === true && opts.zip === true) throw new UsageError('export.manifest-only-zip');
  return {
    out: path.resolve(ctx.cwd, opts.out),
    municipality: opts.municipality,
    publisher: opts.publisher,
    contractNumber: template,
    date,
    zip: opts.zip === true,
    force: opts.force === true,
    manifestOnly: opts.manifestOnly === true,
  };
}

async function exportSpecifications(ctx: Ctx, opts: Options): Promise<number> {
  const o = parseOptions(ctx, opts);
  const root = await useWorkspace(ctx);
  // The package must not swallow the workspace, nor live in its state or inputs.
  const realOut = realPathOf(o.out);
  for (const inner of [root.root, path.join(root.root, 'state'), path.join(root.root, 'inputs')]) {
    if (isWithin(realOut, inner) || (inner !== root.root && isWithin(inner, realOut))) throw new UsageError('export.out-in-workspace', { dir: o.out });
  }
  await restoreInterruptedSwap(o.out, (p) => outState(p) === 'package');
  const state = outState(o.out);
  if (state === 'file') throw new UsageError('export.out-not-dir', { dir: o.out });
  if (state === 'other') throw new UsageError('export.out-not-package', { dir: o.out });
  if (state === 'package' && !o.force) {
    const interactive = process.stdin.isTTY === true && ctx.streams.stderr.isTTY === true;
    if (!interactive || !(await confirm(ctx, ctx.t('export.confirm', { dir: o.out })))) throw new UsageError('export.exists', { dir: o.out });
  }

  let result: ExportResult;
  try {
    result = await exportInWorkspace(ctx, o);
  } catch (err) {
    // An ISBN in a price column makes sums no one can add: the data's fault, reported; the earlier
    // package stays as it was (build removes its staging folder on any error).
    if (!(err instanceof AmountOverflow)) throw err;
    const report = buildReport([], [overflowFinding(err)], ctx.lang);
    ctx.out(opts.json ? renderJson(report) : renderReportTable(report, ctx));
    return EXIT.dataErrors;
  }
  return reportExport(ctx, result, opts);
}

function exportInWorkspace(ctx: Ctx, o: ExportOptions): Promise<ExportResult> {
  return changeWorkspace<ExportResult>(ctx, 'export specifications', async (ws) => {
    const r = await build(ctx, ws, o);
    // A manifest-only run records nothing: state/specifications.json is what tells the deadlines that
    // stage 22 is done (src/features/deadlines/store.ts: the file exists), and no specification was produced —
    // nothing to sign or send. It would also overwrite the record of the last real export (its folder,
    // files and totals). Nothing in the workspace changes, so there is no journal entry either (the
    // lock is still held, so the orders read are one consistent state).
    if (r.manifestOnly) return { changed: [], result: r };
    const total = { copies: r.summary.total.copies, sum_kopecks: r.summary.total.sum_kopecks, vat_kopecks: r.summary.total.vat_kopecks };
    const scope = { ...(o.municipality ? { municipality: o.municipality } : {}), ...(o.publisher ? { publisher: r.summary.publishers[0]?.publisher ?? o.publisher } : {}) };
    const written = await saveSpecifications(ws, {
      exported_at: isoWithOffset(new Date(), ws.config.campaign.timezone),
      out: r.out,
      files: r.summary.total.files,
      total,
      ...(Object.keys(scope).length ? { scope } : {}),
      manifest: r.manifest,
      ...(r.zip ? { zip: r.zip } : {}),
    });
    return { changed: [written], journal: { out: r.out, files: r.summary.total.files, total, ...(r.zip ? { zip: r.zip } : {}) }, result: r };
  });
}

function reportExport(ctx: Ctx, result: ExportResult, opts: Options): number {
  const { summary } = result;
  if (result.unregistered.length) ctx.note(ctx.t('export.unregistered', { count: result.unregistered.length, schools: result.unregistered.slice(0, 10).join(', ') }));
  if (result.noInn) ctx.note(ctx.t('export.no-inn', { count: result.noInn }));
  if (result.unknownItems) ctx.note(ctx.t('export.items-unknown', { count: result.unknownItems }));
  if (result.manifestOnly) ctx.note(ctx.t('export.manifest-only-written', { files: summary.total.files, dir: result.out }));
  else ctx.note(ctx.t('export.written', { files: summary.total.files, dir: result.out }));
  if (result.zip) ctx.note(ctx.t('export.zip-written', { file: result.zip }));

  if (opts.json) {
    ctx.out(
      renderJson({
        files: summary.total.files,
        manifest_only: result.manifestOnly,
        total: { copies: summary.total.copies, sum_kopecks: summary.total.sum_kopecks, vat_kopecks: summary.total.vat_kopecks },
        manifest: result.manifest,
        out: result.out,
        summary: result.summaryFile,
        ...(result.zip ? { zip: result.zip } : {}),
        publishers: summary.publishers.map((p) => ({
          publisher: p.publisher,
          schools: p.schools,
          files: p.files,
          lines: p.lines,
          copies: p.copies,
          sum_kopecks: p.sum_kopecks,
          vat_kopecks: p.vat_kopecks,
          vat: p.by_rate.map((r) => ({ rate: r.rate, sum_kopecks: r.sum_kopecks, vat_kopecks: r.vat_kopecks })),
        })),
      }),
    );
    return EXIT.ok;
  }
  const money = (k: number) => formatMoney(k, ctx.lang);
  const table = plainTable(
    [ctx.t('export.col-publisher'), ctx.t('export.col-schools'), ctx.t('export.col-files'), ctx.t('export.col-lines'), ctx.t('export.col-copies'), ctx.t('export.col-sum'), ctx.t('export.col-vat')],
    ctx.color,
  );
  for (const p of summary.publishers) table.push([p.publisher, p.schools, p.files, p.lines, p.copies, money(p.sum_kopecks), p.by_rate.filter((r) => r.rate > 0).map((r) => `${r.rate} %: ${money(r.vat_kopecks)}`).join('\n') || '—']);
  table.push([ctx.t('export.total'), '', summary.total.files, summary.publishers.reduce((n, p) => n + p.lines, 0), summary.total.copies, money(summary.total.sum_kopecks), money(summary.total.vat_kopecks)]);
  ctx.out(fitted(table, ctx.width));
  ctx.out(ctx.t('export.manifest', { file: result.manifest }));
  if (result.manifestOnly) ctx.out(ctx.t('export.manifest-only'));
  return EXIT.ok;
}

/** The path with its existing part's symlinks resolved (the rest as given). */
function realPathOf(p: string): string {
  const rest: string[] = [];
  for (let cur = p; ; cur = path.dirname(cur)) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      if (path.dirname(cur) === cur) return p;
      rest.push(path.basename(cur));
    }
  }
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program.command('export').description(describe(rt, 'export'));
  registerContracts(cmd, rt);
  act(
    commonFlags(
      commonFlags(
      cmd
        .command('specifications')
        .description(
          say(
            rt,
            'спецификации к договорам для каждой школы и издательства со сформированным заказом: DIR/<муниципалитет>/<школа>/<издательство>.xlsx, manifest.csv, summary.csv',
            'contract specifications for every school and publisher with a formed order: DIR/<municipality>/<school>/<publisher>.xlsx, manifest.csv, summary.csv',
          ),
        )
        .requiredOption('--out <dir>', say(rt, 'папка пакета (создаётся; прежний пакет заменяется только с --force)', 'package folder (created; an earlier package is replaced only with --force)')),
      rt,
      ['municipality'],
    )
      .option('--publisher <name>', say(rt, 'только это издательство', 'only this publisher'))
      .option(
        '--contract-number <template>',
        say(rt, 'номер договора по шаблону: {n} {school} {municipality} {publisher} {inn} {year} (иначе пустое поле для записи от руки)', 'contract number template: {n} {school} {municipality} {publisher} {inn} {year} (else a blank to fill by hand)'),
      )
      .option('--date <date>', say(rt, 'дата договора ДД.ММ.ГГГГ (иначе пустое поле)', 'contract date DD.MM.YYYY (else a blank)'))
      .option('--zip', say(rt, 'также один архив specifications.zip со всем пакетом', 'also one archive specifications.zip of the whole package'))
      .option(
        '--manifest-only',
        say(
          rt,
          'только manifest.csv и summary.csv, без файлов спецификаций: те же строки и итоги, путь файла указан, sha256 пуст; этап 22 не отмечается (не вместе с --zip)',
          'only manifest.csv and summary.csv, no specification files: the same rows and totals, the file path given, sha256 empty; stage 22 is not marked done (not with --zip)',
        ),
      )
      .option('--force', say(rt, 'заменить прежний пакет в этой папке', 'replace an earlier package in this folder')),
      rt,
      ['json'],
    ).addHelpText(
        'after',
        examples(rt, [
          'uchebnik export specifications --out specifications',
          'uchebnik export specifications --out spec-01 --municipality 01 --publisher Просвещение',
          'uchebnik export specifications --out spec --contract-number "{school}/{n}-У" --date 01.03.2019 --zip --force',
          'uchebnik export specifications --out spec --json | jq .total',
          'uchebnik export specifications --out spec-check --manifest-only --force',
        ]),
      ),
    rt,
    options,
    (ctx, opts) => exportSpecifications(ctx, opts),
  );
}
