/**
 * `uchebnik form load FILE --publisher NAME` — registers a publisher's own consolidated-order workbook
 * (PRODUCT.md §4.4, stage 6 «Загрузка и настройка форм сводных заказов для издательств») and says what
 * uchebnik found in it: the sheet and header row, the columns of the item (fpu code, item code, price),
 * the item rows, and where the recipients go.
 *
 * Two shapes are known from the real forms (../real-data/forms/):
 *   - pairs («Кол-во, шт.», «Стоимость») under a header cell «Указать наименование получателя №N, ИНН»
 *     in the row above (Дрофа: header row 6, labels merged over each pair in row 5); a first pair
 *     under another label («Сводный заказ по муниципальному образованию») is the form's own total;
 *   - one quantity column whose formula adds up per-recipient columns (Просвещение: «Заказ
 *     (количество экз)» = `SUM(O11:BS11)`): each column of the range is one recipient.
 * The items are compared with the publisher's loaded price list: form rows the list lacks, list items
 * the form lacks and differing prices are warnings. Filling the form is not done yet: `consolidate`
 * writes its generic layout.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../cli/action.js';
import type { Ctx } from '../cli/context.js';
import { changeWorkspace, useWorkspace } from '../cli/workspace.js';
import { Catalogue } from '../domain/catalogue.js';
import { columnIndex, columnLetter, finding, type Finding } from '../domain/finding.js';
import { parseFpuCode, parseSectionRow } from '../domain/fpu.js';
import { formatMoney, parseMoney } from '../domain/money.js';
import { ORDER_FIELDS } from '../domain/order.js';
import { normalizeHeader } from '../domain/text.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { buildReport } from '../report/report.js';
import { renderJson, renderReportTable } from '../report/render.js';
import { openWorkbook } from '../sheets/open.js';
import { cellText } from '../sheets/table.js';
import type { SheetCell, SheetRow } from '../sheets/types.js';
import { isoWithOffset } from '../workspace/io.js';
import { safeFileName } from '../workspace/paths.js';
import { currentVersion, loadPriceList } from '../workspace/stores/pricelists.js';
import { fileSha256 } from '../workspace/inputs.js';

const HEADER_SCAN_ROWS = 30;

type Field = 'fpu_code' | 'item_code' | 'title' | 'grade' | 'price' | 'quantity';

const SYNONYMS: Record<Field, string[]> = {
  fpu_code: ORDER_FIELDS.find((f) => f.key === 'fpu_code')!.synonyms,
  item_code: ['Код 1С', 'Код заказа 1С', 'Код издательства', 'Код товара', 'Артикул'],
  title: ['Наименование учебника', 'Наименование'],
  grade: ['Класс'],
  price: ['Цена'],
  quantity: ['Заказ', 'Количество', 'Кол-во'],
};

const normalizedSynonyms = Object.fromEntries(Object.entries(SYNONYMS).map(([k, v]) => [k, v.map(normalizeHeader)])) as Record<Field, string[]>;

function fieldOf(header: string): Field | undefined {
  const h = normalizeHeader(header);
  if (!h) return undefined;
  for (const f of Object.keys(normalizedSynonyms) as Field[]) if (normalizedSynonyms[f].some((s) => h === s || h.startsWith(s + ' '))) return f;
  return undefined;
}

export interface Recipient {
  /** the recipient's place among the form's recipients, 1, 2, … (the labels' «№N» may repeat: the real Дрофа form has №63 and №71 twice) */
  n: number;
  /** the header text over the column(s), as the form has it */
  label: string;
  quantity: string;
  sum?: string;
}

export interface FormItem {
  row: number;
  fpu_code?: string;
  item_code?: string;
  title?: string;
  price_kopecks?: number;
}

export interface FormLayout {
  sheet: string;
  header_row: number;
  /** field → column letter */
  columns: Partial<Record<Field, string>>;
  /** how the recipients were found */
  recipients_from: 'pairs' | 'formula';
  recipients: Recipient[];
  /** the form's own total pair (or quantity column) */
  total?: { label: string; quantity: string; sum?: string };
  items: FormItem[];
}

const isQty = (h: string) => /^(кол во|количество)( |$)/u.test(h);
const isSum = (h: string) => /^(стоимость|сумма)( |$)/u.test(h);

/** Recipient pairs of a header row, with their labels from the row above. */
function pairsOf(header: SheetRow, above: SheetRow | undefined): { recipients: Recipient[]; total?: FormLayout['total']; used: Set<number> } {
  const recipients: Recipient[] = [];
  let total: FormLayout['total'];
  const used = new Set<number>();
  const cells = header.cells;
  for (let c = 0; c < cells.length - 1; c++) {
    if (!isQty(normalizeHeader(cellText(cells[c]))) || !isSum(normalizeHeader(cellText(cells[c + 1])))) continue;
    const label = cellText(above?.cells[c]) || cellText(above?.cells[c + 1]);
    const pair = { quantity: columnLetter(c), sum: columnLetter(c + 1) };
    used.add(c).add(c + 1);
    if (/получател/u.test(normalizeHeader(label))) {
      recipients.push({ n: recipients.length + 1, label, ...pair });
    } else if (!total && recipients.length === 0) {
      total = { label, ...pair };
    } else {
      recipients.push({ n: recipients.length + 1, label, ...pair });
    }
    c++;
  }
  return { recipients, total, used };
}

/** `SUM(O11:BS11)` → the columns O…BS. */
function sumRange(formula: string | undefined): [number, number] | undefined {
  const m = /^SUM\(\$?([A-Z]{1,3})\$?\d+:\$?([A-Z]{1,3})\$?\d+\)$/iu.exec((formula ?? '').replace(/\s/gu, ''));
  if (!m) return undefined;
  const from = columnIndex(m[1]!);
  const to = columnIndex(m[2]!);
  return from >= 0 && to >= from ? [from, to] : undefined;
}

function itemOf(r: SheetRow, columns: Map<Field, number>): FormItem | undefined {
  const get = (f: Field): SheetCell | undefined => (columns.has(f) ? r.cells[columns.get(f)!] : undefined);
  const code = cellText(get('item_code'));
  const fpuText = cellText(get('fpu_code'));
  const fpu = parseFpuCode(fpuText);
  const price = parseMoney(get('price')?.value as string | number | null | undefined);
  const priced = typeof price === 'number' && price > 0;
  const validFpu = fpu !== null && fpu !== 'invalid';
  // Section rows («1.1.1.1. Русский язык (учебный предмет)») carry neither an item code nor a price.
  if (!validFpu && !(code && priced)) return undefined;
  if (!code && !priced && parseSectionRow(fpuText)) return undefined;
  const item: FormItem = { row: r.row };
  if (validFpu) item.fpu_code = fpu.code;
  if (code) item.item_code = code;
  const title = cellText(get('title'));
  if (title) item.title = title;
  if (priced) item.price_kopecks = price;
  return item;
}

/** Finds the layout in the first sheet that has an item header; null when none has. */
export async function detectFormLayout(file: string): Promise<FormLayout | null> {
  const wb = await openWorkbook(file);
  try {
    for (const info of wb.sheets.filter((s) => !s.hidden)) {
      const handle = await wb.sheet(info.name);
      const head: SheetRow[] = [];
      let layout: FormLayout | null = null;
      let columns = new Map<Field, number>();
      let quantityRange: [number, number] | undefined;
      for await (const r of handle.rows()) {
        if (!layout) {
          head.push(r);
          if (head.length > HEADER_SCAN_ROWS) break;
          const { recipients, total, used } = pairsOf(r, head.find((x) => x.row === r.row - 1));
          const found = new Map<Field, number>();
          r.cells.forEach((cell, c) => {
            if (used.has(c)) return;
            const f = fieldOf(cellText(cell));
            if (f && !found.has(f)) found.set(f, c);
          });
          if (!(found.has('item_code') || found.has('fpu_code')) || !found.has('price')) continue;
          columns = found;
          layout = {
            sheet: info.name,
            header_row: r.row,
            columns: Object.fromEntries([...found].map(([f, c]) => [f, columnLetter(c)])),
            recipients_from: 'pairs',
            recipients,
            ...(total ? { total } : {}),
            items: [],
          };
          if (!found.has('quantity') && total) layout.columns.quantity = total.quantity;
          continue;
        }
        const item = itemOf(r, columns);
        if (!item) continue;
        layout.items.push(item);
        if (layout.recipients.length === 0 && quantityRange === undefined && columns.has('quantity')) {
          quantityRange = sumRange(r.cells[columns.get('quantity')!]?.formula);
          if (quantityRange) {
            const [from, to] = quantityRange;
            const label = cellText(head[head.length - 1]?.cells[columns.get('quantity')!]);
            layout.recipients_from = 'formula';
            layout.total = { label, quantity: columnLetter(columns.get('quantity')!) };
            for (let c = from; c <= to; c++) {
              const own = cellText(head.find((x) => x.row === layout!.header_row)?.cells[c]);
              layout.recipients.push({ n: c - from + 1, label: own, quantity: columnLetter(c) });
            }
          }
        }
      }
      if (layout && layout.items.length > 0) return layout;
    }
    return null;
  } finally {
    await wb.close();
  }
}

/** The form's items against the publisher's price list: warnings, never silent drops. */
function compare(layout: FormLayout, catalogue: Catalogue, publisher: string, file: string): { findings: Finding[]; seen: Set<string> } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const priceCol = layout.columns.price;
  for (const it of layout.items) {
    const at = { file, sheet: layout.sheet, row: it.row };
    const found = catalogue.lookup({ publisher, item_code: it.item_code, fpu_code: it.item_code ? undefined : it.fpu_code, title: it.title });
    if (found.kind !== 'found') {
      findings.push(finding('form-item-not-in-pricelist', 'warning', { ...at, column: layout.columns.item_code ?? layout.columns.fpu_code }, { item: it.item_code ?? it.fpu_code ?? '' }, { item: it.item_code ?? it.fpu_code }));
      continue;
    }
    seen.add(found.item.key);
    if (it.price_kopecks !== undefined && it.price_kopecks !== found.item.price_kopecks) {
      findings.push(
        finding(
          'form-price-differs',
          'warning',
          { ...at, column: priceCol },
          { item: it.item_code ?? it.fpu_code ?? '', form_price: formatMoney(it.price_kopecks, 'ru'), list_price: formatMoney(found.item.price_kopecks, 'ru') },
          { item: found.item.key, expected: found.item.price_kopecks, actual: it.price_kopecks },
        ),
      );
    }
  }
  return { findings, seen };
}

const formSchema = z.object({
  publisher: z.string(),
  loaded_at: z.string(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string() }),
  layout: z.looseObject({ sheet: z.string(), header_row: z.number().int() }),
});

async function load(ctx: Ctx, file: string, opts: Record<string, unknown>): Promise<number> {
  const publisher = String(opts.publisher ?? '').trim();
  if (!publisher) throw new UsageError('form.publisher-empty');
  const layout = await detectFormLayout(file);
  if (!layout) throw new InputError('form.no-items', { file });
  if (layout.recipients.length === 0) throw new InputError('form.no-recipients', { file, sheet: layout.sheet, row: layout.header_row });

  const root = await useWorkspace(ctx);
  const list = loadPriceList(root, publisher);
  const findings: Finding[] = [];
  if (!list) ctx.note(ctx.t('form.no-pricelist', { publisher }));
  else {
    const items = currentVersion(list).items;
    const catalogue = new Catalogue(items);
    const { findings: mine, seen } = compare(layout, catalogue, publisher, file);
    findings.push(...mine);
    for (const it of items) {
      if (!seen.has(it.key)) findings.push(finding('form-item-missing', 'warning', { file, sheet: layout.sheet }, { item: it.item_code ?? it.fpu_code ?? it.key, title: it.title }, { item: it.key }));
    }
  }
  // Two recipients labelled with one number are a slip in the form a person filling it should know of.
  const numbers = new Map<string, Recipient>();
  for (const r of layout.recipients) {
    const n = /№\s*(\d+)/u.exec(r.label)?.[1];
    if (n === undefined) continue;
    const first = numbers.get(n);
    if (first) findings.push(finding('form-recipient-number-repeated', 'warning', { file, sheet: layout.sheet, row: layout.header_row - 1, column: r.quantity }, { number: n, first: first.quantity }));
    else numbers.set(n, r);
  }
  const report = buildReport([{ file, rows: layout.items.length }], findings, ctx.lang);

  const outcome = await changeWorkspace<{ unchanged: boolean }>(ctx, 'form load', async (ws) => {
    const name = `forms/${safeFileName(publisher)}`;
    const current = ws.readState(name, formSchema);
    const sha = await fileSha256(file);
    if (current && current.source.sha256 === sha && JSON.stringify(current.layout) === JSON.stringify(layout)) return { changed: [], result: { unchanged: true } };
    const input = await ws.storeInput(file, path.basename(file));
    const written = await ws.writeState(name, {
      publisher,
      loaded_at: isoWithOffset(new Date(), ws.config.campaign.timezone),
      source: { file: path.basename(file), sha256: input.sha256, stored: input.stored },
      layout,
    });
    return { changed: [written.path, input.stored], journal: { publisher, file, sha256: input.sha256, items: layout.items.length, recipients: layout.recipients.length }, result: { unchanged: false } };
  });

  const first = layout.recipients[0]!;
  const last = layout.recipients[layout.recipients.length - 1]!;
  const span = (r: Recipient) => (r.sum ? `${r.quantity}:${r.sum}` : r.quantity);
  const summary = {
    publisher,
    sheet: layout.sheet,
    header_row: layout.header_row,
    columns: layout.columns,
    items: layout.items.length,
    first_item_row: layout.items[0]!.row,
    last_item_row: layout.items[layout.items.length - 1]!.row,
    recipients_from: layout.recipients_from,
    recipients: layout.recipients,
    ...(layout.total ? { total: layout.total } : {}),
    unchanged: outcome.unchanged,
  };
  ctx.note(ctx.t(outcome.unchanged ? 'form.unchanged' : 'form.loaded', { publisher, file }));
  if (opts.json) {
    ctx.out(renderJson({ ...report, form: summary }));
  } else {
    ctx.out(
      ctx.t('form.summary', {
        sheet: layout.sheet,
        row: layout.header_row,
        columns: Object.entries(layout.columns)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        items: layout.items.length,
        first: summary.first_item_row,
        last: summary.last_item_row,
        recipients: layout.recipients.length,
        how: ctx.t(`form.recipients-${layout.recipients_from}`),
        from: span(first),
        to: span(last),
        total: layout.total ? `${span({ n: 0, ...layout.total })} «${layout.total.label}»` : '—',
      }),
    );
    if (findings.length) ctx.out(renderReportTable(report, ctx));
  }
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program.command('form').description(say(rt, 'формы сводных заказов издательств (этап 6)', 'publishers\' consolidated-order forms (stage 6)'));
  act(
    cmd
      .command('load')
      .argument('<file>', say(rt, 'книга издательства (xlsx)', 'the publisher\'s workbook (xlsx)'))
      .description(say(rt, 'зарегистрировать форму издательства: найти строки позиций и столбцы получателей', 'register a publisher\'s form: find its item rows and recipient columns'))
      .requiredOption('--publisher <name>', say(rt, 'издательство (как в прайс-листе)', 'publisher (as in the price list)'))
      .option('--json', say(rt, 'в JSON', 'as JSON'))
      .addHelpText('after', examples(rt, ['uchebnik form load drofa_svod.xlsx --publisher Дрофа', 'uchebnik form load prosv_svod.xlsx --publisher Просвещение --json | jq .form.recipients'])),
    rt,
    (ctx, opts, [file]) => load(ctx, file!, opts),
  );
}
