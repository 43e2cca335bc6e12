/**
 * `uchebnik vacancies template|validate|submit|approve|report` — first-grade vacancy sheets
 * (docs/file-formats.md#vacancies; plan 003, stages 7–8). Schools send either a table (one row per school, often a
 * whole municipality in one sheet) or one school's form of labelled cells; both are read here into
 * the rows `validateVacancies` checks. Accepted lines live in the workspace per school, approvals per
 * municipality (src/features/vacancies/store.ts), and the deadlines of stages 7 and 8 read them.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { outputFile } from '../../cli-kit/output.js';
import { finishValidation, readOrFinding, validationExit, validationReport, type CheckedFile } from '../../cli-kit/validate.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readOptions, readerFlags, readerOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import type { Finding } from '../../core/finding.js';
import type { Registry } from '../../core/model/registry.js';
import { cleanText, normalizeHeader } from '../../core/text.js';
import {
  DEFAULT_VACANCY_SETTINGS,
  VACANCY_FIELDS,
  VACANCY_REQUIRED,
  labelledFormRow,
  parseLabelledForm,
  validateVacancies,
  type FormCell,
  type VacancyField,
  type VacancyLine,
  type VacancyRowInput,
  type VacancySettings,
} from './check.js';
import { canApprove, vacancyReport, type VacancyReport } from './report.js';
import { DataError, EXIT, InputError, UsageError } from '../../core/errors.js';
import { writer } from '../../core/i18n/messages/writer.js';
import { plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { cellText, readTable, type TableSpec } from '../../io/sheets/table.js';
import type { OpenOptions, SheetHandle, SheetRow, SourceFormat, Workbook } from '../../io/sheets/types.js';
import { writeVacancyTemplate } from './template.js';
import type { Workspace } from '../../io/workspace/index.js';
import { currentUser, isoWithOffset } from '../../io/workspace/io.js';
import { loadRegistry } from '../registry/index.js';
import {
  loadApprovals,
  loadVacancies,
  loadVacancy,
  saveApprovals,
  saveVacancy,
  type StoredApproval,
  type StoredVacancy,
} from './store.js';

const SPEC: TableSpec = { fields: VACANCY_FIELDS, required: VACANCY_REQUIRED };

/** A school's form fits on a screen; a sheet longer than this is a table and is streamed as one. */
const FORM_ROWS = 60;

const MUNICIPALITY_LABELS = new Set(VACANCY_FIELDS.find((f) => f.key === 'municipality')!.synonyms.map(normalizeHeader));

/** The campaign's settings for vacancy checks; `init` sets only max_class_size, the rest default. */
function vacancySettings(ws: Workspace): VacancySettings {
  const s = ws.config.settings as Record<string, unknown>;
  const flag = (key: 'require_territory' | 'require_applications') => (typeof s[key] === 'boolean' ? (s[key] as boolean) : DEFAULT_VACANCY_SETTINGS[key]);
  return {
    max_class_size: typeof s.max_class_size === 'number' ? s.max_class_size : DEFAULT_VACANCY_SETTINGS.max_class_size,
    require_territory: flag('require_territory'),
    require_applications: flag('require_applications'),
  };
}

function registryOf(ws: Workspace): Registry {
  const registry = loadRegistry(ws);
  if (registry.schools.length === 0) throw new UsageError('vacancies.registry-empty');
  return registry;
}

function knownMunicipality(registry: Registry, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (!registry.municipalities.some((m) => m.code === code))
    throw new UsageError('registry.municipality-unknown', { code, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  return code;
}

/** A municipality as a sheet's title names it: its code (leading zeros optional) or its name. */
function registryMunicipality(registry: Registry, stated: string): string | undefined {
  const key = normalizeHeader(stated);
  const number = /^\d+$/.test(key) ? Number(key) : undefined;
  return registry.municipalities.find(
    (m) => normalizeHeader(m.code) === key || normalizeHeader(m.name) === key || (number !== undefined && /^\d+$/.test(m.code) && Number(m.code) === number),
  )?.code;
}

// ---------------------------------------------------------------------------------------------
// Reading a vacancy file

interface VacancyFile {
  file: string;
  format: SourceFormat;
  rows: VacancyRowInput[];
  /** data rows read: a form counts as one */
  dataRows: number;
  /** the municipality a labelled cell above a table names («Муниципалитет: 01») */
  statedMunicipality?: string;
  /** the reader's own findings (an unclosed quote in a CSV) */
  findings: Finding[];
  /** a CSV's rows as read (with the user's --encoding), for its annotated copy */
  csvRows?: SheetRow[];
}

interface ReadOpts {
  sheet?: string;
  map?: Record<string, string>;
  read: OpenOptions;
  keepCsvRows: boolean;
}

function formCells(rows: SheetRow[]): FormCell[] {
  return rows.flatMap((r) =>
    r.cells.flatMap((cell, col) => {
      if (!cell || cell.value === null) return [];
      const value = typeof cell.value === 'boolean' ? String(cell.value) : cell.value;
      return [{ row: r.row, col, text: cellText(cell), value }];
    }),
  );
}

/** The rows already read, then the rest of the sheet: a sheet is read once, however it is looked at. */
async function* replay(head: SheetRow[], rest: AsyncIterator<SheetRow>): AsyncGenerator<SheetRow> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The rows as they pass, kept in `sink`. */
function tap(source: AsyncIterator<SheetRow>, sink: SheetRow[]): AsyncIterator<SheetRow> {
  return {
    next: async () => {
      const next = await source.next();
      if (!next.done) sink.push(next.value);
      return next;
    },
    return: async () => (await source.return?.()) ?? { done: true, value: undefined },
  };
}

/** «Муниципалитет: 01» in one cell, or the label with the value in the next filled cell of its row. */
function statedMunicipality(preamble: SheetRow[]): string | undefined {
  for (const r of preamble)
    for (let c = 0; c < r.cells.length; c++) {
      const text = cellText(r.cells[c]).trim();
      const colon = text.indexOf(':');
      if (!MUNICIPALITY_LABELS.has(normalizeHeader(colon >= 0 ? text.slice(0, colon) : text))) continue;
      const inline = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (inline) return inline;
      const next = r.cells.slice(c + 1).map((cell) => cellText(cell).trim()).find(Boolean);
      if (next) return next;
    }
  return undefined;
}

type SheetRead = { rows: VacancyRowInput[]; dataRows: number; statedMunicipality?: string };

/** The header of the findings sheet an annotated copy carries (a school returning it corrected), in either language. */
const FINDINGS_HEADER = (['ru', 'en'] as const).map((lang) =>
  ['writer.col-number', 'writer.col-sheet', 'writer.col-cell', 'writer.col-code', 'writer.col-severity', 'writer.col-message'].map((k) => writer[k]![lang]).join('\u0000'),
);

function isFindingsSheet(head: SheetRow[]): boolean {
  const first = head.find((r) => r.cells.some((c) => cellText(c).trim() !== ''));
  return first !== undefined && FINDINGS_HEADER.includes(first.cells.map((c) => cellText(c).trim()).join('\u0000'));
}

// Lines under a table that are no school: «Директор ______ / Иванова И. И.», «Исполнитель: …, тел. …».
const FOOTER = /^(директор|начальник|руководитель|заведующ|исполнитель|ответственн|подпись|м\.?\s?п\b|тел)|_{3,}/iu;

/** Nothing in the vacancy columns but a signature or a contact line, or nothing at all (a number in «№ п/п»). */
function notASchool(values: VacancyRowInput['values']): boolean {
  return Object.values(values)
    .map((v) => cleanText(String(v ?? '')))
    .filter(Boolean)
    .every((text) => FOOTER.test(text));
}

/** A row that names a school and states a count: a school's row, not a title or a signature. */
function schoolRow(r: VacancyRowInput): boolean {
  const filled = (f: VacancyField) => cleanText(String(r.values[f] ?? '')) !== '';
  return (filled('school_code') || filled('school_name')) && (['classes', 'places', 'vacancies'] as const).some(filled);
}

/**
 * One sheet as a table or as a form of labelled cells; the error `table.header-not-found` when it is
 * neither, for the caller to try the next sheet; nothing for the findings sheet of an annotated copy.
 * A short sheet may look like both: a header whose titles run longer than the known names pairs up as
 * labels and values, and a form written along one row looks like a header. Whichever gives a school
 * with its counts wins, the table first.
 */
async function readSheet(wb: Workbook, handle: SheetHandle, opts: ReadOpts, sink?: SheetRow[]): Promise<SheetRead | InputError | undefined> {
  const file = wb.file;
  const sheet = wb.format === 'csv' ? undefined : handle.name;
  const rest = sink ? tap(handle.rows()[Symbol.asyncIterator](), sink) : handle.rows()[Symbol.asyncIterator]();
  const head: SheetRow[] = [];
  let whole = true;
  for (;;) {
    const next = await rest.next();
    if (next.done) break;
    head.push(next.value);
    if (head.length > FORM_ROWS) {
      whole = false;
      break;
    }
  }
  if (whole && isFindingsSheet(head)) {
    await rest.return?.();
    return undefined;
  }
  // With --map the user has said the sheet is a table.
  const parsed = whole && !opts.map ? parseLabelledForm(formCells(head)) : null;
  const form = parsed ? { rows: [labelledFormRow(parsed, { file, sheet })], dataRows: 1 } : undefined;

  const again: SheetHandle = { name: handle.name, merges: handle.merges, findings: handle.findings, rows: () => replay(head, rest) };
  let table;
  try {
    table = await readTable(wb, again, SPEC, { map: opts.map });
  } catch (err) {
    await rest.return?.();
    if (err instanceof InputError && err.key === 'table.header-not-found') return form ?? err;
    throw err;
  }
  const columns = new Map<VacancyField, string>();
  for (const f of VACANCY_FIELDS) {
    const letter = table.column(f.key);
    if (letter !== undefined) columns.set(f.key, letter);
  }
  const rows: VacancyRowInput[] = [];
  let dataRows = 0;
  for await (const r of table.rows()) {
    // A totals row («Итого») sums the schools; it is not one.
    if (r.kind !== 'data') continue;
    const values: VacancyRowInput['values'] = {};
    for (const f of VACANCY_FIELDS) {
      if (!table.has(f.key)) continue;
      const v = table.cell(r, f.key)?.value;
      values[f.key] = v === undefined || v === null ? null : typeof v === 'boolean' ? String(v) : v;
    }
    if (notASchool(values)) continue;
    dataRows++;
    rows.push({
      row: r.row,
      values,
      at: (field) => {
        const column = columns.get(field);
        return { file, sheet, row: r.row, ...(column === undefined ? {} : { column }) };
      },
    });
  }
  if (form && !rows.some(schoolRow)) return form;
  return { rows, dataRows, statedMunicipality: statedMunicipality(table.preamble) };
}

/**
 * Every visible sheet that is a vacancy table or form (a school may send one sheet per school, or a
 * sheet of instructions beside the table); `--sheet` names the one to read. A file where no sheet
 * fits is an input error (exit 3) showing what the first sheet's header looked like.
 */
async function readVacancyFile(file: string, opts: ReadOpts): Promise<VacancyFile> {
  const wb = await openWorkbook(file, opts.read);
  try {
    const which: (string | number)[] =
      opts.sheet !== undefined
        ? [opts.sheet]
        : wb.sheets
            .filter((s) => !s.hidden)
            .sort((a, b) => a.index - b.index)
            .map((s) => s.index);
    const out: VacancyFile = { file, format: wb.format, rows: [], dataRows: 0, findings: [] };
    const sink = opts.keepCsvRows && wb.format === 'csv' ? (out.csvRows = []) : undefined;
    let firstMiss: InputError | undefined;
    let found = false;
    for (const w of which) {
      const handle = await wb.sheet(w);
      const got = await readSheet(wb, handle, opts, sink);
      if (got === undefined) continue;
      if (got instanceof InputError) {
        firstMiss ??= got;
        continue;
      }
      found = true;
      out.rows.push(...got.rows);
      out.dataRows += got.dataRows;
      out.statedMunicipality ??= got.statedMunicipality;
      out.findings.push(...handle.findings);
    }
    if (!found) throw firstMiss ?? new InputError('table.no-sheets', { file });
    return out;
  } finally {
    await wb.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Checking files (validate and submit share it)

interface Checked {
  file: string;
  /** absent when the file could not be read */
  read?: VacancyFile;
  lines: VacancyLine[];
  findings: Finding[];
}

/** The options of every command that reads vacancy sheets (`validate`, `submit`). */
const readingOptions = readerOptions.extend({ municipality: z.string().optional(), ...flagSchema(['json']) });
type ReadingOptions = z.output<typeof readingOptions> & { annotate?: string | undefined };

function readFlags(opts: ReadingOptions, keepCsvRows: boolean): ReadOpts {
  const map = opts.map;
  return { sheet: opts.sheet, map: map && Object.keys(map).length ? map : undefined, read: readOptions(opts), keepCsvRows };
}

/**
 * Reads and checks each file against the registry and the campaign's settings. A file that cannot be
 * read does not stop the others (as in `order validate`): it is a `file-unreadable` finding, and the
 * command ends with 3 only when no file could be read.
 */
async function checkFiles(ctx: Ctx, ws: Workspace, files: string[], opts: ReadingOptions): Promise<Checked[]> {
  const registry = registryOf(ws);
  const sheetMunicipality = knownMunicipality(registry, opts.municipality);
  const settings = vacancySettings(ws);
  const checked: Checked[] = [];
  for (const file of files) {
    const got = await readOrFinding(ctx, file, () => readVacancyFile(file, readFlags(opts, opts.annotate !== undefined)));
    if ('unreadable' in got) {
      checked.push({ file, lines: [], findings: [got.unreadable] });
      continue;
    }
    const read = got.value;
    let stated = sheetMunicipality;
    if (stated === undefined && read.statedMunicipality !== undefined) {
      stated = registryMunicipality(registry, read.statedMunicipality);
      // A title in words the registry does not know would make every school «of another municipality».
      if (stated === undefined) ctx.note(ctx.t('vacancies.municipality-unrecognised', { file, value: read.statedMunicipality }));
    }
    const result = validateVacancies({ rows: read.rows, registry, sheetMunicipality: stated, settings });
    checked.push({ file, read, lines: result.lines, findings: [...read.findings, ...result.findings] });
  }
  return checked;
}

/** What the shared validate pipeline (src/cli-kit/validate.ts) needs of a checked vacancy sheet. */
function asChecked(c: Checked): CheckedFile {
  return { file: c.file, rows: c.read?.dataRows ?? 0, findings: c.findings, format: c.read?.format, csvRows: c.read?.csvRows };
}

const validateOptions = readingOptions.extend(flagSchema(['annotate']));

async function validate(ctx: Ctx, files: string[], opts: z.output<typeof validateOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const checked = await checkFiles(ctx, ws, files, opts);
  return finishValidation(ctx, checked.map(asChecked), { json: opts.json, annotate: opts.annotate });
}

// ---------------------------------------------------------------------------------------------
// Submitting

type Outcome = { school: string; municipality: string; status: 'stored' | 'replaced' | 'unchanged' | 'refused'; errors: number };

/** Same figures (and as many open errors) as the stored line: submitting it again changes nothing. */
function sameLine(a: StoredVacancy, b: Omit<StoredVacancy, 'submitted_at' | 'source'>): boolean {
  const keys = ['municipality', 'classes', 'places', 'territory', 'applications', 'vacancies', 'errors'] as const;
  return keys.every((k) => a[k] === b[k]);
}

const submitOptions = readingOptions.extend({ ...flagSchema(['force']), reason: z.string().optional() });

async function submit(ctx: Ctx, files: string[], opts: z.output<typeof submitOptions>): Promise<number> {
  const force = opts.force === true;
  const reason = opts.reason?.trim();
  const checked = await checkFiles(ctx, await useWorkspace(ctx), files, opts);
  const report = validationReport(ctx, checked.map(asChecked));

  const outcome = await changeWorkspace<{ outcomes: Outcome[]; withdrawn: { municipality: string; approved_at: string }[] }>(ctx, 'vacancies submit', async (ws) => {
    const timezone = ws.config.campaign.timezone;
    const now = isoWithOffset(new Date(), timezone);
    const approvals = loadApprovals(ws);
    const changed: string[] = [];
    const outcomes: Outcome[] = [];
    const sources: { file: string; sha256: string }[] = [];
    const touched = new Set<string>();
    for (const c of checked) {
      const errorsOf = new Map<string, number>();
      for (const f of c.findings) if (f.severity === 'error' && f.school) errorsOf.set(f.school, (errorsOf.get(f.school) ?? 0) + 1);
      let input: Awaited<ReturnType<Workspace['storeInput']>> | undefined;
      for (const line of c.lines) {
        const errors = errorsOf.get(line.school) ?? 0;
        const base = { school: line.school, municipality: line.municipality, errors };
        if (errors > 0 && !force) {
          outcomes.push({ ...base, status: 'refused' });
          continue;
        }
        const next: Omit<StoredVacancy, 'submitted_at' | 'source'> = {
          school: line.school,
          municipality: line.municipality,
          classes: line.classes,
          places: line.places,
          ...(line.territory === undefined ? {} : { territory: line.territory }),
          ...(line.applications === undefined ? {} : { applications: line.applications }),
          vacancies: line.vacancies,
          errors,
          ...(errors > 0 ? { forced: true, ...(reason ? { reason } : {}) } : {}),
        };
        const previous = loadVacancy(ws, line.school);
        if (previous && sameLine(previous, next)) {
          outcomes.push({ ...base, status: 'unchanged' });
          continue;
        }
        if (!input) {
          input = await ws.storeInput(c.file, path.basename(c.file));
          sources.push({ file: path.basename(c.file), sha256: input.sha256 });
          if (!input.existed) changed.push(input.stored);
        }
        const stored: StoredVacancy = { ...next, submitted_at: now, source: { file: path.basename(c.file), sha256: input.sha256, stored: input.stored } };
        changed.push(await saveVacancy(ws, stored));
        outcomes.push({ ...base, status: previous ? 'replaced' : 'stored' });
        touched.add(line.municipality);
      }
    }
    // Approved figures that change are no longer what was approved: the municipality approves again.
    const withdrawn = [...touched].filter((m) => approvals[m]).map((m) => ({ municipality: m, approved_at: approvals[m]!.approved_at }));
    if (withdrawn.length) {
      for (const w of withdrawn) delete approvals[w.municipality];
      changed.push(await saveApprovals(ws, approvals));
    }
    const stored = outcomes.filter((o) => o.status === 'stored' || o.status === 'replaced');
    return {
      changed,
      journal: {
        files: sources,
        schools: stored.map((o) => o.school),
        ...(stored.some((o) => o.errors > 0) ? { forced: true, ...(reason ? { reason } : {}) } : {}),
        ...(withdrawn.length ? { approvals_withdrawn: withdrawn.map((w) => w.municipality) } : {}),
      },
      result: { outcomes, withdrawn },
    };
  });

  tellSubmitted(ctx, outcome.outcomes);
  for (const w of outcome.withdrawn) ctx.note(ctx.t('vacancies.approval-withdrawn', { municipality: w.municipality, date: shownTime(w.approved_at) }));
  if (opts.json) ctx.out(renderJson({ ...report, submitted: outcome.outcomes }));
  else if (report.findings.length) ctx.out(renderReportTable(report, ctx));

  // Done without errors when every error belongs to a line that was stored anyway (--force).
  const kept = new Set(outcome.outcomes.filter((o) => o.status !== 'refused').map((o) => o.school));
  const open = checked.flatMap((c) => c.findings).filter((f) => f.severity === 'error' && !(f.school && kept.has(f.school)));
  return validationExit(checked.map(asChecked), { ok: open.length === 0 });
}

function tellSubmitted(ctx: Ctx, outcomes: Outcome[]): void {
  const list = (status: Outcome['status']) => outcomes.filter((o) => o.status === status);
  const codes = (os: Outcome[]) => os.map((o) => o.school).join(', ');
  const stored = [...list('stored'), ...list('replaced')];
  if (stored.length) ctx.note(ctx.t('vacancies.stored', { count: stored.length, schools: codes(stored) }));
  const forced = stored.filter((o) => o.errors > 0);
  if (forced.length) ctx.note(ctx.t('vacancies.stored-forced', { schools: forced.map((o) => `${o.school} (${o.errors})`).join(', ') }));
  const unchanged = list('unchanged');
  if (unchanged.length) ctx.note(ctx.t('vacancies.unchanged', { count: unchanged.length, schools: codes(unchanged) }));
  const refused = list('refused');
  if (refused.length) ctx.note(ctx.t('vacancies.refused', { count: refused.length, schools: refused.map((o) => `${o.school} (${o.errors})`).join(', ') }));
  if (outcomes.length === 0) ctx.note(ctx.t('vacancies.nothing-to-submit'));
}

// ---------------------------------------------------------------------------------------------
// Approving (stage 8)

/** How people read a stored timestamp: the campaign zone's wall clock it was written in. */
function shownTime(iso: string): string {
  const time = DateTime.fromISO(iso, { setZone: true });
  return time.isValid ? time.toFormat('dd.MM.yyyy HH:mm') : iso;
}

const MAX_LISTED = 10;

function listed(codes: string[]): string {
  return codes.length > MAX_LISTED ? `${codes.slice(0, MAX_LISTED).join(', ')} … (+${codes.length - MAX_LISTED})` : codes.join(', ');
}

/** The latest line of each school: what the municipality would approve. */
function latestLines(lines: StoredVacancy[]): StoredVacancy[] {
  const by = new Map<string, StoredVacancy>();
  for (const l of lines) {
    const prev = by.get(l.school);
    if (!prev || l.submitted_at >= prev.submitted_at) by.set(l.school, l);
  }
  return [...by.values()];
}

const approveOptions = z.object({ municipality: z.string(), force: z.boolean().optional(), reason: z.string().optional() });

async function approve(ctx: Ctx, opts: z.output<typeof approveOptions>): Promise<number> {
  const code = opts.municipality;
  const force = opts.force === true;
  const reason = opts.reason?.trim() ?? '';
  if (force && !reason) throw new UsageError('vacancies.force-needs-reason');

  const result = await changeWorkspace<{ approval: StoredApproval; already: boolean; overridden: string[] }>(ctx, 'vacancies approve', async (ws) => {
    const registry = registryOf(ws);
    knownMunicipality(registry, code);
    const approvals = loadApprovals(ws);
    const existing = approvals[code];
    if (existing) return { changed: [], result: { approval: existing, already: true, overridden: [] } };

    const submitted = latestLines(loadVacancies(ws));
    const openErrors = submitted.filter((l) => l.municipality === code).reduce((n, l) => n + l.errors, 0);
    const verdict = canApprove(code, { registry, submitted, openErrors });
    const overridden: string[] = [];
    if (!verdict.ok) {
      const reasons = verdict.reasons.map((r) =>
        r === 'errors' ? ctx.t('vacancy.refused-errors', { count: openErrors }) : ctx.t('vacancy.refused-missing-schools', { missing: listed(verdict.missing) }),
      );
      if (!force) throw new DataError('vacancy.approve-refused', { municipality: code, reasons: reasons.join('; ') });
      overridden.push(...reasons);
    }
    const approval: StoredApproval = {
      approved_at: isoWithOffset(new Date(), ws.config.campaign.timezone),
      ...(overridden.length ? { forced: true, reason } : {}),
      user: currentUser(),
    };
    approvals[code] = approval;
    const written = await saveApprovals(ws, approvals);
    return {
      changed: [written],
      journal: { municipality: code, approved_at: approval.approved_at, ...(overridden.length ? { forced: true, reason, overridden } : {}) },
      result: { approval, already: false, overridden },
    };
  });

  const date = shownTime(result.approval.approved_at);
  if (result.already) ctx.note(ctx.t('vacancies.already-approved', { municipality: code, date }));
  else if (result.overridden.length) ctx.note(ctx.t('vacancies.approved-forced', { municipality: code, date, overridden: result.overridden.join('; '), reason }));
  else ctx.note(ctx.t('vacancies.approved', { municipality: code, date }));
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// Report and template

const reportOptions = z.object({ ...flagSchema(['json']), xlsx: z.string().optional() });

async function report(ctx: Ctx, opts: z.output<typeof reportOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const submitted = loadVacancies(ws);
  const result: VacancyReport = vacancyReport({ registry, submitted, approvals: loadApprovals(ws) });
  if (opts.xlsx !== undefined) {
    const file = path.resolve(ctx.cwd, opts.xlsx);
    // exceljs is loaded only when the workbook is asked for (src/features/vacancies/report-xlsx.ts).
    const { writeVacancyReportXlsx } = await import('./report-xlsx.js');
    const { campaign } = ws.config;
    await writeVacancyReportXlsx({ report: result, registry, lines: latestLines(submitted), asOf: shownTime(isoWithOffset(new Date(), campaign.timezone)), region: campaign.region, time: shownTime, lang: ctx.lang }, file);
    ctx.note(ctx.t('vacancies.report-xlsx-written', { file }));
  }
  if (opts.json) {
    ctx.out(renderJson(result));
    return EXIT.ok;
  }
  if (opts.xlsx !== undefined) return EXIT.ok;
  const approval = (m: { approved_at?: string; forced?: boolean; reason?: string }) =>
    m.approved_at === undefined
      ? ctx.t('vacancy.not-approved')
      : m.forced
        ? ctx.t('vacancy.approved-forced', { date: shownTime(m.approved_at), reason: m.reason ?? '' })
        : shownTime(m.approved_at);
  const table = plainTable(
    ['vacancy.col-municipality', 'vacancy.col-schools', 'vacancy.col-submitted', 'vacancy.col-classes', 'vacancy.col-places', 'vacancy.col-vacancies', 'vacancy.col-missing', 'vacancy.col-approved'].map((k) => ctx.t(k)),
    ctx.color,
  );
  for (const m of result.municipalities)
    table.push([m.name === m.code ? m.code : `${m.code} ${m.name}`, m.schools, m.submitted, m.classes, m.places, m.vacancies, m.missing, approval(m)]);
  const total = result.total;
  table.push([ctx.t('vacancy.total'), total.schools, total.submitted, total.classes, total.places, total.vacancies, total.missing, `${total.approved}/${result.municipalities.length}`]);
  const lines = [table.toString()];
  for (const m of result.municipalities)
    if (m.missing && m.submitted) lines.push(ctx.t('vacancies.missing-schools', { municipality: m.code, schools: listed(m.missing_schools) }));
  ctx.out(lines.join('\n'));
  return EXIT.ok;
}

const templateOptions = z.object({ out: z.string(), ...flagSchema(['municipality']) });

async function template(ctx: Ctx, opts: z.output<typeof templateOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = registryOf(ws);
  const municipality = knownMunicipality(registry, opts.municipality);
  const out = outputFile(ctx, opts.out);
  const { schools } = await writeVacancyTemplate({ registry, municipality, campaign: ws.config.campaign, settings: vacancySettings(ws), lang: ctx.lang }, out);
  ctx.note(ctx.t('vacancies.template-written', { file: opts.out, schools, scope: municipality ?? ctx.t('vacancies.scope-region') }));
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------

export function register(program: Command, rt: Runtime): void {
  const vacancies = program
    .command('vacancies')
    .description(describe(rt, 'vacancies'));

  const reading = (cmd: Command) =>
    commonFlags(
      readerFlags(cmd, rt, { sheet: ['лист книги (иначе все видимые листы)', 'workbook sheet (else every visible sheet)'] }).option(
        '--municipality <code>',
        say(rt, 'муниципалитет, к которому относится ведомость (иначе из ячейки «Муниципалитет:» или столбца)', 'the municipality the sheet is for (else from a «Муниципалитет:» cell or column)'),
      ),
      rt,
      ['json'],
    );

  act(
    commonFlags(
      vacancies
        .command('template')
        .description(say(rt, 'бланк ведомости для школ: строка на школу, целые числа в ячейках', 'the sheet schools fill: a row per school, whole numbers only'))
        .requiredOption('--out <file>', say(rt, 'куда записать xlsx', 'where to write the xlsx')),
      rt,
      ['municipality'],
    ).addHelpText('after', examples(rt, ['uchebnik vacancies template --municipality 01 --out vacancies-01.xlsx', 'uchebnik vacancies template --out region.xlsx'])),
    rt,
    templateOptions,
    (ctx, opts) => template(ctx, opts),
  );
  act(
    commonFlags(
      reading(
        vacancies
          .command('validate')
          .argument('<files...>', say(rt, 'ведомости: xlsx или csv, таблица школ или бланк одной школы', 'sheets: xlsx or csv, a table of schools or one school’s form'))
          .description(say(rt, 'проверить ведомости вакантных мест (ничего не меняет)', 'check vacancy sheets (changes nothing)')),
      ),
      rt,
      ['annotate'],
    ).addHelpText(
      'after',
      examples(rt, [
        'uchebnik vacancies validate mo-01.xlsx',
        'uchebnik vacancies validate incoming/*.xlsx --annotate checked/',
        'uchebnik vacancies validate berezovka.csv --municipality 02 --json',
      ]),
    ),
    rt,
    validateOptions,
    (ctx, opts, files) => validate(ctx, files, opts),
  );
  act(
    commonFlags(
      reading(
        vacancies
          .command('submit')
          .argument('<files...>', say(rt, 'проверенные ведомости', 'checked sheets'))
          .description(say(rt, 'принять строки школ без ошибок в рабочую папку (повторная сдача заменяет прежнюю)', 'accept the schools’ lines without errors (a new submission replaces the old)')),
      ),
      rt,
      ['force'],
    )
      .option('--reason <text>', say(rt, 'почему (записывается в журнал)', 'why (journaled)'))
      .addHelpText('after', examples(rt, ['uchebnik vacancies submit mo-01.xlsx', 'uchebnik vacancies submit school-0301.xlsx school-0302.xlsx', 'uchebnik vacancies submit mo-02.csv --force --reason "исправлено по телефону"'])),
    rt,
    submitOptions,
    (ctx, opts, files) => submit(ctx, files, opts),
  );
  act(
    vacancies
      .command('approve')
      .description(say(rt, 'утвердить вакантные места муниципалитета (этап 8)', 'approve a municipality’s vacancies (stage 8)'))
      .requiredOption('--municipality <code>', say(rt, 'код муниципалитета', 'municipality code'))
      .option('--force', say(rt, 'утвердить, хотя не все школы сдали или есть ошибки', 'approve although schools are missing or sheets have errors'))
      .option('--reason <text>', say(rt, 'почему (обязательно с --force, записывается в журнал)', 'why (required with --force, journaled)'))
      .addHelpText('after', examples(rt, ['uchebnik vacancies approve --municipality 01', 'uchebnik vacancies approve --municipality 02 --force --reason "школа 0206 закрыта на ремонт"'])),
    rt,
    approveOptions,
    (ctx, opts) => approve(ctx, opts),
  );
  act(
    commonFlags(
      vacancies
        .command('report')
        .description(say(rt, 'сводка по муниципалитетам: школы, классы, места, вакансии, кто не сдал, утверждение', 'per municipality: schools, classes, places, vacancies, who is missing, approval')),
      rt,
      ['json'],
    )
      .option('--xlsx <file>', say(rt, 'записать сводку по школам в книгу Excel для печати (A4)', 'write the breakdown by school to an Excel workbook for printing (A4)'))
      .addHelpText('after', examples(rt, ['uchebnik vacancies report', 'uchebnik vacancies report --json | jq .total', 'uchebnik vacancies report --xlsx вакантные-места.xlsx'])),
    rt,
    reportOptions,
    (ctx, opts) => report(ctx, opts),
  );
}
