/**
 * `uchebnik export contracts` — the contract package (issue 17): for every school and publisher with a
 * formed order, the contract filled from the region's .docx template (`--template`) or the built-in one
 * (default-template.ts), with its specification workbook beside it as the annex, in
 * `DIR/<municipality>/<school>/<publisher>.docx` and `<publisher>-спецификация.xlsx`, and with `--pdf` a PDF of each made by
 * LibreOffice. `manifest.csv` lists every document with its figures and sha256.
 *
 * Everything that can refuse is checked before anything is written: the template (not a .docx, broken
 * tags, a placeholder uchebnik does not fill — exit 3 with the names), soffice for `--pdf` (exit 3), the
 * package folder. The package is built in a hidden sibling folder and renamed into place only when
 * complete (PDFs included), so a failure leaves the previous package, or nothing.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import type { Ctx } from '../../cli-kit/context.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace } from '../../cli-kit/workspace.js';
import { DataError, EXIT, InputError, UsageError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { AmountOverflow, formatMoney, overflowFinding, sumKopecks } from '../../core/money.js';
import { formedVersion } from '../../core/model/order-lifecycle.js';
import type { School } from '../../core/model/registry.js';
import { buildReport } from '../../core/report/report.js';
import { plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { normalizeHeader } from '../../core/text.js';
import { findSoffice } from '../../io/sheets/convert.js';
import { csvDocument } from '../../io/sheets/csv-write.js';
import { fsyncDir, isoWithOffset, makeDirs } from '../../io/workspace/io.js';
import { removeStale, restoreInterruptedSwap, siblingName, swapIntoPlace, writeNew } from '../../io/workspace/swap.js';
import type { Workspace } from '../../io/workspace/index.js';
import { fileInside, isWithin, OutputFolder } from '../../io/workspace/paths.js';
import { eachOrder } from '../order/index.js';
import { loadPriceLists } from '../pricelist/index.js';
import { loadPublishers, type StoredPublisher } from '../publishers/index.js';
import { checkContractReady, loadRegistry } from '../registry/index.js';
import {
  fillTemplate as fillNumber,
  parseContractDate,
  sha256,
  specificationsOf,
  specificationXlsx,
  TEMPLATE_FIELDS,
  unknownPlaceholders,
  type ContractDate,
  type SpecificationItem,
} from '../specifications/index.js';
import { contractValues, placeholderList, type Party } from './contract.js';
import type { ContractTemplate } from './template.js';

export const MANIFEST_FILE = 'manifest.csv';
export const MANIFEST_COLUMNS = ['kind', 'municipality', 'school', 'publisher', 'contract_number', 'file', 'lines', 'copies', 'sum_kopecks', 'vat_kopecks', 'sha256'] as const;
const BUILT_IN = 'built-in';

export type DocumentKind = 'contract' | 'specification' | 'contract-pdf' | 'specification-pdf';

export interface ManifestRow {
  kind: DocumentKind;
  municipality: string;
  school: string;
  publisher: string;
  contract_number: string;
  /** inside the package, with forward slashes */
  file: string;
  lines: number;
  copies: number;
  sum_kopecks: number;
  vat_kopecks: number;
  sha256: string;
}

const options = z.object({
  out: z.string().optional(),
  template: z.string().optional(),
  saveTemplate: z.string().optional(),
  placeholders: z.boolean().optional(),
  publisher: z.string().optional(),
  contractNumber: z.string().optional(),
  date: z.string().optional(),
  pdf: z.boolean().optional(),
  force: z.boolean().optional(),
  ...flagSchema(['municipality', 'json']),
});
type Options = z.output<typeof options>;

interface Plan {
  out: string;
  template: ContractTemplate;
  soffice?: string;
  municipality?: string;
  publisher?: string;
  number?: string;
  date?: ContractDate;
  force: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Before anything is written.

// The template engine and its zip library are loaded only when contracts are made, not with `export specifications`.
async function readTemplate(ctx: Ctx, given: string | undefined): Promise<ContractTemplate> {
  const { openTemplate } = await import('./template.js');
  if (given === undefined) return openTemplate((await import('./default-template.js')).defaultTemplate(), BUILT_IN);
  const file = path.resolve(ctx.cwd, given);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw new InputError('contracts.template-missing', { file: given });
  }
  return openTemplate(data, given);
}

async function plan(ctx: Ctx, o: Options): Promise<Plan> {
  if (o.out === undefined) throw new UsageError('contracts.out-required');
  if (o.contractNumber !== undefined) {
    const unknown = unknownPlaceholders(o.contractNumber);
    if (unknown.length) throw new UsageError('export.template-unknown', { names: unknown.map((n) => `{${n}}`).join(', '), known: TEMPLATE_FIELDS.map((n) => `{${n}}`).join(', ') });
  }
  let date: ContractDate | undefined;
  if (o.date !== undefined) {
    date = parseContractDate(o.date) ?? undefined;
    if (!date) throw new UsageError('export.date-bad', { value: o.date });
  }
  const template = await readTemplate(ctx, o.template);
  let soffice: string | undefined;
  if (o.pdf) {
    soffice = findSoffice();
    if (!soffice) throw new InputError('contracts.no-soffice', { file: template.file });
  }
  const out = path.resolve(ctx.cwd, o.out);
  const state = outState(out);
  if (state === 'file') throw new UsageError('export.out-not-dir', { dir: out });
  if (state === 'other') throw new UsageError('contracts.out-not-package', { dir: out });
  if (state === 'package' && !o.force) throw new UsageError('contracts.exists', { dir: out });
  return { out, template, soffice, municipality: o.municipality, publisher: o.publisher, number: o.contractNumber, date, force: o.force === true };
}

/** What is at DIR: nothing, an empty folder, an earlier contract package (its manifest says so), or else. */
function outState(dir: string): 'absent' | 'empty' | 'package' | 'other' | 'file' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return 'absent';
  }
  if (!stat.isDirectory()) return 'file';
  if (fs.readdirSync(dir).length === 0) return 'empty';
  try {
    const head = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8').replace(/^\uFEFF/u, '').split(/\r?\n/u, 1)[0];
    return head === MANIFEST_COLUMNS.join(';') ? 'package' : 'other';
  } catch {
    return 'other';
  }
}

// ---------------------------------------------------------------------------------------------------
// The package.

function itemIndex(ws: Workspace): (publisher: string, key: string) => SpecificationItem | undefined {
  const items = new Map<string, SpecificationItem>();
  for (const list of loadPriceLists(ws)) for (const version of list.versions) for (const it of version.items) items.set(`${list.publisher}\u0000${it.key}`, it);
  return (publisher, key) => items.get(`${publisher}\u0000${key}`);
}

function customerOf(school: School | undefined, code: string): Party {
  return { name: school?.full_name || school?.short_name || code, short_name: school?.short_name || code, inn: school?.inn, kpp: school?.kpp, requisites: school?.requisites };
}

function supplierOf(stored: StoredPublisher | undefined, publisher: string): Party {
  return { name: stored?.legal_name || publisher, short_name: publisher, inn: stored?.inn, kpp: stored?.kpp, requisites: stored?.requisites };
}

/** The fields checkContractReady looks at, of a party. */
function readiness(p: Party): Record<string, string | undefined> {
  return { full_name: p.name, inn: p.inn, kpp: p.kpp, legal_address: p.requisites?.legal_address, head_name: p.requisites?.head_name, bik: p.requisites?.bik, account: p.requisites?.account };
}

/**
 * The time every document of the package carries (zip entries, the specification's properties and data
 * sheet): the contract's date at midnight UTC, else 2 January 1980 (the zip format's dates begin on the
 * 1st, and a stamp is read in the machine's zone), never the clock — so the same data and date give the
 * same bytes, and the manifest's sha256 does not change between runs.
 */
function documentStamp(date: ContractDate | undefined): Date {
  return date ? new Date(Date.UTC(date.year, date.month - 1, date.day)) : new Date(Date.UTC(1980, 0, 2));
}

interface Built {
  rows: ManifestRow[];
  findings: Finding[];
  contracts: number;
}

async function build(ws: Workspace, p: Plan, staging: string): Promise<Built> {
  const { fillContract } = await import('./template.js');
  const registry = loadRegistry(ws);
  if (p.municipality !== undefined && !registry.municipalities.some((m) => m.code === p.municipality))
    throw new UsageError('registry.municipality-unknown', { code: p.municipality, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  const known = loadPriceLists(ws).map((l) => l.publisher);
  const publisher = p.publisher === undefined ? undefined : known.find((k) => normalizeHeader(k) === normalizeHeader(p.publisher!));
  if (p.publisher !== undefined && publisher === undefined) throw new UsageError('export.publisher-unknown', { publisher: p.publisher, known: known.join(', ') || '—' });

  const schools = new Map(registry.schools.map((s) => [s.code, s]));
  const municipalityName = new Map(registry.municipalities.map((m) => [m.code, m.name]));
  const suppliers = new Map(loadPublishers(ws).map((s) => [s.publisher, s]));
  const itemOf = itemIndex(ws);
  const byRu = new Intl.Collator('ru', { numeric: true }).compare;
  const orders = [...eachOrder(ws)].filter((o) => (p.municipality === undefined || o.municipality === p.municipality) && formedVersion(o)).sort((a, b) => byRu(a.municipality, b.municipality) || byRu(a.school, b.school));

  const rows: ManifestRow[] = [];
  const findings: Finding[] = [];
  const warned = new Set<string>();
  const warn = (key: string, party: Party, school?: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    const f = checkContractReady(readiness(party), { at: {}, school, name: party.short_name });
    if (f) findings.push(f);
  };
  const municipalityFolders = new OutputFolder(staging);
  const schoolFolders = new Map<string, OutputFolder>();
  let contracts = 0;
  const stamp = documentStamp(p.date);
  for (const order of orders) {
    let specs = specificationsOf({ school: order.school, municipality: order.municipality, lines: formedVersion(order)!.lines }, itemOf);
    if (publisher !== undefined) specs = specs.filter((s) => s.publisher === publisher);
    if (specs.length === 0) continue;
    const school = schools.get(order.school);
    const customer = customerOf(school, order.school);
    warn(`school\u0000${order.school}`, customer, order.school);
    const muniFolder = municipalityFolders.name(order.municipality, '', { distinct: true });
    let inMuni = schoolFolders.get(muniFolder);
    if (!inMuni) schoolFolders.set(muniFolder, (inMuni = new OutputFolder(path.join(staging, muniFolder))));
    const folder = [muniFolder, inMuni.name(order.school, '', { distinct: true })];
    const dir = path.join(staging, ...folder);
    await makeDirs(dir);
    const files = new OutputFolder(dir);
    const municipality_name = municipalityName.get(order.municipality) ?? order.municipality;
    for (const spec of specs) {
      contracts++;
      const supplier = supplierOf(suppliers.get(spec.publisher), spec.publisher);
      warn(`publisher\u0000${spec.publisher}`, supplier);
      const number = p.number === undefined ? undefined : fillNumber(p.number, { n: contracts, school: order.school, municipality: order.municipality, publisher: spec.publisher, inn: school?.inn ?? '', year: ws.config.campaign.year });
      const docx = fillContract(p.template, contractValues({ spec, customer, supplier, municipality_name, number, date: p.date, campaign: ws.config.campaign }), stamp);
      const xlsx = specificationXlsx({
        spec,
        customer: { code: order.school, full_name: customer.name, inn: customer.inn, kpp: customer.kpp, municipality_name, requisites: customer.requisites },
        supplier,
        contract_number: number,
        contract_date: p.date,
        campaign: ws.config.campaign,
        written_at: stamp,
      });
      const base = { municipality: order.municipality, school: order.school, publisher: spec.publisher, contract_number: number ?? '', lines: spec.totals.lines, copies: spec.totals.copies, sum_kopecks: spec.totals.sum_kopecks, vat_kopecks: spec.totals.vat_kopecks };
      // Two names, not one with two extensions: each gets a PDF of the same name beside it.
      for (const [kind, stem, ext, data] of [['contract', spec.publisher, '.docx', docx], ['specification', `${spec.publisher}-спецификация`, '.xlsx', xlsx]] as const) {
        const name = files.name(stem, ext);
        await writeNew(fileInside(dir, name), data);
        rows.push({ kind, ...base, file: [...folder, name].join('/'), sha256: sha256(data) });
      }
    }
  }
  if (contracts === 0) throw new DataError('export.nothing', { scope: [p.municipality, publisher].filter(Boolean).join(', ') || 'region' });
  if (p.soffice) {
    const documents = [...rows];
    const pdfs = await (await import('./pdf.js')).convertToPdf(p.soffice, documents.map((r) => path.join(staging, ...r.file.split('/'))));
    documents.forEach((r, i) => rows.push({ ...r, kind: `${r.kind}-pdf` as DocumentKind, file: path.relative(staging, pdfs[i]!).split(path.sep).join('/'), sha256: sha256(fs.readFileSync(pdfs[i]!)) }));
  }
  return { rows, findings, contracts };
}

function manifestCsv(rows: readonly ManifestRow[]): string {
  return csvDocument([[...MANIFEST_COLUMNS], ...rows.map((r) => MANIFEST_COLUMNS.map((c) => r[c]))]);
}

interface Result extends Built {
  out: string;
  manifest: string;
}

async function exportContracts(ctx: Ctx, o: Options): Promise<number> {
  if (o.placeholders) {
    for (const [name, meaning] of placeholderList()) ctx.out(`${name}\t${meaning}`);
    return EXIT.ok;
  }
  if (o.saveTemplate !== undefined) {
    const file = path.resolve(ctx.cwd, o.saveTemplate);
    if (fs.existsSync(file) && !o.force) throw new UsageError('contracts.template-exists', { file });
    fs.writeFileSync(file, (await import('./default-template.js')).defaultTemplate());
    ctx.note(ctx.t('contracts.template-saved', { file }));
    return EXIT.ok;
  }
  const p = await plan(ctx, o);
  let result: Result;
  try {
    result = await changeWorkspace<Result>(ctx, 'export contracts', async (ws) => {
      await makeDirs(path.dirname(p.out));
      // The package must not swallow the workspace, nor live in its state or inputs.
      const root = fs.realpathSync(ws.root);
      if (isWithin(p.out, root) || isWithin(path.join(root, 'state'), p.out) || isWithin(path.join(root, 'inputs'), p.out)) throw new UsageError('export.out-in-workspace', { dir: p.out });
      // The package is built beside DIR and swapped in whole (src/io/workspace/swap.ts), as the specifications are.
      await removeStale(p.out);
      await restoreInterruptedSwap(p.out, (dir) => outState(dir) === 'package');
      const staging = path.join(path.dirname(p.out), siblingName(path.basename(p.out), 'export'));
      await makeDirs(staging);
      try {
        const built = await build(ws, p, staging);
        // Every document is on disk (each written with an fsync) before the manifest that lists them.
        await writeNew(path.join(staging, MANIFEST_FILE), manifestCsv(built.rows));
        await fsyncDir(staging);
        await swapIntoPlace(staging, p.out);
        const contractRows = built.rows.filter((r) => r.kind === 'contract');
        const total = { copies: contractRows.reduce((n, r) => n + r.copies, 0), sum_kopecks: sumKopecks(contractRows.map((r) => r.sum_kopecks)), vat_kopecks: sumKopecks(contractRows.map((r) => r.vat_kopecks)) };
        const written = await ws.writeState('contracts', { exported_at: isoWithOffset(new Date(), ws.config.campaign.timezone), out: p.out, contracts: built.contracts, template: p.template.file, pdf: p.soffice !== undefined, total });
        return { changed: [written.path], journal: { out: p.out, contracts: built.contracts, template: p.template.file, total }, result: { ...built, out: p.out, manifest: path.join(p.out, MANIFEST_FILE) } };
      } catch (err) {
        await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
        throw err;
      }
    });
  } catch (err) {
    if (!(err instanceof AmountOverflow)) throw err;
    const report = buildReport([], [overflowFinding(err)], ctx.lang);
    ctx.out(o.json ? renderJson(report) : renderReportTable(report, ctx));
    return EXIT.dataErrors;
  }
  return reportResult(ctx, result, o.json === true);
}

function reportResult(ctx: Ctx, r: Result, json: boolean): number {
  const report = buildReport([], r.findings, ctx.lang);
  const contracts = r.rows.filter((row) => row.kind === 'contract');
  ctx.note(ctx.t('contracts.written', { contracts: r.contracts, files: r.rows.length, dir: r.out }));
  if (json) {
    ctx.out(
      renderJson({
        ...report,
        out: r.out,
        manifest: r.manifest,
        contracts: contracts.map((c) => ({ municipality: c.municipality, school: c.school, publisher: c.publisher, file: c.file, sum_kopecks: c.sum_kopecks, vat_kopecks: c.vat_kopecks })),
        files: r.rows.length,
      }),
    );
    return EXIT.ok;
  }
  if (report.findings.length) ctx.out(renderReportTable(report, ctx));
  const byPublisher = new Map<string, ManifestRow[]>();
  for (const c of contracts) byPublisher.set(c.publisher, [...(byPublisher.get(c.publisher) ?? []), c]);
  const table = plainTable([ctx.t('export.col-publisher'), ctx.t('contracts.col-contracts'), ctx.t('export.col-copies'), ctx.t('export.col-sum')], ctx.color);
  for (const [publisher, list] of [...byPublisher].sort(([a], [b]) => a.localeCompare(b, 'ru'))) table.push([publisher, list.length, list.reduce((n, c) => n + c.copies, 0), formatMoney(sumKopecks(list.map((c) => c.sum_kopecks)), ctx.lang)]);
  ctx.out(table.toString());
  ctx.out(ctx.t('export.manifest', { file: r.manifest }));
  return EXIT.ok;
}

/** Adds `contracts` to the `export` command. */
export function registerContracts(exportCmd: Command, rt: Runtime): void {
  const cmd = exportCmd
    .command('contracts')
    .description(
      say(
        rt,
        'договоры школ с издательствами по шаблону .docx (свой --template или встроенный) со спецификацией-приложением: DIR/<муниципалитет>/<школа>/<издательство>.docx и <издательство>-спецификация.xlsx, manifest.csv; с --pdf — и PDF',
        'contracts of schools with publishers from a .docx template (your --template or the built-in one) with the specification as annex: DIR/<municipality>/<school>/<publisher>.docx and <publisher>-спецификация.xlsx, manifest.csv; with --pdf also PDFs',
      ),
    )
    .option('--out <dir>', say(rt, 'папка пакета (прежний пакет заменяется только с --force)', 'package folder (an earlier package is replaced only with --force)'))
    .option('--template <file>', say(rt, 'шаблон договора .docx с полями {…} (список — --placeholders)', 'contract template .docx with {…} placeholders (listed by --placeholders)'))
    .option('--placeholders', say(rt, 'перечислить поля шаблона с их значением и выйти', 'list the template placeholders with their meaning and exit'))
    .option('--save-template <file>', say(rt, 'записать встроенный шаблон в файл — основа для своего, и выйти', 'write the built-in template to a file, to start your own from, and exit'))
    .option('--publisher <name>', say(rt, 'только это издательство', 'only this publisher'))
    .option('--contract-number <template>', say(rt, 'номер договора по шаблону: {n} {school} {municipality} {publisher} {inn} {year}', 'contract number template: {n} {school} {municipality} {publisher} {inn} {year}'))
    .option('--date <date>', say(rt, 'дата договора ДД.ММ.ГГГГ (иначе пустое место)', 'contract date DD.MM.YYYY (else a blank)'))
    .option('--pdf', say(rt, 'также PDF каждого документа (нужен LibreOffice: soffice)', 'also a PDF of every document (needs LibreOffice: soffice)'))
    .option('--force', say(rt, 'заменить прежний пакет договоров в этой папке (или файл --save-template)', 'replace an earlier contract package in this folder (or the --save-template file)'));
  act(
    commonFlags(cmd, rt, ['municipality', 'json']).addHelpText(
      'after',
      examples(rt, [
        'uchebnik export contracts --out contracts',
        'uchebnik export contracts --out contracts --template region-contract.docx --contract-number "{school}/{n}-У" --date 01.03.2019 --pdf --force',
        'uchebnik export contracts --save-template my-contract.docx',
      ]),
    ),
    rt,
    options,
    (ctx, opts) => exportContracts(ctx, opts),
  );
}
