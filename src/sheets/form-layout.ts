/**
 * Where things are in a publisher's own consolidated-order workbook (PRODUCT.md §4.4, stage 6): the
 * sheet and header row, the columns of the item (fpu code, item code, title, price), the item rows,
 * and the recipients' columns. `form load` stores this layout; `consolidate municipality` fills the
 * form by it (form-fill.ts).
 *
 * Two shapes are known from the real forms (../real-data/forms/):
 *   - pairs («Кол-во, шт.», «Стоимость») under a header cell «Указать наименование получателя №N, ИНН»
 *     in the row above (Дрофа: header row 6, labels merged over each pair in row 5); a first pair
 *     under another label («Сводный заказ по муниципальному образованию») is the form's own total;
 *   - one quantity column whose formula adds up per-recipient columns (Просвещение: «Заказ
 *     (количество экз)» = `SUM(O11:BS11)`): each column of the range is one recipient, its name goes
 *     in the header row above it.
 */
import { columnIndex, columnLetter } from '../domain/finding.js';
import { parseFpuCode, parseSectionRow } from '../domain/fpu.js';
import { parseMoney } from '../domain/money.js';
import { ORDER_FIELDS } from '../domain/order.js';
import { normalizeHeader } from '../domain/text.js';
import { openWorkbook } from './open.js';
import { cellText } from './table.js';
import type { SheetCell, SheetRow } from './types.js';

const HEADER_SCAN_ROWS = 30;

export type FormField = 'fpu_code' | 'item_code' | 'title' | 'grade' | 'price' | 'quantity';

const SYNONYMS: Record<FormField, string[]> = {
  fpu_code: ORDER_FIELDS.find((f) => f.key === 'fpu_code')!.synonyms,
  item_code: ['Код 1С', 'Код заказа 1С', 'Код издательства', 'Код товара', 'Артикул'],
  title: ['Наименование учебника', 'Наименование'],
  grade: ['Класс'],
  price: ['Цена'],
  quantity: ['Заказ', 'Количество', 'Кол-во'],
};

const normalizedSynonyms = Object.fromEntries(Object.entries(SYNONYMS).map(([k, v]) => [k, v.map(normalizeHeader)])) as Record<FormField, string[]>;

function fieldOf(header: string): FormField | undefined {
  const h = normalizeHeader(header);
  if (!h) return undefined;
  for (const f of Object.keys(normalizedSynonyms) as FormField[]) if (normalizedSynonyms[f].some((s) => h === s || h.startsWith(s + ' '))) return f;
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
  /** the grade of the row, when the form has a grade column and the row one whole grade */
  grade?: number;
  price_kopecks?: number;
}

export interface FormLayout {
  sheet: string;
  header_row: number;
  /** field → column letter */
  columns: Partial<Record<FormField, string>>;
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

/** Finds the layout in the first sheet that has an item header; null when none has. */
export async function detectFormLayout(file: string): Promise<FormLayout | null> {
  const wb = await openWorkbook(file);
  try {
    for (const info of wb.sheets.filter((s) => !s.hidden)) {
      const handle = await wb.sheet(info.name);
      const head: SheetRow[] = [];
      let layout: FormLayout | null = null;
      let columns = new Map<FormField, number>();
      let quantityRange: [number, number] | undefined;
      for await (const r of handle.rows()) {
        if (!layout) {
          head.push(r);
          if (head.length > HEADER_SCAN_ROWS) break;
          const { recipients, total, used } = pairsOf(r, head.find((x) => x.row === r.row - 1));
          const found = new Map<FormField, number>();
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

