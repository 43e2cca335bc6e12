/**
 * Where things are in a publisher's own consolidated-order workbook (docs/file-formats.md#forms, stage 6): the
 * sheet and header row, the columns of the item (fpu code, item code, title, price), the item rows,
 * and the recipients' columns. `form load` stores this layout; `consolidate municipality` fills the
 * form by it (fill.ts).
 *
 * Recipients are found by the form's structure, not by one form's words (issue 16, pattern 9), in
 * this order:
 *   1. `--recipients O:EZ` (the user's word) — pairs, or single columns with width 1;
 *   2. a repeated pair of a quantity and a sum header («Кол-во, шт.» / «Стоимость», «Заказ , экз./
 *      комплект.» / «Сумма, руб.», «Количество» / «Сумма») in the header row, each pair's label in a
 *      row above («Указать наименование получателя №N, ИНН», «получатель 1», «Наименование
 *      получателя №N»); a first pair under another label («Сводный заказ по муниципальному
 *      образованию», «Итого») is the form's own total (the real Дрофа form);
 *   3. a row above the header (or the header itself) labelling recipients «…получател…» at regular
 *      steps of one or two columns, whatever the columns under the labels are headed;
 *   4. the form's total formula in an item row: a SUM over a range or a list, `=N7+P7+R7`, or
 *      `SUMPRODUCT((MOD(COLUMN(O7:EZ7),2)=1)*O7:EZ7)` — every column it adds is a recipient's
 *      quantity, pairs when they are every other column (the real Просвещение form: «Заказ
 *      (количество экз)» = `SUM(O11:BS11)`, one column per recipient).
 * Whichever finds the recipients, the total formula (when there is one) names the form's total column,
 * which fill.ts extends to the recipients it adds.
 */
import { columnIndex, columnLetter } from '../../core/finding.js';
import { parseFpuCode, parseSectionRow } from '../../core/fpu.js';
import { parseMoney } from '../../core/money.js';
import { ORDER_FIELDS } from '../../core/model/order.js';
import { PRICELIST_FIELDS } from '../pricelist/index.js';
import { normalizeHeader } from '../../core/text.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { addedColumns } from './added-columns.js';
import type { Merge, SheetCell, SheetRow } from '../../io/sheets/types.js';

const HEADER_SCAN_ROWS = 30;
/** how many rows above the header may hold the recipients' labels */
const LABEL_ROWS_ABOVE = 3;
/** how many item rows are searched for the total formula (one row may lack it, pattern 10) */
const FORMULA_SCAN_ITEMS = 20;

export const FORM_FIELDS = ['item_code', 'fpu_code', 'title', 'grade', 'price', 'quantity'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

const itemCodeField = PRICELIST_FIELDS.find((f) => f.key === 'item_code');

/**
 * Header words per field. A synonym matches the whole header or its first words («Код заказа 1С »,
 * «Цена с доставкой (в т.ч. НДС), руб.»), except the words `pricelist load` accepts only whole
 * (src/features/pricelist/rows.ts PRICELIST_FIELDS: a bare «Код» must not claim «Код ОКП»).
 */
const SYNONYMS: Record<FormField, { prefix: string[]; exact: string[] }> = {
  fpu_code: { prefix: ORDER_FIELDS.find((f) => f.key === 'fpu_code')!.synonyms, exact: [] },
  item_code: {
    prefix: ['Код 1С', 'Код заказа 1С', 'Код издательства', 'Код товара', 'Артикул'],
    exact: itemCodeField ? itemCodeField.synonyms : ['Код'],
  },
  title: { prefix: ['Наименование учебника', 'Наименование'], exact: [] },
  grade: { prefix: ['Класс'], exact: [] },
  price: { prefix: ['Цена'], exact: [] },
  quantity: { prefix: ['Заказ', 'Количество', 'Кол-во'], exact: [] },
};

const normalizedSynonyms = Object.fromEntries(
  Object.entries(SYNONYMS).map(([k, v]) => [k, { prefix: v.prefix.map(normalizeHeader), exact: v.exact.map(normalizeHeader) }]),
) as Record<FormField, { prefix: string[]; exact: string[] }>;

function fieldOf(header: string): FormField | undefined {
  const h = normalizeHeader(header);
  if (!h) return undefined;
  for (const f of FORM_FIELDS) {
    const s = normalizedSynonyms[f];
    if (s.exact.includes(h) || s.prefix.some((p) => h === p || h.startsWith(p + ' '))) return f;
  }
  return undefined;
}

function cellText(cell: SheetCell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  return typeof cell.value === 'string' ? cell.value.trim() : String(cell.value);
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
  /** the grade of the row, when the form has a grade column and the row one whole grade */
  grade?: number;
  price_kopecks?: number;
}

export interface FormLayout {
  sheet: string;
  header_row: number;
  /** the row whose cells over the recipients' columns get their names; header_row - 1 for pairs, header_row for single columns when absent */
  label_row?: number;
  /** field → column letter */
  columns: Partial<Record<FormField, string>>;
  /** how the recipients were found: pairs of quantity and sum, the columns of the total's formula, single columns the user named */
  recipients_from: 'pairs' | 'formula' | 'columns';
  /** what showed the recipients: `header`, `labels`, `formula`, `option` */
  found_by?: string[];
  recipients: Recipient[];
  /** the form's own total pair (or quantity column) */
  total?: { label: string; quantity: string; sum?: string };
  items: FormItem[];
}

/** What the user says where structure cannot see (`form load --sheet --map --recipients`). */
export interface LayoutOptions {
  sheet?: string;
  /** field → column letter or header text */
  map?: Partial<Record<FormField, string>>;
  /** the recipients' columns, first to last; width 2: pairs (quantity, sum), 1: one quantity column each */
  recipients?: { from: number; to: number; width: 1 | 2 };
}

// «Кол-во, шт.», «Количество», «Заказ , экз./ комплект.», «Заказано, экз.», «экз.»
const isQty = (h: string) => !/^цена( |$)/u.test(h) && (/^(кол во|количество|заказ|заказано|экз|шт)( |$)/u.test(h) || /(^| )(экз|шт)( |$)/u.test(h));
// «Стоимость», «Сумма, руб.», «На сумму», «Стоимость, в т.ч. НДС»
const isSum = (h: string) => /^(стоимость|сумма|на сумму)( |$)/u.test(h);
const isRecipientLabel = (h: string) => /получател/u.test(h);
const isTotalLabel = (h: string) => /(^| )(итог|итого|всего|сводн|свод)/u.test(h);

/** The text shown at (row, col): a merged range shows its top-left cell everywhere. */
function shownText(rows: SheetRow[], merges: Merge[], row: number, col: number): string {
  const m = merges.find((x) => row >= x.top && row <= x.bottom && col >= x.left && col <= x.right);
  const r = m ? m.top : row;
  const c = m ? m.left : col;
  return cellText(rows.find((x) => x.row === r)?.cells[c]);
}

/** The nearest label over columns `cols` in the rows just above the header: its text and row. */
function labelAbove(head: SheetRow[], merges: Merge[], headerRow: number, cols: number[]): { label: string; row: number } | undefined {
  for (let row = headerRow - 1; row >= Math.max(1, headerRow - LABEL_ROWS_ABOVE); row--) {
    for (const c of cols) {
      const t = shownText(head, merges, row, c);
      if (t) return { label: t, row };
    }
  }
  return undefined;
}

interface Found {
  recipients: Recipient[];
  total?: FormLayout['total'];
  label_row?: number;
  width: 1 | 2;
  by: string;
}

/** 2. Pairs of a quantity and a sum header in the header row, labelled in a row above. */
function headerPairs(header: SheetRow, head: SheetRow[], merges: Merge[], skip: Set<number>): Found | undefined {
  const pairs: { q: number; label: string; labelRow?: number }[] = [];
  const cells = header.cells;
  for (let c = 0; c < cells.length - 1; c++) {
    if (skip.has(c) || skip.has(c + 1)) continue;
    if (!isQty(normalizeHeader(cellText(cells[c]))) || !isSum(normalizeHeader(cellText(cells[c + 1])))) continue;
    const above = labelAbove(head, merges, header.row, [c, c + 1]);
    pairs.push({ q: c, label: above?.label ?? '', labelRow: above?.row });
    c++;
  }
  // One pair is a recipient only when its label says so; a repeated pair is the structure itself.
  const labelled = pairs.filter((p) => isRecipientLabel(normalizeHeader(p.label)));
  if (pairs.length < 2 && labelled.length === 0) return undefined;
  const recipients: Recipient[] = [];
  let total: FormLayout['total'];
  // The first pair is the form's total when its label says so, or when it alone is not labelled a
  // recipient's; of pairs no label tells apart, none is taken for the total (a total formula in one
  // of them shows it later, detectFormLayout).
  for (const p of pairs) {
    const h = normalizeHeader(p.label);
    const pair = { quantity: columnLetter(p.q), sum: columnLetter(p.q + 1) };
    if (!total && !isRecipientLabel(h) && (isTotalLabel(h) || (recipients.length === 0 && labelled.length > 0))) total = { label: p.label, ...pair };
    else recipients.push({ n: recipients.length + 1, label: p.label, ...pair });
  }
  if (recipients.length === 0) return undefined;
  const labelRow = pairs.find((p) => p.labelRow !== undefined && isRecipientLabel(normalizeHeader(p.label)))?.labelRow;
  return { recipients, ...(total ? { total } : {}), ...(labelRow !== undefined ? { label_row: labelRow } : {}), width: 2, by: 'header' };
}

/** 3. A row labelling recipients «…получател…» at a regular step, whatever is under the labels. */
function labelledColumns(header: SheetRow, head: SheetRow[], skip: Set<number>): Found | undefined {
  for (let row = header.row; row >= Math.max(1, header.row - LABEL_ROWS_ABOVE); row--) {
    const r = head.find((x) => x.row === row);
    if (!r) continue;
    const cols: number[] = [];
    r.cells.forEach((cell, c) => {
      if (!skip.has(c) && isRecipientLabel(normalizeHeader(cellText(cell)))) cols.push(c);
    });
    if (cols.length < 2) continue;
    const gaps = new Set(cols.slice(1).map((c, i) => c - cols[i]!));
    if (gaps.size !== 1) continue;
    const width = [...gaps][0]! === 2 ? 2 : [...gaps][0]! === 1 ? 1 : undefined;
    if (!width) continue;
    const recipients = cols.map((c, i) => ({ n: i + 1, label: cellText(r.cells[c]), quantity: columnLetter(c), ...(width === 2 ? { sum: columnLetter(c + 1) } : {}) }));
    return { recipients, label_row: row, width, by: 'labels' };
  }
  return undefined;
}

/** 4. The additive formula with the most columns in an item row: the total column and what it adds. */
function totalFormula(r: SheetRow, skip: Set<number>): { col: number; cols: number[] } | undefined {
  let best: { col: number; cols: number[] } | undefined;
  r.cells.forEach((cell, c) => {
    const cols = addedColumns(cell?.formula, r.row);
    if (!cols || cols.includes(c) || cols.some((x) => skip.has(x))) return;
    if (!best || cols.length > best.cols.length) best = { col: c, cols };
  });
  return best;
}

/** A formula cell that refers to two or more recipient quantity columns of its own row, and to nothing else. */
function opaqueTotal(r: SheetRow, recipients: Recipient[]): number | undefined {
  const quantities = new Set(recipients.map((x) => x.quantity));
  for (const [c, cell] of r.cells.entries()) {
    if (!cell?.formula || quantities.has(columnLetter(c))) continue;
    const refs = [...cell.formula.replace(/\$/gu, '').matchAll(/(?<![A-Z])([A-Z]{1,3})(\d+)(?![\d(])/gu)];
    if (refs.length >= 2 && refs.every((m) => Number(m[2]) === r.row && quantities.has(m[1]!))) return c;
  }
  return undefined;
}

function fromFormula(t: { col: number; cols: number[] }, header: SheetRow, head: SheetRow[], merges: Merge[]): Found {
  const gaps = t.cols.slice(1).map((c, i) => c - t.cols[i]!);
  const pairs = gaps.every((g) => g >= 2) && isSum(normalizeHeader(cellText(header.cells[t.cols[0]! + 1])) ) || gaps.every((g) => g === 2);
  if (pairs) {
    let labelRow: number | undefined;
    const recipients = t.cols.map((c, i) => {
      const above = labelAbove(head, merges, header.row, [c, c + 1]);
      if (above && labelRow === undefined) labelRow = above.row;
      return { n: i + 1, label: above?.label ?? '', quantity: columnLetter(c), sum: columnLetter(c + 1) };
    });
    return { recipients, ...(labelRow !== undefined ? { label_row: labelRow } : {}), width: 2, by: 'formula' };
  }
  const recipients = t.cols.map((c, i) => ({ n: i + 1, label: cellText(header.cells[c]), quantity: columnLetter(c) }));
  return { recipients, width: 1, by: 'formula' };
}

function fromOption(o: NonNullable<LayoutOptions['recipients']>, header: SheetRow, head: SheetRow[], merges: Merge[]): Found {
  const recipients: Recipient[] = [];
  let labelRow: number | undefined;
  for (let c = o.from; c + o.width - 1 <= o.to; c += o.width) {
    if (o.width === 2) {
      const above = labelAbove(head, merges, header.row, [c, c + 1]);
      if (above && labelRow === undefined) labelRow = above.row;
      recipients.push({ n: recipients.length + 1, label: above?.label ?? '', quantity: columnLetter(c), sum: columnLetter(c + 1) });
    } else recipients.push({ n: recipients.length + 1, label: cellText(header.cells[c]), quantity: columnLetter(c) });
  }
  return { recipients, ...(labelRow !== undefined ? { label_row: labelRow } : {}), width: o.width, by: 'option' };
}

function itemOf(r: SheetRow, columns: Map<FormField, number>): FormItem | undefined {
  const get = (f: FormField): SheetCell | undefined => (columns.has(f) ? r.cells[columns.get(f)!] : undefined);
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
  const grade = Number(cellText(get('grade')));
  if (Number.isInteger(grade) && grade >= 1 && grade <= 11) item.grade = grade;
  if (priced) item.price_kopecks = price;
  return item;
}

/**
 * A row numbering the columns under the header («1 2 3 …»): whole numbers only, at least three, each
 * one more than the one in the column before. Its «2» under the item code and «6» under the price are no item.
 */
function isColumnNumbers(r: SheetRow): boolean {
  const cells: [number, number][] = [];
  for (const [c, cell] of r.cells.entries()) {
    const t = cellText(cell);
    if (!t) continue;
    if (!/^\d{1,3}$/u.test(t)) return false;
    cells.push([c, Number(t)]);
  }
  return cells.length >= 3 && cells.every(([c, v], k) => k === 0 || v - cells[k - 1]![1] === c - cells[k - 1]![0]);
}

/** The item columns of a row taken as the header: header words, then the user's `--map`. */
function headerColumns(r: SheetRow, map: LayoutOptions['map'], skip: Set<number>): Map<FormField, number> {
  const found = new Map<FormField, number>();
  r.cells.forEach((cell, c) => {
    if (skip.has(c)) return;
    const f = fieldOf(cellText(cell));
    if (f && !found.has(f)) found.set(f, c);
  });
  for (const [f, where] of Object.entries(map ?? {}) as [FormField, string][]) {
    const letter = columnIndex(where);
    if (/^[A-Z]{1,3}$/iu.test(where) && letter >= 0) found.set(f, letter);
    else {
      const want = normalizeHeader(where);
      const c = r.cells.findIndex((cell) => normalizeHeader(cellText(cell)) === want);
      if (c >= 0) found.set(f, c);
      else found.delete(f);
    }
  }
  return found;
}

/** The header over the first item when the columns were named by letter: the nearest row above it with two texts and no item (not a section row). */
function headerAbove(head: SheetRow[], cols: Map<FormField, number>): SheetRow {
  for (let i = head.length - 1; i >= 0; i--) {
    const r = head[i]!;
    if (r.cells.filter((c) => cellText(c) !== '').length >= 2 && !itemOf(r, cols)) return r;
  }
  return head[head.length - 1]!;
}

const isLetter = (v: string | undefined) => /^[A-Z]{1,3}$/iu.test(v ?? '');
const textMaps = (map: LayoutOptions['map']): LayoutOptions['map'] => Object.fromEntries(Object.entries(map ?? {}).filter(([, v]) => !isLetter(v)));

const mapsByLetter = (map: LayoutOptions['map']): boolean => Object.values(map ?? {}).some((v) => /^[A-Z]{1,3}$/iu.test(v ?? ''));

/** Finds the layout in the first sheet that has an item header (or `opts.sheet`); null when none has. */
export async function detectFormLayout(file: string, opts: LayoutOptions = {}): Promise<FormLayout | null> {
  const wb = await openWorkbook(file);
  try {
    const sheets = opts.sheet !== undefined ? wb.sheets.filter((s) => s.name === opts.sheet) : wb.sheets.filter((s) => !s.hidden);
    for (const info of sheets) {
      const handle = await wb.sheet(info.name);
      const head: SheetRow[] = [];
      let layout: FormLayout | null = null;
      let columns = new Map<FormField, number>();
      let header: SheetRow | undefined;
      let scanned = 0;
      let skip = new Set<number>();
      /** the row after the header may hold the recipients' pairs (a two-row header) */
      let pairsBelow = false;
      const settle = (found: Found | undefined) => {
        if (!layout || !found) return;
        layout.recipients = found.recipients;
        layout.recipients_from = found.width === 2 ? 'pairs' : found.by === 'formula' ? 'formula' : 'columns';
        layout.found_by = [found.by];
        if (found.total) layout.total = found.total;
        if (found.label_row !== undefined) layout.label_row = found.label_row;
      };
      for await (const r of handle.rows()) {
        if (!layout) {
          if (head.length >= HEADER_SCAN_ROWS) break;
          head.push(r);
          // The recipient pairs' «Кол-во» is not the item's quantity column.
          const pairColumns = (h: SheetRow): Set<number> => {
            const pairs = opts.recipients ? undefined : headerPairs(h, head, handle.merges, new Set());
            const used = new Set<number>();
            for (const x of pairs?.recipients ?? []) used.add(columnIndex(x.quantity)).add(columnIndex(x.sum!));
            if (pairs?.total) used.add(columnIndex(pairs.total.quantity)).add(columnIndex(pairs.total.sum!));
            return used;
          };
          const used = pairColumns(r);
          // A header by its words (and the --map texts); the --map letters go on top of it.
          const byWords = headerColumns(r, textMaps(opts.map), used);
          let isHeader = (byWords.has('item_code') || byWords.has('fpu_code')) && byWords.has('price');
          const found = headerColumns(r, opts.map, used);
          // Columns named by letter need no header words: the header is the row above the first item.
          if (!isHeader && mapsByLetter(opts.map) && head.length > 1) {
            const probe = headerColumns(r, opts.map, new Set());
            if ((probe.has('item_code') || probe.has('fpu_code')) && probe.has('price') && itemOf(r, probe)) {
              head.pop();
              header = headerAbove(head, probe);
              columns = headerColumns(header, opts.map, pairColumns(header));
              isHeader = true;
            }
          }
          if (!isHeader) continue;
          if (!header) {
            header = r;
            columns = found;
          }
          skip = new Set(columns.values());
          layout = {
            sheet: info.name,
            header_row: header.row,
            columns: Object.fromEntries([...columns].map(([f, c]) => [f, columnLetter(c)])),
            recipients_from: 'pairs',
            recipients: [],
            items: [],
          };
          if (opts.recipients) settle(fromOption(opts.recipients, header, head, handle.merges));
          else {
            const p = headerPairs(header, head, handle.merges, skip);
            settle(p ?? labelledColumns(header, head, skip));
            pairsBelow = !p && header === r;
          }
          if (!columns.has('quantity') && layout.total) layout.columns.quantity = layout.total.quantity;
          if (header === r) continue;
        }
        // A two-row header: the item headers (and the recipients' labels) on one row, the pairs'
        // «Кол-во» / «Стоимость» on the row under it.
        if (pairsBelow) {
          pairsBelow = false;
          const below = headerPairs(r, head, handle.merges, skip);
          if (below) {
            delete layout.total;
            delete layout.label_row;
            settle(below);
            if (!columns.has('quantity') && layout.total) layout.columns.quantity = (layout.total as { quantity: string }).quantity;
            continue;
          }
        }
        if (isColumnNumbers(r)) continue;
        const item = itemOf(r, columns);
        if (!item) continue;
        layout.items.push(item);
        // The total's formula: recipients when nothing else showed them; the form's total column otherwise.
        if (scanned < FORMULA_SCAN_ITEMS && !(layout.found_by ?? []).includes('formula')) {
          scanned++;
          const itemCols = new Set([...columns].filter(([f]) => f !== 'quantity').map(([, c]) => c));
          const t = totalFormula(r, itemCols);
          // A pair taken for a recipient's whose quantity adds up the other recipients' is the form's total
          // (pairs no label told apart, headerPairs).
          const own = t && !opts.recipients && layout.recipients.length > 2 ? layout.recipients.findIndex((x) => columnIndex(x.quantity) === t.col) : -1;
          if (own >= 0) {
            const others = layout.recipients.filter((_, k) => k !== own);
            if (t!.cols.every((c) => others.some((x) => columnIndex(x.quantity) === c || (x.sum !== undefined && columnIndex(x.sum) === c)))) {
              const x = layout.recipients[own]!;
              layout.recipients = others.map((y, k) => ({ ...y, n: k + 1 }));
              layout.total = { label: x.label, quantity: x.quantity, ...(x.sum !== undefined ? { sum: x.sum } : {}) };
            }
          }
          const recipientCols = new Set(layout.recipients.flatMap((x) => [columnIndex(x.quantity), ...(x.sum ? [columnIndex(x.sum)] : [])]));
          if (!t) {
            // A total no additive reading explains (`=ROUND(I5+K5,0)`) is still the form's total: the
            // filling cannot extend it and says so at its cell (fill.ts).
            const opaque = layout.total ? undefined : opaqueTotal(r, layout.recipients);
            if (opaque !== undefined) layout.total = { label: cellText(header!.cells[opaque]), quantity: columnLetter(opaque) };
            continue;
          }
          const quantities = layout.recipients.map((x) => columnIndex(x.quantity));
          if (layout.recipients.length === 0) settle(fromFormula(t, header!, head, handle.merges));
          else if (t.cols.every((c) => recipientCols.has(c))) layout.found_by = [...(layout.found_by ?? []), 'formula'];
          else if (!opts.recipients && quantities.every((c) => t.cols.includes(c))) {
            // The formula adds more columns than the headers showed: its columns are the recipients.
            const by = layout.found_by ?? [];
            settle(fromFormula(t, header!, head, handle.merges));
            layout.found_by = [...by, 'formula'];
          } else continue;
          if (!layout.total || columnIndex(layout.total.quantity) !== t.col) {
            const sumCol = t.col + 1;
            const taken = layout.recipients.some((x) => x.quantity === columnLetter(sumCol) || x.sum === columnLetter(sumCol));
            const hasSum = layout.recipients[0]?.sum !== undefined && isSum(normalizeHeader(cellText(header!.cells[sumCol]))) && !taken;
            const label = labelAbove(head, handle.merges, header!.row, [t.col]);
            layout.total = { label: cellText(header!.cells[t.col]) || label?.label || '', quantity: columnLetter(t.col), ...(hasSum ? { sum: columnLetter(sumCol) } : {}) };
          }
          if (!columns.has('quantity')) layout.columns.quantity = layout.total.quantity;
        }
      }
      if (layout && layout.items.length > 0) return layout;
    }
    return null;
  } finally {
    await wb.close();
  }
}

// ---------------------------------------------------------------- what to type when nothing is found

const GUESS_ROWS = 300;

/** The options a refusal proposes, tried before they are proposed: undefined when none loads the file. */
export async function guessOptions(file: string, opts: LayoutOptions, found: FormLayout | null): Promise<LayoutOptions | undefined> {
  const wb = await openWorkbook(file);
  const rows: SheetRow[] = [];
  let sheet: string | undefined;
  try {
    sheet = found?.sheet ?? opts.sheet ?? wb.sheets.find((s) => !s.hidden)?.name;
    if (sheet === undefined) return undefined;
    for await (const r of (await wb.sheet(sheet)).rows()) {
      rows.push(r);
      if (rows.length >= GUESS_ROWS) break;
    }
  } finally {
    await wb.close();
  }
  const tries: LayoutOptions[] = [];
  let map = opts.map;
  if (!found) {
    const guessed = guessMap(rows);
    if (!guessed) return undefined;
    map = { ...guessed, ...opts.map };
    tries.push({ ...opts, map });
  }
  // The sheet is named only when the user named it: the guesses are made on the sheet detection reads first.
  const base = found ?? (await detectFormLayout(file, { ...opts, map }));
  if (base && base.recipients.length > 0) return { ...opts, map };
  if (base) {
    const recipients = guessRecipients(rows, base);
    tries.length = 0;
    tries.push({ ...opts, map, recipients });
  }
  for (const t of tries) {
    const layout = await detectFormLayout(file, t);
    if (layout && layout.recipients.length > 0) return t;
  }
  return undefined;
}

/** A price as forms write it: 243.98, 280, « 75.00р. », «350,90» (not a grade or a row number). */
function priceLike(value: SheetCell['value'], t: string): boolean {
  if (typeof value === 'number') return value >= 20 || (value > 0 && !Number.isInteger(value));
  if (!/^\s*\d[\d\s]*([.,]\d{1,2})?\s*(р\.?|руб\.?)?\s*$/u.test(t)) return false;
  const m = parseMoney(t.replace(/р\.?|руб\.?/u, '').trim());
  return typeof m === 'number' && m >= 2000;
}

/** Columns by what they hold: fpu codes, prices, item codes, long titles. */
function guessMap(rows: SheetRow[]): LayoutOptions['map'] | undefined {
  const score = new Map<number, { fpu: number; price: number; code: Set<string>; codes: number; text: number }>();
  for (const r of rows) {
    r.cells.forEach((cell, c) => {
      const t = cellText(cell);
      if (!t) return;
      const s = score.get(c) ?? { fpu: 0, price: 0, code: new Set(), codes: 0, text: 0 };
      score.set(c, s);
      const fpu = parseFpuCode(t);
      if (fpu && fpu !== 'invalid' && /\d+\.\d+\.\d+\.\d+/u.test(t)) s.fpu++;
      else if (priceLike(cell!.value, t)) s.price++;
      else if (/^[\p{L}\d][\p{L}\d.\-/]{3,29}$/u.test(t) && /\d/u.test(t)) {
        s.codes++;
        s.code.add(t);
      } else if (t.length > 15) s.text++;
    });
  }
  const best = (key: (s: NonNullable<ReturnType<typeof score.get>>) => number, not: number[] = []) => {
    let col = -1;
    let n = 1;
    for (const [c, s] of score) if (!not.includes(c) && key(s) > n) [col, n] = [c, key(s)];
    return col >= 0 ? col : undefined;
  };
  const fpu = best((s) => s.fpu);
  const code = best((s) => (s.code.size >= s.codes * 0.8 ? s.codes : 0), fpu === undefined ? [] : [fpu]);
  if (fpu === undefined && code === undefined) return undefined;
  const taken = [fpu, code].filter((x): x is number => x !== undefined);
  const price = best((s) => s.price, taken);
  if (price === undefined) return undefined;
  const title = best((s) => s.text, [...taken, price]);
  const map: NonNullable<LayoutOptions['map']> = { price: columnLetter(price) };
  if (fpu !== undefined) map.fpu_code = columnLetter(fpu);
  if (code !== undefined) map.item_code = columnLetter(code);
  if (title !== undefined) map.title = columnLetter(title);
  return map;
}

/**
 * The recipients' columns of a form whose structure showed none: the headed columns right of the item
 * columns (pairs when their headers alternate), else a pair of the empty columns after the last used.
 */
function guessRecipients(rows: SheetRow[], layout: FormLayout): NonNullable<LayoutOptions['recipients']> {
  const header = rows.find((r) => r.row === layout.header_row);
  const text = (c: number) => normalizeHeader(cellText(header?.cells[c]));
  // A «Количество» the header words took for the item's own quantity is a recipient's when a «Сумма» follows it.
  const own = layout.columns.quantity;
  const ownIsPair = own !== undefined && own !== layout.total?.quantity && isQty(text(columnIndex(own))) && isSum(text(columnIndex(own) + 1));
  const used = [...Object.entries(layout.columns).filter(([f]) => !(f === 'quantity' && ownIsPair)).map(([, v]) => v), layout.total?.quantity, layout.total?.sum]
    .filter((x): x is string => !!x)
    .map(columnIndex);
  const right = Math.max(0, ...used);
  const headed: number[] = [];
  header?.cells.forEach((cell, c) => {
    if (c > right && cellText(cell)) headed.push(c);
  });
  // the first quantity / sum pair right of the item columns, and every column after it, in pairs
  const firstPair = headed.find((c) => isQty(text(c)) && isSum(text(c + 1)));
  if (firstPair !== undefined) {
    const to = headed[headed.length - 1]!;
    return { from: firstPair, to: (to - firstPair) % 2 === 1 ? to : to + 1, width: 2 };
  }
  if (headed.length >= 2) {
    const from = headed[0]!;
    const to = headed[headed.length - 1]!;
    const alternate = to - from >= 3 && text(from) === text(from + 2) && text(from + 1) === text(from + 3) && text(from) !== text(from + 1);
    if (alternate) return { from, to: (to - from) % 2 === 1 ? to : to + 1, width: 2 };
    return { from, to, width: 1 };
  }
  let last = right;
  for (const r of rows) r.cells.forEach((cell, c) => {
    if (cell && (cellText(cell) || cell.formula)) last = Math.max(last, c);
  });
  return { from: last + 1, to: last + 2, width: 2 };
}

/** `--recipients O:EZ` as the option reads. */
export function recipientsOption(o: NonNullable<LayoutOptions['recipients']>): string {
  return `${columnLetter(o.from)}:${columnLetter(o.to)}`;
}
