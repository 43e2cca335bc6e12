/** `uchebnik registry import|show` — municipalities and schools (docs/file-formats.md#registry). */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { shellQuote } from '../../cli-kit/shell.js';
import { describe } from '../../cli-kit/commands.js';
import { readOptions, readerFlags, readerOptions, type ReaderOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import type { Ctx } from '../../cli-kit/context.js';
import { columnLetter, type CellAddress } from '../../core/finding.js';
import { GRADES, mergeRegistry, parseRegistryRows, REQUISITE_FIELDS, schoolKey, schoolsOf, type Registry, type RegistryRowInput } from '../../core/model/registry.js';
import type { Finding } from '../../core/finding.js';
import { buildReport } from '../../core/report/report.js';
import { plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { oneLine } from '../../io/sheets/one-line.js';
import { headerLooksLikeData, recogniseRegistryColumns, type RegistryColumnRole, type RegistryColumnsGuess, type RegistryDoubt } from './columns.js';
import { cellText, findTable, type Table, type TableSpec } from '../../io/sheets/table.js';
import type { Workbook } from '../../io/sheets/types.js';
import { rememberMapping } from '../../io/workspace/mappings.js';
import { readWithRemembered } from '../../cli-kit/remembered.js';
import { loadRegistry, saveRegistry } from './store.js';
import { registerRequisites, REQUISITES_SPEC } from './requisites-command.js';
import { requisiteCellText } from './requisite-cell.js';
import { applyRequisites, type RequisitesInputField, type RequisitesRowInput } from './requisites.js';
import { registerCards } from './cards-command.js';
import { InputError, UsageError, EXIT } from '../../core/errors.js';

/**
 * The registry's columns: the synonyms, and for the recogniser (src/io/sheets/recognise/) each field's
 * role in the table of header words and what its cells hold, so that «Логин ОО», «Сокр. наименование»,
 * «Код МСУ» or «АТЕ» are read as what they are and a header whose cells do not fit is not.
 */
/** The requisites a registry file may carry beside its schools, headed as in a `registry requisites` file. */
const REQUISITE_COLUMNS = REQUISITES_SPEC.fields.filter((f) => (REQUISITE_FIELDS as readonly string[]).includes(f.key));

export const REGISTRY_SPEC: TableSpec = {
  fields: [
    { key: 'code', synonyms: ['Код ОО', 'Код школы', 'Код организации', 'Код учреждения', 'Код'], prefix: false, role: 'school_code', content: ['shortcode', 'whole', 'text'] },
    { key: 'short_name', synonyms: ['Краткое наименование', 'Сокращенное наименование', 'Наименование ОО', 'Школа', 'Наименование', 'ОО'], role: 'short_name', content: ['text'] },
    { key: 'full_name', synonyms: ['Полное наименование'], role: 'full_name', content: ['text'] },
    { key: 'municipality_code', synonyms: ['Код МО', 'Код муниципалитета', 'Код муниципального образования', 'Код района', 'Код МР'], role: 'municipality', content: ['shortcode', 'whole', 'text'] },
    { key: 'municipality_name', synonyms: ['Муниципалитет', 'Муниципальное образование', 'МО', 'Район', 'Муниципальный район'], role: 'municipality_name', content: ['text'] },
    // The municipal authority's e-mail (deadlines remind writes its letters to it); the school's own is a requisites column.
    {
      key: 'municipality_email',
      synonyms: ['Эл. почта МО', 'Эл. почта МОУО', 'Эл. почта УО', 'Электронная почта МО', 'Электронная почта МОУО', 'Электронная почта УО', 'E-mail МО', 'E-mail МОУО', 'E-mail УО', 'Email МОУО', 'Почта МОУО'],
      prefix: false,
      content: ['text'],
    },
    { key: 'inn', synonyms: ['ИНН'], role: 'inn', content: ['inn', 'whole'] },
    { key: 'kpp', synonyms: ['КПП'], role: 'kpp', content: ['kpp', 'whole'] },
    { key: 'legal_form', synonyms: ['Тип учреждения', 'Организационно-правовая форма', 'Тип ОО', 'Тип'], content: ['text'] },
    ...GRADES.map((g) => ({
      key: `students_${g}`,
      // «5 класс», «5-е классы», «Обуч. 5 кл.», «Учащихся 5 кл»: a grade's number with a word of classes or pupils.
      synonyms: [`${g} класс`, `${g} кл`, `${g} классы`, `${g}-е классы`, `${g}-й класс`, `Контингент ${g}`, `Обучающихся ${g}`, `Обуч. ${g} кл.`, `Обуч. ${g}`, `Учащихся ${g}`, `Учащихся ${g} кл`, `Количество обучающихся ${g} класс`, `Контингент ${g} класс`],
      prefix: false,
      content: ['whole' as const],
    })),
    ...REQUISITE_COLUMNS,
  ],
  required: ['short_name|full_name', 'municipality_code|municipality_name'],
};

/** Names accepted by --columns for files without a header (the real Томск list is one). */
const COLUMN_ALIASES: Record<string, string> = {
  code: 'code',
  school: 'code',
  short: 'short_name',
  name: 'short_name',
  full: 'full_name',
  municipality: 'municipality_code',
  mo: 'municipality_code',
  'municipality-name': 'municipality_name',
  'municipality-email': 'municipality_email',
  inn: 'inn',
  kpp: 'kpp',
  form: 'legal_form',
  '-': '-',
  ...Object.fromEntries(GRADES.map((g) => [`g${g}`, `students_${g}`])),
};

/**
 * The fields of `--columns`, in order. A skipped column is the field «-», the name the user typed: it
 * is never looked up, and any message that lists the columns shows «-» (it used to show a random
 * internal name such as `skip_0.3217…`).
 */
export function parseColumns(value: string, t: (key: string) => string): string[] {
  const fields = value.split(',').map((raw) => {
    const key = COLUMN_ALIASES[raw.trim().toLowerCase()];
    if (!key) throw new UsageError('registry.columns-bad', { value: raw.trim(), allowed: Object.keys(COLUMN_ALIASES).join(', ') });
    return key;
  });
  // What REGISTRY_SPEC requires, said in the words of --columns before any file is read.
  const missing: string[] = [];
  if (!fields.includes('short_name') && !fields.includes('full_name')) missing.push('registry.columns-missing-name');
  if (!fields.includes('municipality_code') && !fields.includes('municipality_name')) missing.push('registry.columns-missing-municipality');
  if (missing.length) throw new UsageError('registry.columns-missing', { value, missing: missing.map((k) => t(k)).join(', ') });
  return fields;
}

/** The `--columns` name of each role the content recogniser gives. */
const ROLE_ALIAS: Record<RegistryColumnRole, string> = {
  municipality_code: 'municipality',
  municipality_name: 'municipality-name',
  code: 'code',
  short_name: 'short',
  full_name: 'full',
  inn: 'inn',
  kpp: 'kpp',
  skip: '-',
};

/** The refusals of sheets/table.ts that mean «no header row»: the registry then reads the columns by content. */
const NO_HEADER = new Set(['table.header-not-found', 'table.no-header-row']);

/** Rows the content recogniser looks at: enough to see which values repeat, few enough to stay instant. */
const SAMPLE_ROWS = 500;


/** The command line that loads `file` with these `--columns`, with the reader flags the user gave. */
function importCommand(file: string, opts: ReaderOptions, columns: string): string {
  const words = ['uchebnik', 'registry', 'import', shellQuote(file), '--columns', columns];
  for (const flag of ['sheet', 'encoding', 'delimiter'] as const) {
    const value = opts[flag];
    if (value !== undefined) words.push(`--${flag}`, shellQuote(value));
  }
  return words.join(' ');
}

/** The guess as the value of `--columns`: trailing skipped columns left out. */
function columnsValue(guess: RegistryColumnsGuess): string {
  const names = guess.columns.map((c) => ROLE_ALIAS[c.role]);
  while (names.length > 1 && names[names.length - 1] === '-') names.pop();
  return names.join(',');
}

/** The guess as `--map` options, for a file whose header uchebnik does not know. */
function mapOptions(guess: RegistryColumnsGuess): string {
  return guess.columns
    .filter((c) => c.role !== 'skip')
    .map((c) => `--map ${c.role}=${columnLetter(c.column)}`)
    .join(' ');
}

/** One line per column with its role and why; runs of empty columns in one line. */
function evidenceLines(ctx: Ctx, guess: RegistryColumnsGuess): string[] {
  const lines: string[] = [];
  const cols = guess.columns;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    if (c.reason === 'empty') {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1]!.reason === 'empty') j++;
      const range = j > i ? `${columnLetter(i)}–${columnLetter(j)}` : columnLetter(i);
      lines.push(ctx.t('registry.column-empty', { columns: range }));
      i = j;
      continue;
    }
    const why = ctx.t(`registry.why.${c.reason}`, {
      distinct: c.distinct,
      filled: c.filled,
      rows: guess.rows,
      avg: c.avgLength,
      sample: oneLine(c.sample ?? '', 60),
    });
    lines.push(ctx.t('registry.column-line', { column: columnLetter(c.column), alias: ROLE_ALIAS[c.role], role: ctx.t(`registry.role.${c.role}`), why }));
  }
  return lines;
}

function doubtText(ctx: Ctx, d: RegistryDoubt): string {
  const columns = 'columns' in d ? d.columns.map(columnLetter).join(', ') : undefined;
  return ctx.t(`registry.doubt.${d.kind}`, { columns, rows: 'rows' in d ? d.rows : undefined });
}

/**
 * A registry sheet with no header uchebnik knows, read by content (issue 16, pattern 11): when the
 * recogniser has no doubt, the columns it found, said on stderr with the `--columns` line that would
 * override them; otherwise a refusal (exit 3, one line) that ends with the command line that would load
 * the file by the guess, for the user to check and run. When the content shows no school name or no
 * municipality at all, `fallback.refusal` (the table's own) is thrown, or undefined returned.
 */
async function columnsByContent(ctx: Ctx, file: string, opts: ReaderOptions, fallback: { preface?: string; refusal?: unknown } = {}): Promise<{ columns: string[]; sheet?: string } | undefined> {
  // The sheet named by --sheet; else the first (visible first, in tab order) whose content reads as a
  // registry — an instructions sheet before the list is passed over.
  const wb = await openWorkbook(file, readOptions(opts));
  let sheetName = '';
  let guess: RegistryColumnsGuess | undefined;
  try {
    const names = opts.sheet !== undefined ? [opts.sheet] : [...wb.sheets].sort((a, b) => Number(a.hidden) - Number(b.hidden) || a.index - b.index).map((s) => s.name);
    for (const name of names) {
      const sheet = await wb.sheet(name);
      const sample: string[][] = [];
      for await (const r of sheet.rows()) {
        sample.push(r.cells.map((c) => cellText(c)));
        if (sample.length >= SAMPLE_ROWS) break;
      }
      const g = recogniseRegistryColumns(sample);
      const roles = new Set(g.columns.map((c) => c.role));
      const usable = (roles.has('short_name') || roles.has('full_name')) && (roles.has('municipality_code') || roles.has('municipality_name'));
      if (!guess || usable) [guess, sheetName] = [g, sheet.name];
      if (usable) break;
    }
  } finally {
    await wb.close();
  }
  if (!guess) throw fallback.refusal ?? new InputError('table.no-sheets', { file });
  if (sheetName && opts.sheet === undefined && wb.sheets.length > 1) opts = { ...opts, sheet: sheetName };
  const value = columnsValue(guess);
  const command = importCommand(file, opts, value);
  if (guess.doubts.length === 0) {
    ctx.note([...(fallback.preface ? [fallback.preface] : []), ctx.t('registry.by-content', { file, rows: guess.rows }), ...evidenceLines(ctx, guess), ctx.t('registry.by-content-override', { command })].join('\n'));
    return { columns: value.split(',').map((a) => COLUMN_ALIASES[a]!), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}) };
  }
  // Content that suggests no school name or no municipality is not a registry read wrongly: the
  // table's own refusal (the headers it saw, --map) says more.
  const roles = new Set(guess.columns.map((c) => c.role));
  const loadable = (roles.has('short_name') || roles.has('full_name')) && (roles.has('municipality_code') || roles.has('municipality_name'));
  if (!loadable) {
    if (fallback.refusal) throw fallback.refusal;
    return undefined;
  }
  // A refusal is one line on stderr (docs/architecture.md#conventions): the command it ends with carries the guess.
  const doubts = guess.doubts.map((d) => doubtText(ctx, d)).join('; ');
  const header = guess.doubts.some((d) => d.kind === 'first-row');
  throw new InputError(header ? 'registry.by-content-unsure-header' : 'registry.by-content-unsure', {
    file,
    sheet: oneLine(sheetName),
    doubts,
    command,
    map: mapOptions(guess),
  });
}

/** The data rows of a registry table as the domain reads them, with the first rows' cell texts for the recogniser. */
interface RegistryRead {
  rows: RegistryRowInput[];
  /** the rows that give any requisite, for requisites.ts: by the school's code, else its ИНН */
  requisites: RequisitesRowInput[];
  dataRows: number;
  sample: string[][];
}

async function readRegistryRows(table: Table, format: Workbook['format']): Promise<RegistryRead> {
  const rows: RegistryRowInput[] = [];
  const requisites: RequisitesRowInput[] = [];
  const sample: string[][] = [];
  let dataRows = 0;
  for await (const r of table.rows()) {
    if (r.kind !== 'data') continue;
    dataRows++;
    if (sample.length < SAMPLE_ROWS) sample.push(r.cells.map((c) => cellText(c)));
    const get = (f: string) => {
      const c = table.cell(r, f);
      return c === undefined ? undefined : cellText(c);
    };
    const students: Record<string, string | number | null> = {};
    for (const g of GRADES) {
      const c = table.cell(r, `students_${g}`);
      if (table.has(`students_${g}`)) students[g] = c?.value === undefined ? null : typeof c.value === 'boolean' ? String(c.value) : c.value;
    }
    const at = (field: string): CellAddress => {
      const col = table.columns.get(field);
      return { file: table.file, sheet: format === 'csv' ? undefined : table.sheet, row: r.row, column: col === undefined ? undefined : columnLetter(col) };
    };
    const given: RequisitesRowInput['values'] = {};
    for (const f of REQUISITE_COLUMNS) if (table.has(f.key)) given[f.key as RequisitesInputField] = requisiteCellText(table.cell(r, f.key), f.key);
    if (Object.values(given).some((v) => v?.trim())) {
      // The ИНН only names a school without a code: its checks are the registry's own (parseRegistryRows).
      const code = get('code')?.trim();
      requisites.push({ row: r.row, values: { ...given, ...(code ? { code } : { inn: get('inn') }) }, at });
    }
    rows.push({
      row: r.row,
      code: get('code'),
      short_name: get('short_name'),
      full_name: get('full_name'),
      municipality_code: get('municipality_code'),
      municipality_name: get('municipality_name'),
      municipality_email: get('municipality_email'),
      inn: get('inn'),
      kpp: get('kpp'),
      legal_form: get('legal_form'),
      students,
      at,
    });
  }
  return { rows, requisites, dataRows, sample };
}

/**
 * The requisites columns of a registry file laid over the merged registry (requisites.ts: a cell left
 * empty keeps what the school had); a school whose requisites have an error keeps what it had, as a
 * `registry requisites` file with an error stores nothing.
 */
function withRequisites(registry: Registry, rows: readonly RequisitesRowInput[]): { registry: Registry; findings: Finding[] } {
  if (rows.length === 0) return { registry, findings: [] };
  const update = applyRequisites(registry, rows);
  const refused = new Set(update.findings.filter((f) => f.severity === 'error').map((f) => f.school));
  return { registry: { ...update.registry, schools: update.registry.schools.map((s, i) => (refused.has(s.code) ? registry.schools[i]! : s)) }, findings: update.findings };
}

/** What the registry's remembered mapping is called in messages. */
const REGISTRY_MAPPING = 'registry';

/** The --columns name of a field (the first alias that names it). */
const FIELD_ALIAS: Record<string, string> = Object.fromEntries(Object.entries(COLUMN_ALIASES).reverse().map(([alias, field]) => [field, alias]));

const importOptions = readerOptions.extend({ columns: z.string().optional(), ...flagSchema(['json']) });

async function importRegistry(ctx: Ctx, file: string, opts: z.output<typeof importOptions>): Promise<number> {
  const columns = opts.columns !== undefined ? parseColumns(opts.columns, (k) => ctx.t(k)) : undefined;
  let wb: Workbook = await openWorkbook(file, readOptions(opts));
  try {
    const tableOpts: { sheet?: string; map?: Record<string, string>; columns?: string[] } = { sheet: opts.sheet, map: opts.map, columns };
    let table: Table | undefined;
    let refusal: InputError | undefined;
    try {
      table = await findTable(wb, REGISTRY_SPEC, tableOpts);
    } catch (err) {
      // A header-less list is read by content; a header the user pointed at with --map or --columns is not second-guessed.
      if (!(err instanceof InputError) || !NO_HEADER.has(err.key) || columns || opts.map) throw err;
      refusal = err;
      // A mapping given for an earlier file of the registry (--map or --columns) comes before a guess.
      table = await readWithRemembered(ctx, wb, REGISTRY_SPEC, tableOpts.sheet, {
        kind: 'registry',
        key: REGISTRY_MAPPING,
        label: ctx.t('registry.mapping-name'),
        show: (m) => (m.columns ? `--columns ${m.columns.map((f) => FIELD_ALIAS[f] ?? f).join(',')}` : Object.entries(m.map).map(([f, c]) => `--map ${f}=${c}`).join(' ')),
      });
    }
    if (!table) {
      const byContent = (await columnsByContent(ctx, file, opts, { refusal }))!;
      tableOpts.sheet = byContent.sheet ?? tableOpts.sheet;
      await wb.close();
      wb = await openWorkbook(file, readOptions(opts));
      table = await findTable(wb, REGISTRY_SPEC, { ...tableOpts, columns: byContent.columns });
    }
    let read = await readRegistryRows(table, wb.format);
    // A header-less list whose first row happens to hold header words was matched as a header: read
    // it by content instead, or that school would be lost without a word.
    const headerRow = table.headerRows.length === 1 ? table.headerRows[0]! : undefined;
    const like = headerRow !== undefined && !columns && !opts.map ? headerLooksLikeData(table.labels, read.sample) : [];
    if (like.length) {
      const preface = ctx.t('registry.header-is-data', {
        row: headerRow,
        columns: like.map(columnLetter).join(', '),
        text: oneLine(table.labels.filter(Boolean).join('; '), 120),
      });
      const byContent = await columnsByContent(ctx, file, opts, { preface });
      if (byContent) {
        await wb.close();
        wb = await openWorkbook(file, readOptions(opts));
        table = await findTable(wb, REGISTRY_SPEC, { ...tableOpts, sheet: byContent.sheet ?? tableOpts.sheet, columns: byContent.columns });
        read = await readRegistryRows(table, wb.format);
      }
    }
    const { rows, dataRows } = read;
    const parsed = parseRegistryRows(rows);

    type Merged = Omit<ReturnType<typeof mergeRegistry>, 'registry'>;
    const outcome = await changeWorkspace<{ merged: Merged; unchanged: boolean; requisiteFindings: Finding[] }>(ctx, 'registry import', async (ws) => {
      const stored = loadRegistry(ws);
      const m = mergeRegistry(stored, parsed.registry);
      // The requisites go over what the merge kept of the stored ones; a school they alone change is changed too.
      const req = withRequisites(m.registry, read.requisites);
      const storedJson = new Map(stored.schools.map((s) => [s.code, schoolKey(s)]));
      const byRequisites = req.registry.schools.filter((s, i) => {
        const before = schoolKey(m.registry.schools[i]!);
        return storedJson.get(s.code) === before && schoolKey(s) !== before;
      }).length;
      const merged = { added: m.added, removed: m.removed, changed: m.changed + byRequisites };
      const unchanged = merged.added === 0 && merged.removed === 0 && merged.changed === 0 && stored.schools.length > 0;
      if (unchanged) return { changed: [], result: { merged, unchanged, requisiteFindings: req.findings } };
      const input = await ws.storeInput(file, file);
      const written = await saveRegistry(ws, req.registry);
      // --map or --columns given once is remembered for the registry's next file.
      const mapping = columns ? { map: {}, columns } : opts.map ? { map: opts.map } : undefined;
      const remembered = mapping ? await rememberMapping(ws, 'registry', REGISTRY_MAPPING, { ...mapping, file: path.basename(file), saved_at: new Date().toISOString() }) : undefined;
      if (remembered) ctx.note(ctx.t('recognise.remember', { name: ctx.t('registry.mapping-name') }));
      return {
        changed: [written, input.stored, ...(remembered ? [remembered] : [])],
        journal: { file, sha256: input.sha256, added: merged.added, removed: merged.removed, updated: merged.changed },
        result: { merged, unchanged, requisiteFindings: req.findings },
      };
    });
    const { merged, unchanged } = outcome;
    const findings = [...table.findings, ...parsed.findings, ...outcome.requisiteFindings];
    const report = buildReport([{ file: table.file, rows: dataRows }], findings, ctx.lang);
    ctx.note(
      unchanged
        ? ctx.t('registry.unchanged', { file })
        : ctx.t('registry.imported', {
            file,
            municipalities: parsed.registry.municipalities.length,
            schools: parsed.registry.schools.length,
            added: merged.added,
            changed: merged.changed,
            removed: merged.removed,
          }),
    );
    const hasStudents = parsed.registry.schools.some((s) => s.students);
    if (!hasStudents) ctx.note(ctx.t('registry.no-students'));
    if (opts.json) {
      ctx.out(renderJson({ ...report, imported: { municipalities: parsed.registry.municipalities.length, schools: parsed.registry.schools.length, added: merged.added, changed: merged.changed, removed: merged.removed, unchanged } }));
    } else if (findings.length) {
      ctx.out(renderReportTable(report, ctx));
    }
    return report.ok ? EXIT.ok : EXIT.dataErrors;
  } finally {
    await wb.close();
  }
}

const showOptions = z.object(flagSchema(['municipality', 'json']));

async function showRegistry(ctx: Ctx, opts: z.output<typeof showOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const muni = opts.municipality;
  if (muni && !registry.municipalities.some((m) => m.code === muni))
    throw new UsageError('registry.municipality-unknown', { code: muni, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  const municipalities = registry.municipalities.filter((m) => !muni || m.code === muni);
  const schools = schoolsOf(registry, muni);
  if (opts.json) {
    ctx.out(
      renderJson({
        municipalities: municipalities.map((m) => ({ ...m, schools: registry.schools.filter((s) => s.municipality === m.code).length })),
        schools,
      }),
    );
    return EXIT.ok;
  }
  const summary = plainTable([ctx.t('registry.col-municipality'), ctx.t('registry.col-name'), ctx.t('registry.col-schools'), ctx.t('registry.col-students')], ctx.color);
  for (const m of municipalities) {
    const mine = registry.schools.filter((s) => s.municipality === m.code);
    const students = mine.reduce((n, s) => n + Object.values(s.students ?? {}).reduce((a, b) => a + b, 0), 0);
    summary.push([m.code, m.name === m.code ? '' : m.name, mine.length, students || '—']);
  }
  ctx.out(summary.toString());
  if (muni) {
    const list = plainTable([ctx.t('registry.col-code'), ctx.t('registry.col-name'), ctx.t('registry.col-inn')], ctx.color);
    for (const s of schools) list.push([s.code, s.short_name, s.inn ?? '']);
    ctx.out(list.toString());
  }
  ctx.out(ctx.t('registry.total', { municipalities: municipalities.length, schools: schools.length }));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const registry = program.command('registry').description(describe(rt, 'registry'));
  registerRequisites(registry, rt);
  registerCards(registry, rt);
  act(
    commonFlags(
      readerFlags(
        registry
          .command('import')
          .argument('<file>', say(rt, 'файл xlsx или csv', 'an xlsx or csv file'))
          .description(say(rt, 'загрузить муниципалитеты и школы из файла', 'load municipalities and schools from a file'))
          .option(
            '--columns <list>',
            say(
              rt,
              'файл без заголовка: столбцы по порядку (municipality,municipality-name,code,short,full,inn,kpp,g1…g11, «-» — пропустить); без этого флага столбцы такого файла определяются по содержимому',
              'a file without a header: its columns in order (municipality,municipality-name,code,short,full,inn,kpp,g1…g11, "-" to skip one); without it the columns of such a file are told by their content',
            ),
          ),
        rt,
      ),
      rt,
      ['json'],
    ).addHelpText(
      'after',
      examples(rt, [
        'uchebnik registry import schools.xlsx',
        'uchebnik registry import tomsk_schools.csv',
        'uchebnik registry import schools.csv --columns municipality,code,short,full,-,inn',
        'uchebnik registry import list.csv --map inn=F --json',
      ]),
    ),
    rt,
    importOptions,
    (ctx, opts, [file]) => importRegistry(ctx, file!, opts),
  );
  act(
    commonFlags(registry.command('show').description(say(rt, 'показать реестр', 'show the registry')), rt, ['municipality', 'json']).addHelpText(
      'after',
      examples(rt, ['uchebnik registry show', 'uchebnik registry show --municipality 124', 'uchebnik registry show --json | jq .schools[0]']),
    ),
    rt,
    showOptions,
    (ctx, opts) => showRegistry(ctx, opts),
  );
}
