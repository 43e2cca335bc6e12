/** `uchebnik pricelist load|list|show|diff` — publishers' price lists (docs/file-formats.md#price-lists, stage 6). */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readerFlags, readerOptions, readOptions, type ReaderOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { authorsAndTitle, type CatalogueItem } from '../../core/model/catalogue.js';
import { columnLetter } from '../../core/finding.js';
import { formatGrade } from '../../core/grade.js';
import { formatMoney } from '../../core/money.js';
import { PRICELIST_FIELDS, PRICELIST_REQUIRED, parsePriceRows, summarizePriceList, type FieldKey, type PriceListParse, type PriceRowInput } from './rows.js';
import { diffPriceLists } from './diff.js';
import { normalizeTitle } from '../../core/text.js';
import { EXIT, InputError, UsageError } from '../../core/errors.js';
import { buildReport } from '../../core/report/report.js';
import { fitted, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { explain, type Note } from '../../io/sheets/recognise/explain.js';
import { findTable, type FieldSpec, type Table, type TableSpec } from '../../io/sheets/table.js';
import type { Workbook } from '../../io/sheets/types.js';
import { rememberMapping } from '../../io/workspace/mappings.js';
import { readWithRemembered } from '../../cli-kit/remembered.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import { currentVersion, loadPriceList, loadPriceLists, savePriceList, type StoredPriceList } from './store.js';

/**
 * What the recogniser (src/io/sheets/recognise/) weighs besides the synonyms: each field's role in the
 * table of header words and the kinds of content its cells hold. A title column may hold authors and
 * title together; «Авторы, название учебника» gives the column to the title, not to the authors.
 */
const HINTS: Record<FieldKey, Pick<FieldSpec, 'role' | 'content' | 'yieldsTo'>> = {
  fpu_code: { role: 'fpu_code', content: ['fpu'] },
  item_code: { role: 'item_code', content: ['code'] },
  isbn: { role: 'isbn', content: ['isbn'] },
  authors: { role: 'authors', content: ['authors', 'text'], yieldsTo: 'title' },
  title: { role: 'title', content: ['title', 'authors_title', 'text'] },
  grade: { role: 'grade', content: ['grade'] },
  price: { role: 'price', content: ['money'] },
  vat_rate: { role: 'vat_rate', content: ['vat'] },
  year: { role: 'year' },
  series: { role: 'series' },
  note: { role: 'note' },
};

export const PRICELIST_SPEC: TableSpec = { fields: PRICELIST_FIELDS.map((f) => ({ ...f, ...HINTS[f.key] })), required: PRICELIST_REQUIRED };
const SPEC = PRICELIST_SPEC;

/**
 * The same items, whatever the order of their fields: a stored version comes back from the state file
 * with its fields in the schema's order, a freshly parsed item has them in the order they were set.
 */
function sameItems(a: CatalogueItem[], b: CatalogueItem[]): boolean {
  const canonical = (items: CatalogueItem[]) =>
    items.map(({ source_row: _r, ...rest }) => JSON.stringify(rest, Object.keys(rest).sort())).join('\n');
  return a.length === b.length && canonical(a) === canonical(b);
}

/**
 * A --map as it is remembered: each column by its header text where the file has a header (the next
 * version of the list may move the column), by its letter where it has none.
 */
function mappingByHeader(map: Record<string, string>, table: Table): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of Object.keys(map)) {
    const col = table.columns.get(field);
    const header = col === undefined ? '' : (table.labels[col] ?? '').trim();
    const unique = header !== '' && table.headerRows.length > 0 && table.labels.filter((l) => l.trim() === header).length === 1;
    out[field] = unique ? header : col === undefined ? map[field]! : columnLetter(col);
  }
  return out;
}

/**
 * The price list's table: with the user's --map; else with the mapping remembered for the publisher
 * (said on stderr), falling back to recognition when that mapping does not fit this file.
 */
async function readPriceTable(ctx: Ctx, wb: Workbook, publisher: string, sheet: string | undefined, given: Record<string, string> | undefined): Promise<Table> {
  if (given) return findTable(wb, SPEC, { sheet, map: given });
  const remembered = await readWithRemembered(ctx, wb, SPEC, sheet, {
    kind: 'pricelist',
    key: publisher,
    label: publisher,
    show: (m) => Object.entries(m.map).map(([f, c]) => `${f}=${c}`).join(', '),
  });
  return remembered ?? findTable(wb, SPEC, { sheet });
}

export interface ReadPriceList {
  table: Table;
  parsed: PriceListParse;
  /** the sheet, for an xlsx (a CSV has one) */
  sheet?: string;
  /** what the recogniser decided, as notes for a person */
  notes: Note[];
  /** CSV: the encoding and delimiter used */
  encoding?: string;
  delimiter?: string;
}

/**
 * Reads a price list the way `pricelist load` stores it — recognised columns (or --map, or the
 * mapping remembered for the publisher), rows parsed into items and findings — without touching the
 * workspace. `inspect` shows the same reading before anything is stored.
 */
export async function readPriceList(ctx: Ctx, file: string, publisher: string, opts: ReaderOptions & { vat?: number | undefined }): Promise<ReadPriceList> {
  const wb = await openWorkbook(file, readOptions(opts));
  try {
    const table = await readPriceTable(ctx, wb, publisher, opts.sheet, opts.map);
    const rows: PriceRowInput[] = [];
    const columns: Partial<Record<FieldKey, string>> = {};
    for (const f of PRICELIST_FIELDS) {
      const c = table.columns.get(f.key);
      if (c !== undefined) columns[f.key] = columnLetter(c);
    }
    // The cells no field took are read only for a VAT rate stated in words («НДС 18%»): only those
    // that mention it are passed on, so a wide list costs no more than a narrow one.
    const taken = new Set(table.columns.values());
    const MENTIONS_VAT = /ндс|nds|vat/iu;
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      const values: PriceRowInput['values'] = {};
      for (const f of PRICELIST_FIELDS) {
        const cell = table.cell(r, f.key);
        if (cell && cell.value !== null && typeof cell.value !== 'boolean') values[f.key] = cell.value;
      }
      const other: NonNullable<PriceRowInput['other']> = [];
      r.cells.forEach((cell, c) => {
        if (!taken.has(c) && typeof cell?.value === 'string' && MENTIONS_VAT.test(cell.value)) other.push({ column: columnLetter(c), text: cell.value });
      });
      rows.push({ row: r.row, values, columns, other });
    }
    const sheet = wb.format === 'csv' ? undefined : table.sheet;
    const parsed = parsePriceRows(rows, { file, sheet, publisher, defaultVat: opts.vat });
    parsed.findings.unshift(...table.findings);
    const notes = table.recognition ? explain(table.recognition, table.mapped) : [];
    return { table, parsed, notes, ...(sheet ? { sheet } : {}), ...(wb.encoding ? { encoding: wb.encoding } : {}), ...(wb.delimiter ? { delimiter: wb.delimiter } : {}) };
  } finally {
    await wb.close();
  }
}

/** A recogniser's note in the user's language. */
export function noteText(ctx: Ctx, n: Note): string {
  return ctx.t(n.key, { ...n.params, why: n.params.why ? ctx.t(String(n.params.why), n.params) : '' });
}

const loadOptions = readerOptions.extend({ publisher: z.string(), vat: z.number().optional(), ...flagSchema(['json']) });

async function load(ctx: Ctx, file: string, opts: z.output<typeof loadOptions>): Promise<number> {
  const publisher = opts.publisher.trim();
  if (!publisher) throw new UsageError('pricelist.publisher-empty');
  const given = opts.map;
  const { table, parsed, notes, sheet } = await readPriceList(ctx, file, publisher, opts);
  for (const n of notes) ctx.note(noteText(ctx, n));
  const report = buildReport([{ file, rows: parsed.stats.rows }], parsed.findings, ctx.lang);
  if (parsed.items.length === 0) {
    // Rows that were all refused (a price list whose every price is unreadable) are data errors the
    // user has to see at their cells, not an unreadable file; nothing is stored either way.
    if (report.ok) throw new InputError('pricelist.no-items', { file, rows: parsed.stats.rows });
    ctx.note(ctx.t('pricelist.no-items', { file, rows: parsed.stats.rows }));
    ctx.out(opts.json ? renderJson(report) : renderReportTable(report, ctx));
    return EXIT.dataErrors;
  }
  const outcome = await changeWorkspace<{ version: number; unchanged: boolean }>(ctx, 'pricelist load', async (ws) => {
    const stored = loadPriceList(ws, publisher);
    const current = stored ? currentVersion(stored) : undefined;
    if (current && sameItems(current.items, parsed.items)) return { changed: [], result: { version: current.version, unchanged: true } };
    const input = await ws.storeInput(file, path.basename(file));
    const version = (current?.version ?? 0) + 1;
    const next: StoredPriceList = {
      publisher: stored?.publisher ?? publisher,
      versions: [
        ...(stored?.versions ?? []),
        {
          version,
          loaded_at: isoWithOffset(new Date(), ws.config.campaign.timezone),
          source: { file: path.basename(file), sha256: input.sha256, stored: input.stored, ...(sheet ? { sheet } : {}) },
          items: parsed.items,
        },
      ],
    };
    const written = await savePriceList(ws, next);
    const remembered = given ? await rememberMapping(ws, 'pricelist', publisher, { map: mappingByHeader(given, table), file: path.basename(file), saved_at: next.versions.at(-1)!.loaded_at }) : undefined;
    if (remembered) ctx.note(ctx.t('recognise.remember', { name: publisher }));
    return { changed: [written, input.stored, ...(remembered ? [remembered] : [])], journal: { publisher, version, items: parsed.items.length, file, sha256: input.sha256 }, result: { version, unchanged: false } };
  });

  const summary = summarizePriceList(parsed.items);
  const money = (k: number | null) => (k === null ? '—' : formatMoney(k, ctx.lang));
  ctx.note(
    outcome.unchanged
      ? ctx.t('pricelist.unchanged', { publisher, version: outcome.version, file })
      : ctx.t('pricelist.loaded', { publisher, version: outcome.version, file }),
  );
  if (opts.json) {
    ctx.out(renderJson({ ...report, loaded: { publisher, version: outcome.version, items: parsed.items.length, unchanged: outcome.unchanged, summary } }));
  } else {
    ctx.out(
      ctx.t('pricelist.summary', {
        items: summary.items,
        textbooks: summary.textbooks,
        grades: summary.grades ? formatGrade(summary.grades) : '—',
        min: money(summary.price_min_kopecks),
        max: money(summary.price_max_kopecks),
        vat: summary.vat_rates.map((r) => `${r} %`).join(', '),
        sections: parsed.stats.sections,
        skipped: parsed.stats.skipped,
      }),
    );
    if (parsed.findings.length) ctx.out(renderReportTable(report, ctx));
  }
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

const listOptions = z.object(flagSchema(['json']));

async function list(ctx: Ctx, opts: z.output<typeof listOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const lists = loadPriceLists(ws);
  if (opts.json) {
    ctx.out(
      renderJson({
        pricelists: lists.map((p) => {
          const v = currentVersion(p);
          return { publisher: p.publisher, version: v.version, versions: p.versions.length, items: v.items.length, loaded_at: v.loaded_at, file: v.source.file };
        }),
      }),
    );
    return EXIT.ok;
  }
  if (!lists.length) {
    ctx.out(ctx.t('pricelist.none'));
    return EXIT.ok;
  }
  const table = plainTable([ctx.t('pricelist.col-publisher'), ctx.t('pricelist.col-version'), ctx.t('pricelist.col-items'), ctx.t('pricelist.col-loaded'), ctx.t('pricelist.col-file')], ctx.color);
  for (const p of lists) {
    const v = currentVersion(p);
    table.push([p.publisher, `${v.version}/${p.versions.length}`, v.items.length, v.loaded_at.slice(0, 16).replace('T', ' '), v.source.file]);
  }
  ctx.out(fitted(table, ctx.width));
  return EXIT.ok;
}

function requireList(ctx: Ctx, ws: Awaited<ReturnType<typeof useWorkspace>>, publisher: string): StoredPriceList {
  const stored = loadPriceList(ws, publisher);
  if (!stored) throw new UsageError('pricelist.unknown-publisher', { publisher, known: loadPriceLists(ws).map((p) => p.publisher).join(', ') || '—' });
  return stored;
}

function versionOf(list: StoredPriceList, v: string | undefined, fallback: number) {
  const n = v === undefined ? fallback : Number(v);
  const found = list.versions.find((x) => x.version === n);
  if (!found) throw new UsageError('pricelist.unknown-version', { publisher: list.publisher, version: String(v ?? n), versions: list.versions.map((x) => x.version).join(', ') });
  return found;
}

const showOptions = z.object({ grade: z.string().optional(), search: z.string().optional(), at: z.string().optional(), ...flagSchema(['json']) });

async function show(ctx: Ctx, publisher: string, opts: z.output<typeof showOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const stored = requireList(ctx, ws, publisher);
  const v = versionOf(stored, opts.at, currentVersion(stored).version);
  const grade = opts.grade === undefined ? undefined : Number(opts.grade);
  if (grade !== undefined && !(Number.isInteger(grade) && grade >= 1 && grade <= 11)) throw new UsageError('pricelist.bad-grade', { grade: opts.grade });
  const needle = opts.search !== undefined ? normalizeTitle(opts.search) : '';
  const items = v.items.filter(
    (it) =>
      (grade === undefined || (it.grade_from !== undefined && it.grade_to !== undefined && it.grade_from <= grade && grade <= it.grade_to)) &&
      (!needle || normalizeTitle(`${it.authors} ${it.title} ${it.fpu_code ?? ''} ${it.item_code ?? ''}`).includes(needle)),
  );
  if (opts.json) {
    ctx.out(renderJson({ publisher: stored.publisher, version: v.version, items: items.map(({ publisher: _p, source_row: _r, ...rest }) => rest) }));
    return EXIT.ok;
  }
  const table = plainTable(['№ ФП', ctx.t('pricelist.col-code'), ctx.t('pricelist.col-title'), ctx.t('pricelist.col-grade'), ctx.t('pricelist.col-price'), 'НДС'], ctx.color);
  for (const it of items) {
    table.push([it.fpu_code ?? '', it.item_code ?? it.isbn ?? '', authorsAndTitle(it).slice(0, 70), it.grade_from === undefined || it.grade_to === undefined ? '—' : formatGrade({ from: it.grade_from, to: it.grade_to }), formatMoney(it.price_kopecks, ctx.lang), `${it.vat_rate} %`]);
  }
  ctx.out(fitted(table, ctx.width));
  ctx.out(ctx.t('pricelist.shown', { shown: items.length, total: v.items.length, publisher: stored.publisher, version: v.version }));
  return EXIT.ok;
}

const diffOptions = z.object({ from: z.string().optional(), to: z.string().optional(), ...flagSchema(['json']) });

async function diff(ctx: Ctx, publisher: string, opts: z.output<typeof diffOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const stored = requireList(ctx, ws, publisher);
  const to = versionOf(stored, opts.to, currentVersion(stored).version);
  const from = versionOf(stored, opts.from, Math.max(1, to.version - 1));
  const d = diffPriceLists(from.items, to.items);
  if (opts.json) {
    ctx.out(renderJson({ publisher: stored.publisher, from: from.version, to: to.version, ...d }));
  } else {
    const money = (k: number) => formatMoney(k, ctx.lang);
    const table = plainTable([ctx.t('pricelist.col-change'), ctx.t('pricelist.col-code'), ctx.t('pricelist.col-title'), ctx.t('pricelist.col-price')], ctx.color);
    for (const it of d.added) table.push([ctx.t('pricelist.added'), it.item_code ?? it.fpu_code ?? '', it.title.slice(0, 60), money(it.price_kopecks)]);
    for (const it of d.removed) table.push([ctx.t('pricelist.removed'), it.item_code ?? it.fpu_code ?? '', it.title.slice(0, 60), money(it.price_kopecks)]);
    for (const r of d.repriced) table.push([ctx.t('pricelist.repriced'), r.item.item_code ?? r.item.fpu_code ?? '', r.item.title.slice(0, 60), `${money(r.old_kopecks)} → ${money(r.new_kopecks)}`]);
    for (const c of d.changed) table.push([ctx.t('pricelist.changed'), c.item.item_code ?? c.item.fpu_code ?? '', c.item.title.slice(0, 60), c.fields.join(', ')]);
    if (table.length) ctx.out(fitted(table, ctx.width));
    ctx.out(ctx.t('pricelist.diff-summary', { publisher: stored.publisher, from: from.version, to: to.version, added: d.added.length, removed: d.removed.length, repriced: d.repriced.length, changed: d.changed.length }));
  }
  const differs = d.added.length + d.removed.length + d.repriced.length + d.changed.length > 0;
  return differs ? EXIT.dataErrors : EXIT.ok;
}

function vatOption(value: string): number {
  const n = Number(value.replace('%', ''));
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new UsageError('pricelist.bad-vat', { value });
  return n;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program.command('pricelist').description(describe(rt, 'pricelist'));
  act(
    commonFlags(
      readerFlags(
        cmd
          .command('load')
          .argument('<file>', say(rt, 'прайс-лист: xlsx, csv (xls/ods через LibreOffice)', 'price list: xlsx, csv (xls/ods through LibreOffice)'))
          .description(say(rt, 'загрузить прайс-лист издательства как новую версию', 'load a publisher\'s price list as a new version'))
          .requiredOption('--publisher <name>', say(rt, 'издательство', 'publisher'))
          .option('--vat <percent>', say(rt, 'ставка НДС для позиций без своей (по умолчанию 10)', 'VAT rate for items without their own (default 10)'), vatOption),
        rt,
        { fields: PRICELIST_FIELDS.map((f) => f.key) },
      ),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik pricelist load prosv.csv --publisher "Просвещение"', 'uchebnik pricelist load mnemo.xlsx --publisher "Мнемозина" --map fpu_code=E', 'uchebnik pricelist load list.xlsx --publisher "Дрофа" --sheet "2016" --json'])),
    rt,
    loadOptions,
    (ctx, opts, [file]) => load(ctx, file!, opts),
  );
  act(
    commonFlags(cmd.command('list').description(say(rt, 'загруженные прайс-листы', 'loaded price lists')), rt, ['json']).addHelpText('after', examples(rt, ['uchebnik pricelist list'])),
    rt,
    listOptions,
    (ctx, opts) => list(ctx, opts),
  );
  act(
    commonFlags(
      cmd
        .command('show')
        .argument('<publisher>', say(rt, 'издательство', 'publisher'))
        .description(say(rt, 'позиции прайс-листа', 'items of a price list'))
        .option('--grade <n>', say(rt, 'только для этого класса', 'only for this grade'))
        .option('--search <text>', say(rt, 'поиск по автору, названию, коду', 'search authors, title, code'))
        // Not `--version`: the program's own --version is taken wherever it stands on the command line.
        .option('--at <version>', say(rt, 'версия прайс-листа (по умолчанию текущая)', 'version of the price list (default: current)')),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik pricelist show "Просвещение" --grade 5', 'uchebnik pricelist show "Мнемозина" --search букварь --json', 'uchebnik pricelist show "Дрофа" --at 1'])),
    rt,
    showOptions,
    (ctx, opts, [publisher]) => show(ctx, publisher!, opts),
  );
  act(
    commonFlags(
      cmd
        .command('diff')
        .argument('<publisher>', say(rt, 'издательство', 'publisher'))
        .description(say(rt, 'что изменилось между версиями: добавлено, удалено, новые цены (код 1, если различаются)', 'what changed between versions: added, removed, re-priced (exit 1 when they differ)'))
        .option('--from <v>', say(rt, 'с версии (по умолчанию предыдущая)', 'from version (default: previous)'))
        .option('--to <v>', say(rt, 'по версию (по умолчанию текущая)', 'to version (default: current)')),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik pricelist diff "Просвещение"', 'uchebnik pricelist diff "Дрофа" --from 1 --to 3 --json'])),
    rt,
    diffOptions,
    (ctx, opts, [publisher]) => diff(ctx, publisher!, opts),
  );
}
