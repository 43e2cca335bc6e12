/**
 * The generated corpus of issue 16: price lists and registries in many shapes, each written beside the
 * truth it must load as. Seeded and deterministic: the same seed writes byte-for-byte the same files.
 *
 * Every variant is a combination of shapes (format, encoding, delimiter, header words, header rows,
 * banners, section rows, column order, price and VAT spellings, …), recorded as `tags`, so that a
 * report can say which shapes pass. How to add a shape: test/corpus/README.md.
 *
 * Nothing here reads the project's own header tables: the words are listed below, «documented» ones as
 * PRICELIST_FIELDS (src/features/pricelist/rows.ts) and REGISTRY_SPEC (src/features/registry/command.ts) had them when
 * the corpus was written, «outside» ones as publishers and regions write them and the list does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { esc, workbookEntries, zipBuffer } from '../support/xlsx-fixtures.js';

// ------------------------------------------------------------------ truth

export interface Grade {
  from: number;
  to: number;
}

export interface TruthItem {
  /** the title as the file writes it (the stored authors + title must contain it) */
  title: string;
  fpu_code?: string;
  item_code?: string;
  /** 13 digits, no hyphens */
  isbn?: string;
  /** null: the item has no grade (a software licence, a preschool book) */
  grade: Grade | null;
  /** the price a school pays: VAT included */
  price_kopecks: number;
  vat_rate: number;
}

export interface TruthSchool {
  /** absent when the file has no school code (the product numbers the school itself) */
  code?: string;
  short_name: string;
  full_name: string;
  /** municipality code (its name when the file has only names) */
  municipality: string;
  inn?: string;
  students?: Record<string, number>;
}

interface VariantBase {
  id: string;
  file: string;
  tags: string[];
}
export interface PriceListVariant extends VariantBase {
  kind: 'pricelist';
  publisher: string;
  items: TruthItem[];
}
export interface RegistryVariant extends VariantBase {
  kind: 'registry';
  schools: TruthSchool[];
}
/** An item row of a publisher's form: where it is and what identifies it. */
export interface TruthFormItem {
  /** the sheet row, 1-based */
  row: number;
  fpu_code?: string;
  item_code?: string;
  price_kopecks: number;
}
export interface TruthRecipient {
  /** column letters */
  quantity: string;
  sum?: string;
}
export interface FormVariant extends VariantBase {
  kind: 'form';
  publisher: string;
  /** the publisher's price list holding the form's items, loaded before the form */
  pricelist: string;
  items: TruthFormItem[];
  recipients: TruthRecipient[];
  /** the form's own total quantity column, when it has one */
  total?: { quantity: string };
}
export type Variant = PriceListVariant | RegistryVariant | FormVariant;

// ------------------------------------------------------------------ randomness

export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
}

// ------------------------------------------------------------------ cells and files

/** A raw numeric cell of an xlsx (`raw` is the <v> text, e.g. with float noise); `style` picks a cellXfs entry. */
export interface RawNumber {
  raw: string;
  style?: number;
}
/** A formula cell of an xlsx (without the leading `=`), its cached value 0, as an empty form has it. */
export interface Formula {
  f: string;
}
export type Cell = string | number | RawNumber | Formula | null;

export interface Merge {
  /** 0-based, inclusive */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  rows: Cell[][];
  merges: Merge[];
}

export type FileFormat =
  | { kind: 'csv'; encoding: 'windows-1251' | 'utf-8' | 'utf-8-bom'; delimiter: ';' | ',' | '\t'; eol: '\r\n' | '\n' }
  | { kind: 'xlsx'; shared: boolean; sheetName: string; extraSheetBefore: boolean; sheetsAfter?: { name: string; lines: string[] }[] };

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function csvText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') return 'raw' in cell ? cell.raw : '';
  return cell;
}

export function csvBytes(grid: Grid, f: Extract<FileFormat, { kind: 'csv' }>): Buffer {
  const width = grid.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const lines = grid.rows.map((r) =>
    Array.from({ length: width }, (_, c) => {
      const s = csvText(r[c] ?? null);
      return /["\r\n]/.test(s) || s.includes(f.delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
    }).join(f.delimiter),
  );
  const text = lines.join(f.eol) + f.eol;
  if (f.encoding === 'windows-1251') return iconv.encode(text, 'windows-1251');
  const body = Buffer.from(text, 'utf8');
  return f.encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export function xlsxBytes(grid: Grid, f: Extract<FileFormat, { kind: 'xlsx' }>): Buffer {
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  const rowsXml = grid.rows
    .map((r, ri) => {
      const cells = r
        .map((cell, ci) => {
          if (cell === null || cell === '') return '';
          const ref = `${columnLetter(ci)}${ri + 1}`;
          if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
          if (typeof cell === 'object' && 'f' in cell) return `<c r="${ref}"><f>${esc(cell.f)}</f><v>0</v></c>`;
          if (typeof cell === 'object') return `<c r="${ref}"${cell.style ? ` s="${cell.style}"` : ''}><v>${cell.raw}</v></c>`;
          if (!f.shared) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(cell)}</t></is></c>`;
          let i = sstIndex.get(cell);
          if (i === undefined) {
            i = sst.length;
            sst.push(cell);
            sstIndex.set(cell, i);
          }
          return `<c r="${ref}" t="s"><v>${i}</v></c>`;
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  const merges = grid.merges.length
    ? `<mergeCells count="${grid.merges.length}">${grid.merges
        .map((m) => `<mergeCell ref="${columnLetter(m.left)}${m.top + 1}:${columnLetter(m.right)}${m.bottom + 1}"/>`)
        .join('')}</mergeCells>`
    : '';
  const sheets = [{ name: f.sheetName, rows: rowsXml, after: merges }];
  if (f.extraSheetBefore)
    sheets.unshift({
      name: 'Инструкция',
      rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>Заполните столбец «Заказ» и отправьте файл в издательство.</t></is></c></row>`,
      after: '',
    });
  for (const extra of f.sheetsAfter ?? [])
    sheets.push({
      name: extra.name,
      rows: extra.lines.map((t, k) => `<row r="${k + 2}"><c r="A${k + 2}" t="inlineStr"><is><t xml:space="preserve">${esc(t)}</t></is></c></row>`).join(''),
      after: '',
    });
  // cellXfs: 0 general, 1 percent (numFmt 9), 2 «0.00»
  return zipBuffer(workbookEntries({ sheets, sharedStrings: sst, cellXfs: [0, 9, 2] }));
}

function writeGrid(dir: string, base: string, grid: Grid, f: FileFormat): string {
  const file = path.join(dir, `${base}.${f.kind}`);
  fs.writeFileSync(file, f.kind === 'csv' ? csvBytes(grid, f) : xlsxBytes(grid, f));
  return file;
}

function chooseFormat(r: Rng, tags: string[], xlsxShare = 0.45): FileFormat {
  if (r.chance(xlsxShare)) {
    const f: FileFormat = { kind: 'xlsx', shared: r.chance(0.6), sheetName: r.pick(['Прайс', 'TDSheet', 'Лист1', 'Прайс-лист 2017']), extraSheetBefore: r.chance(0.08) };
    tags.push('fmt:xlsx', f.shared ? 'xlsx:shared-strings' : 'xlsx:inline-strings');
    if (f.extraSheetBefore) tags.push('xlsx:extra-sheet-first');
    return f;
  }
  const encoding = r.pick(['windows-1251', 'windows-1251', 'utf-8', 'utf-8-bom'] as const);
  const delimiter = r.pick([';', ';', ';', ',', '\t'] as const);
  const eol = r.chance(0.8) ? '\r\n' : '\n';
  tags.push('fmt:csv', `enc:${encoding}`, `delim:${delimiter === '\t' ? 'tab' : delimiter}`);
  return { kind: 'csv', encoding, delimiter, eol };
}

// ------------------------------------------------------------------ words

/** Header words per role: `doc` as the documented tables list them, `out` as files write them and the tables do not. */
const PRICE_WORDS: Record<string, { doc: string[]; out: string[] }> = {
  fpu: {
    doc: ['Порядковый номер учебника', '№ по ФП', '№ФП', 'Код ФП', '№ ФПУ', 'Номер в ФП', '№ ФП 2014/ 2015у.г'],
    out: ['№  в  ФП', 'Номер учебника в ФПУ', 'Шифр ФП', 'Код учебника в федеральном перечне', ''],
  },
  item_code: {
    doc: ['Код 1С', 'Код издательства', 'Код', 'Артикул', 'Код товара'],
    out: ['Код номенклатуры', 'Номенклатурный номер', 'Артикул издательства', 'ID товара'],
  },
  isbn: { doc: ['ISBN'], out: ['ИСБН', 'Код ISBN'] },
  authors: {
    doc: ['Автор/авторский коллектив', 'Авторы', 'Автор'],
    out: ['ПродукцияАвторыДляПрайса', 'Авторский коллектив', 'ФИО автора'],
  },
  title: {
    doc: ['Наименование учебника', 'Наименование', 'Наименование продукции', 'Название учебника'],
    out: ['Товар', 'Наименование пособия', 'Номенклатура', 'Учебник', 'Продукция'],
  },
  combined: {
    doc: ['Авторы, название учебника', 'Авторы, наименование учебника'],
    out: ['Авторы, название учебного пособия', 'Автор, наименование учебника', 'Автор, название'],
  },
  grade: { doc: ['Класс'], out: ['Кл.', 'Классы', 'Параллель', 'Для класса'] },
  price: {
    doc: ['Цена с НДС, руб.', 'Цена с НДС', 'Цена с доставкой (в т.ч. НДС), руб.', 'Цена за единицу (руб.)', 'Цена, руб.', 'Цена'],
    out: ['Прайс для юр.лиц (с НДС)', 'Стоимость с НДС', 'Цена для школ (с НДС), руб.', 'Отпускная цена с НДС', 'Розничная цена, руб.'],
  },
  /** the gross price when a net price stands beside it: the header must say «с НДС» */
  gross: {
    doc: ['Цена с НДС, руб.', 'Цена с НДС'],
    out: ['Прайс для юр.лиц (с НДС)', 'Стоимость с НДС', 'Цена для школ (с НДС), руб.', 'Отпускная цена с НДС'],
  },
  /** a net price: never the truth */
  net: { doc: ['Цена, руб.', 'Цена'], out: ['Цена без НДС', 'Цена без НДС, руб.', 'Стоимость без НДС', 'Цена (без НДС)'] },
  vat: { doc: ['НДС', 'НДС %', 'Ставка НДС'], out: ['Ставка', '% НДС', 'НДС, %', 'Налог'] },
  note: { doc: ['Примечание'], out: ['Прим.', 'Комментарий'] },
  year: { doc: ['Год издания', 'год изд.'], out: ['Год выпуска'] },
  series: { doc: ['Линия УМК', 'Система', 'УМК'], out: ['Серия'] },
};

/** Columns that are no field of a price list, with their headers. */
const EXTRA_WORDS: Record<string, string[]> = {
  rownum: ['№ п/п', '№', 'п/п'],
  unit: ['Ед. изм.', 'Ед.изм'],
  qty: ['Заказ (количество экз)', 'Кол-во', 'Количество, экз.'],
  sum: ['Сумма', 'Сумма заказа, руб', 'Сумма всего (руб.)'],
  standard: ['Соответствие стандарту', 'Стандарт', 'Вид пособия'],
  tech: ['Технические характеристики', 'Авторский договор'],
  empty: [''],
};

// ------------------------------------------------------------------ catalogue content

const SURNAMES = [
  'Горецкий', 'Канакина', 'Моро', 'Бантова', 'Плешаков', 'Климанова', 'Матвеева', 'Виленкин', 'Мордкович', 'Атанасян',
  'Перышкин', 'Габриелян', 'Пасечник', 'Алексеев', 'Никольский', 'Баранов', 'Ладыженская', 'Коровина', 'Босова',
  'Угринович', 'Вербицкая', 'Афанасьева', 'Михеева', 'Комарова', 'Ларионова', 'Зикеев', 'Никишов', 'Шарова', 'Челак',
];
const INITIALS = 'АБВГДЕИКЛМНОПРСТФЮЯ';

const SUBJECTS: { name: string; area: string; grades: [number, number] }[] = [
  { name: 'Русский язык', area: 'Филология', grades: [1, 9] },
  { name: 'Литературное чтение', area: 'Филология', grades: [1, 4] },
  { name: 'Английский язык', area: 'Иностранный язык', grades: [2, 11] },
  { name: 'Математика', area: 'Математика и информатика', grades: [1, 6] },
  { name: 'Алгебра', area: 'Математика и информатика', grades: [7, 11] },
  { name: 'Геометрия', area: 'Математика и информатика', grades: [7, 11] },
  { name: 'Информатика', area: 'Математика и информатика', grades: [2, 11] },
  { name: 'Окружающий мир', area: 'Обществознание и естествознание', grades: [1, 4] },
  { name: 'История России', area: 'Общественно-научные предметы', grades: [6, 10] },
  { name: 'Всеобщая история. История Древнего мира', area: 'Общественно-научные предметы', grades: [5, 5] },
  { name: 'География', area: 'Общественно-научные предметы', grades: [5, 11] },
  { name: 'Биология', area: 'Естественнонаучные предметы', grades: [5, 11] },
  { name: 'Физика', area: 'Естественнонаучные предметы', grades: [7, 11] },
  { name: 'Химия', area: 'Естественнонаучные предметы', grades: [8, 11] },
  { name: 'Музыка', area: 'Искусство', grades: [1, 8] },
  { name: 'Изобразительное искусство', area: 'Искусство', grades: [1, 7] },
  { name: 'Технология', area: 'Технология', grades: [1, 9] },
  { name: 'Основы безопасности жизнедеятельности', area: 'Физическая культура и ОБЖ', grades: [5, 9] },
];
const TITLE_TAILS = ['', '. Учебник', '. Базовый уровень', '. Углублённый уровень', ' (с online поддержкой)', '. Учебник для общеобразовательных организаций'];

/** Items without a grade: what publishers sell beside textbooks. */
const UNGRADED_TITLES = [
  'Лицензия на электронную форму учебника «Математика», 12 месяцев',
  'Программное обеспечение «Живая геометрия». Лицензия на 1 рабочее место',
  'Математические ступеньки. Пособие для детей 5–7 лет',
  'Раз — ступенька, два — ступенька. Рабочая тетрадь для дошкольников',
  'По дороге к Азбуке. Пособие для дошкольников',
  'Комплект плакатов «Правила дорожного движения»',
];

const PART_STYLES = [
  (n: number) => `Часть ${n}`,
  (n: number) => `ч.${n}`,
  (n: number) => `ч,${n}`,
  (n: number) => `Ч. ${n}`,
  (n: number) => `В 2-х ч. Ч.${n}`,
];

function person(r: Rng): string {
  const sep = r.chance(0.7) ? '' : ' ';
  return `${r.pick(SURNAMES)} ${r.pick([...INITIALS])}.${sep}${r.pick([...INITIALS])}.`;
}

function authorsOf(r: Rng): string {
  const n = r.int(1, 3);
  const names = Array.from({ length: n }, () => person(r));
  return names.join(', ') + (n === 3 && r.chance(0.5) ? ' и др.' : '');
}

export function isbn13(r: Rng): string {
  const digits = [9, 7, 8, 5, ...Array.from({ length: 8 }, () => r.int(0, 9))];
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 ? 3 : 1), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

function hyphenIsbn(s: string): string {
  return `${s.slice(0, 3)}-${s.slice(3, 4)}-${s.slice(4, 6)}-${s.slice(6, 12)}-${s.slice(12)}`;
}

// ------------------------------------------------------------------ price lists

type PriceStyle = 'dot' | 'comma' | 'thousands' | 'rub' | 'onedec' | 'number' | 'noise';
type VatMode = 'none' | 'column' | 'note';
type VatStyle = 'pct' | 'pct-space' | 'share' | 'int' | 'number';
type Role =
  | 'fpu' | 'item_code' | 'isbn' | 'authors' | 'title' | 'combined' | 'grade' | 'price' | 'net' | 'vat' | 'note'
  | 'year' | 'series' | 'rownum' | 'unit' | 'qty' | 'sum' | 'standard' | 'tech' | 'empty';

interface GenItem {
  fpu?: string;
  /** how the fpu cell is written (a trailing dot, a space) */
  fpuCell?: string;
  code?: string;
  isbn?: string;
  authors: string;
  title: string;
  /** the text of the title cell (blank for a continuation row) */
  titleCell: string;
  authorsCell: string;
  grade: Grade | null;
  gross: number;
  vat: number;
  note: string;
  subjectIndex: number;
  section?: string;
}

interface PriceShape {
  fpuCol: boolean;
  codeCol: boolean;
  isbnCol: boolean;
  combined: boolean;
  gradeCol: boolean;
  netGross: boolean;
  vatMode: VatMode;
  vatStyle: VatStyle;
  priceStyle: PriceStyle;
  codeStyle: 'prosv' | 'numeric' | 'mnemo' | 'drofa' | 'ut';
  parts: boolean;
  partStyle: number;
  continuation: boolean;
  noGrade: boolean;
  trailingDot: boolean;
  noHeader: boolean;
  headerRows: 1 | 2;
  labelsTop: boolean;
  merged: boolean;
  colNumbers: boolean;
  banners: number;
  sections: boolean;
  totals: boolean;
  words: 'documented' | 'outside' | 'mixed';
  headerNoise: boolean;
  order: 'classic' | 'shuffled' | 'catalogue-export';
  extras: Role[];
  /** cells with a line break inside (quoted in CSV): authors over two lines */
  multiline: boolean;
}

function money(k: number, style: PriceStyle, xlsx: boolean, r: Rng): Cell {
  const rub = Math.floor(k / 100);
  const kop = String(k % 100).padStart(2, '0');
  switch (style) {
    case 'dot':
      return `${rub}.${kop}`;
    case 'comma':
      return `${rub},${kop}`;
    case 'thousands': {
      const sep = r.chance(0.5) ? ' ' : '\u00a0';
      return `${String(rub).replace(/\B(?=(\d{3})+(?!\d))/g, sep)},${kop}`;
    }
    case 'rub':
      return r.chance(0.5) ? ` ${rub}.${kop}р. ` : `${rub},${kop} руб.`;
    case 'onedec':
      // the prices of this style are whole tens of kopecks
      return k % 100 === 0 ? String(rub) : `${rub},${kop[0]}`;
    case 'number':
      return xlsx ? k / 100 : `${rub}.${kop}`;
    case 'noise':
      return xlsx ? { raw: `${(k / 100).toFixed(2)}000000000002`, style: 2 } : `${rub}.${kop}`;
  }
}

function vatCell(rate: number, style: VatStyle, xlsx: boolean): Cell {
  if (rate === 0 && style !== 'number' && style !== 'share') return 'без НДС';
  switch (style) {
    case 'pct':
      return `${rate}%`;
    case 'pct-space':
      return `${rate} %`;
    case 'share':
      return rate === 0 ? '0' : `0,${String(rate).padStart(2, '0').replace(/0$/, '')}`;
    case 'int':
      return String(rate);
    case 'number':
      return xlsx ? { raw: String(rate / 100), style: 1 } : `${rate}%`;
  }
}

function gradeCell(g: Grade, xlsx: boolean, r: Rng): Cell {
  if (g.from === g.to) {
    const k = r.int(0, 5);
    if (k === 0) return `${g.from} класс`;
    if (k <= 2 && xlsx) return g.from;
    return String(g.from);
  }
  return `${g.from}${r.pick(['-', ' - ', '–'])}${g.to}`;
}

function gradeInTitle(g: Grade, r: Rng): string {
  if (g.from === g.to) return r.pick([`. ${g.from} кл.`, `. ${g.from} класс`, ` для ${g.from} класса`]);
  return `. ${g.from}-${g.to} кл.`;
}

function itemCodeOf(style: PriceShape['codeStyle'], r: Rng, taken: Set<string>): string {
  for (;;) {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const code =
      style === 'prosv'
        ? `${pad(r.int(1, 30), 2)}-${pad(r.int(1, 9999), 4)}-${pad(r.int(1, 16), 2)}`
        : style === 'numeric'
          ? String(r.int(10000, 99999))
          : style === 'mnemo'
            ? `${r.int(201, 299)}.${r.int(401, 499)}.${r.pick(['0Д', '0К', 'ЭП', '1П', 'ЭЛ'])}.ХХ`
            : style === 'drofa'
              ? `DRF0000000004${pad(r.int(10000, 99999), 5)}`
              : `УТ-${pad(r.int(1, 999999), 8)}`;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function fpuCodeOf(r: Rng, subjectIndex: number, taken: Set<string>): string {
  for (;;) {
    const levels = r.pick([5, 6, 6, 6, 7]);
    const parts = [r.chance(0.85) ? 1 : 2, r.int(1, 3), Math.floor(subjectIndex / 4) + 1, (subjectIndex % 4) + 1, r.int(1, 30)];
    if (levels >= 6) parts.push(r.int(1, 12));
    if (levels === 7) parts.push(r.int(1, 70));
    const code = parts.join('.');
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function priceShape(r: Rng, i: number): PriceShape {
  const noHeader = i % 11 === 5 || r.chance(0.04);
  const combined = r.chance(0.3);
  const codeCol = r.chance(0.6);
  const isbnCol = r.chance(0.25);
  const fpuCol = !codeCol && !isbnCol ? true : r.chance(0.88);
  const parts = r.chance(0.35);
  const shape: PriceShape = {
    fpuCol,
    codeCol,
    isbnCol,
    combined,
    gradeCol: r.chance(0.82),
    netGross: r.chance(0.22),
    vatMode: r.pick(['none', 'none', 'column', 'column', 'note'] as const),
    vatStyle: r.pick(['pct', 'pct-space', 'share', 'int', 'number'] as const),
    priceStyle: r.pick(['dot', 'dot', 'comma', 'thousands', 'rub', 'onedec', 'number', 'noise'] as const),
    codeStyle: r.pick(['prosv', 'numeric', 'mnemo', 'drofa', 'ut'] as const),
    parts,
    partStyle: r.int(0, PART_STYLES.length - 1),
    continuation: parts && codeCol && fpuCol && r.chance(0.4),
    noGrade: r.chance(0.2),
    trailingDot: fpuCol && r.chance(0.2),
    noHeader,
    headerRows: !noHeader && r.chance(0.25) ? 2 : 1,
    labelsTop: r.chance(0.5),
    merged: false,
    colNumbers: !noHeader && r.chance(0.2),
    banners: noHeader ? 0 : r.pick([0, 0, 1, 2, 3, 5]),
    sections: !noHeader && fpuCol && r.chance(0.35),
    totals: !noHeader && r.chance(0.15),
    words: r.pick(['documented', 'documented', 'outside', 'mixed'] as const),
    headerNoise: r.chance(0.2),
    order: noHeader && r.chance(0.5) ? 'catalogue-export' : r.chance(0.45) ? 'shuffled' : 'classic',
    extras: [],
    multiline: false,
  };
  for (const [role, p] of [['rownum', 0.3], ['year', 0.2], ['series', 0.12], ['unit', 0.1], ['qty', 0.2], ['sum', 0.15], ['standard', 0.15], ['tech', 0.08], ['empty', 0.15], ['note', 0.15]] as const)
    if (r.chance(p)) shape.extras.push(role);
  shape.multiline = r.chance(0.15);
  return shape;
}

function priceItems(r: Rng, s: PriceShape): GenItem[] {
  const fpuTaken = new Set<string>();
  const codeTaken = new Set<string>();
  const items: GenItem[] = [];
  const n = r.int(3, 8);
  const subjects = r.shuffle(SUBJECTS.map((_, i) => i)).slice(0, n).sort((a, b) => a - b);
  const oneDec = s.priceStyle === 'onedec';
  const price = () => {
    const k = r.int(4000, 180000);
    return oneDec ? k - (k % 10) : k;
  };
  const vat = (): { rate: number; note: string } => {
    if (s.vatMode === 'none') return { rate: 10, note: r.chance(0.2) ? 'с online поддержкой' : '' };
    const rate = r.pick([10, 10, 10, 18, 20, 0]);
    if (s.vatMode === 'column') return { rate, note: '' };
    const note =
      rate === 0
        ? r.pick(['Без НДС', 'НДС не облагается'])
        : rate === 10
          ? r.pick(['', '', 'НДС 10%', 'с online поддержкой'])
          : r.pick([`НДС ${rate}%`, `книга + CD, НДС ${rate}%`, `НДС ${rate} %`]);
    return { rate, note };
  };
  const partsOf = s.parts ? new Set(r.shuffle(subjects).slice(0, r.int(1, 2))) : new Set<number>();
  for (const si of subjects) {
    const subject = SUBJECTS[si]!;
    const g0 = r.int(subject.grades[0], subject.grades[1]);
    const grade: Grade = r.chance(0.15) && g0 < subject.grades[1] ? { from: g0, to: r.int(g0 + 1, subject.grades[1]) } : { from: g0, to: g0 };
    const fpu = fpuCodeOf(r, si, fpuTaken);
    const authors = authorsOf(r);
    const base = `${subject.name}${r.pick(TITLE_TAILS)}${s.gradeCol ? '' : gradeInTitle(grade, r)}`;
    const nParts = partsOf.has(si) ? r.int(2, 3) : 1;
    const gross = price();
    const v = vat();
    for (let p = 1; p <= nParts; p++) {
      const cont = s.continuation && p > 1;
      const title = nParts === 1 || cont ? base : `${base}${base.endsWith('.') ? ' ' : '. '}${PART_STYLES[s.partStyle]!(p)}`;
      items.push({
        fpu,
        authors,
        title,
        titleCell: cont ? '' : title,
        authorsCell: cont ? '' : authors,
        grade,
        gross,
        vat: v.rate,
        note: v.note,
        subjectIndex: si,
        section: `${fpu.split('.').slice(0, 4).join('.')}. ${subject.name} (учебный предмет)`,
      });
    }
  }
  if (s.noGrade) {
    for (const t of r.shuffle(UNGRADED_TITLES).slice(0, r.int(1, 2))) {
      const v = vat();
      items.push({ authors: r.chance(0.5) ? authorsOf(r) : '', title: t, titleCell: t, authorsCell: '', grade: null, gross: price(), vat: v.rate, note: v.note, subjectIndex: -1 });
    }
  }
  let nn = 0;
  for (const it of items) {
    it.authorsCell = it.titleCell === '' ? '' : it.authors;
    if (s.codeCol) it.code = itemCodeOf(s.codeStyle, r, codeTaken);
    // every item needs an identity: a code, an ISBN, or an fpu code (a 99.… one for an item outside the list)
    if (s.isbnCol && (it.grade === null || (!s.fpuCol && !s.codeCol) || r.chance(0.85))) it.isbn = isbn13(r);
    if (it.grade === null) {
      // not in the federal list: a 99.… code where the list has fpu codes and nothing else identifies it
      if (s.fpuCol && (!it.code && !it.isbn ? true : r.chance(0.3))) it.fpu = `99.99.99.99.99.${r.chance(0.5) ? '99' : String(++nn + 10)}`;
    }
    if (!s.fpuCol) delete it.fpu;
    if (it.fpu) it.fpuCell = s.trailingDot ? `${it.fpu}.` : r.chance(0.1) ? `${it.fpu} ` : it.fpu;
    if (s.multiline && it.authors.includes(', ')) {
      it.authors = it.authors.replace(', ', ',\n');
      if (it.authorsCell) it.authorsCell = it.authors;
    }
  }
  return items;
}

interface Column {
  role: Role;
  header: string;
  outside: boolean;
}

function headerWord(r: Rng, role: Role, s: PriceShape, tags: Set<string>, wordsOf: string = role): Column {
  const words = PRICE_WORDS[wordsOf];
  if (!words) return { role, header: r.pick(EXTRA_WORDS[role]!), outside: false };
  const outside = s.words === 'outside' ? true : s.words === 'mixed' ? r.chance(0.5) : false;
  const list = outside ? words.out : words.doc;
  let header = r.pick(list);
  if (outside) tags.add(`hw:${wordsOf}=${header.replace(/\s+/g, ' ') || '(blank)'}`);
  if (s.headerNoise && header) {
    header = r.pick([
      (h: string) => h.replace(/, | /, (m) => (m === ', ' ? ',\n' : '\n')),
      (h: string) => h.toUpperCase(),
      (h: string) => `${h}  `,
      (h: string) => h.replace(/ /g, '  '),
    ])(header);
  }
  return { role, header, outside };
}

function priceColumns(r: Rng, s: PriceShape, tags: Set<string>): Column[] {
  const roles: Role[] = [];
  if (s.extras.includes('rownum')) roles.push('rownum');
  if (s.fpuCol) roles.push('fpu');
  if (s.extras.includes('series')) roles.push('series');
  if (s.codeCol) roles.push('item_code');
  if (s.isbnCol) roles.push('isbn');
  if (s.combined) roles.push('combined');
  else roles.push('authors', 'title');
  if (s.gradeCol) roles.push('grade');
  if (s.extras.includes('standard')) roles.push('standard');
  if (s.extras.includes('year')) roles.push('year');
  if (s.extras.includes('tech')) roles.push('tech');
  if (s.extras.includes('unit')) roles.push('unit');
  if (s.vatMode === 'column') roles.push('vat');
  if (s.vatMode === 'note' || s.extras.includes('note')) roles.push('note');
  if (s.netGross) roles.push('net');
  roles.push('price');
  if (s.extras.includes('qty')) roles.push('qty');
  if (s.extras.includes('sum')) roles.push('sum');
  if (s.extras.includes('empty')) roles.splice(r.int(1, roles.length - 1), 0, 'empty');

  let ordered = roles;
  if (s.order === 'shuffled') ordered = r.shuffle(roles);
  else if (s.order === 'catalogue-export') {
    // a catalogue export: authors; fpu; title; grade; VAT; price; item code — and whatever else there is after it
    const lead: Role[] = ['authors', 'fpu', 'title', 'combined', 'grade', 'vat', 'net', 'price', 'item_code'];
    ordered = [...lead.filter((x) => roles.includes(x)), ...roles.filter((x) => !lead.includes(x))];
  }
  if (s.netGross && ordered.indexOf('net') > ordered.indexOf('price')) tags.add('net-right-of-gross');
  // beside a net price, the gross one says «с НДС»
  return ordered.map((role) => headerWord(r, role, s, tags, role === 'price' && s.netGross ? 'gross' : role));
}

function cellOf(c: Column, it: GenItem, index: number, s: PriceShape, xlsx: boolean, r: Rng): Cell {
  switch (c.role) {
    case 'fpu':
      return it.fpuCell ?? '';
    case 'item_code':
      return it.code === undefined ? '' : xlsx && s.codeStyle === 'numeric' ? Number(it.code) : it.code;
    case 'isbn':
      return it.isbn === undefined ? '' : r.chance(0.5) ? hyphenIsbn(it.isbn) : it.isbn;
    case 'authors':
      return it.authorsCell;
    case 'title':
      return it.titleCell;
    case 'combined':
      return it.titleCell === '' ? '' : it.authors ? `${it.authors} ${it.title}` : it.title;
    case 'grade':
      return it.grade ? gradeCell(it.grade, xlsx, r) : '';
    case 'price':
      return money(it.gross, s.priceStyle, xlsx, r);
    case 'net':
      return money(Math.round((it.gross * 100) / (100 + it.vat)), s.priceStyle, xlsx, r);
    case 'vat':
      return vatCell(it.vat, s.vatStyle, xlsx);
    case 'note':
      return it.note;
    case 'year':
      return xlsx ? 2016 : r.pick(['2016', '2015-2016']);
    case 'series':
      return r.pick(['Школа России', 'Перспектива', 'Сферы', '']);
    case 'rownum':
      return xlsx ? index + 1 : String(index + 1);
    case 'unit':
      return 'экз.';
    case 'qty':
      return r.chance(0.5) ? '' : xlsx ? 0 : '0';
    case 'sum':
      return xlsx ? 0 : '0.00';
    case 'standard':
      return r.pick(['ФГОС', 'ФГОС НОО', 'ФГОС ООО', 'книга']);
    case 'tech':
      return 'переплет 7БЦ, 4 краски, 84х108/16, 7,5 п.л.';
    case 'empty':
      return '';
  }
}

const BANNERS = [
  'Прайс-лист на учебную литературу на 2017/2018 учебный год',
  'Приложение № 1 к Договору',
  '№__________ от ”____”___________ 2016 г.',
  'Спецификация на поставку товара',
  'Цены действительны с 01.02.2017',
  'ООО «Издательский дом»',
];

const TWO_ROW_GROUPS: { roles: [Role, Role]; top: string; lower: [string, string] }[] = [
  { roles: ['net', 'price'], top: 'Цена, руб.', lower: ['без НДС', 'с НДС'] },
  { roles: ['authors', 'title'], top: 'Учебник', lower: ['Авторы', 'Наименование'] },
  { roles: ['qty', 'sum'], top: 'Заказ', lower: ['кол-во, экз.', 'сумма, руб.'] },
];

function buildPriceGrid(r: Rng, s: PriceShape, cols: Column[], items: GenItem[], xlsx: boolean, tags: Set<string>): Grid {
  const rows: Cell[][] = [];
  const merges: Merge[] = [];
  const width = cols.length;
  for (let b = 0; b < s.banners; b++) {
    const text = b % 3 === 2 ? '' : BANNERS[(b + r.int(0, 2)) % BANNERS.length]!;
    const at = r.chance(0.6) ? 0 : Math.min(width - 1, r.int(1, 4));
    const row: Cell[] = Array.from({ length: width }, () => null);
    row[at] = text || null;
    rows.push(row);
    if (text && s.merged && at + 1 < width) merges.push({ top: rows.length - 1, left: at, bottom: rows.length - 1, right: width - 1 });
  }
  if (!s.noHeader) {
    if (s.headerRows === 1) {
      rows.push(cols.map((c) => c.header));
    } else {
      const top: Cell[] = [];
      const lower: Cell[] = [];
      const hr = rows.length;
      for (let c = 0; c < width; c++) {
        const col = cols[c]!;
        const next = cols[c + 1];
        const group = next ? TWO_ROW_GROUPS.find((g) => g.roles[0] === col.role && g.roles[1] === next.role) : undefined;
        if (group) {
          tags.add(`two-row-group:${group.top}`);
          top.push(group.top, null);
          lower.push(group.lower[0], group.lower[1]);
          if (s.merged) merges.push({ top: hr, left: c, bottom: hr, right: c + 1 });
          c++;
          continue;
        }
        if (col.role === 'standard') {
          tags.add('two-row-group:Стандарт/ФГОС');
          top.push('Стандарт');
          lower.push('ФГОС');
          continue;
        }
        if (s.labelsTop) {
          top.push(col.header);
          lower.push(null);
          if (s.merged) merges.push({ top: hr, left: c, bottom: hr + 1, right: c });
        } else {
          top.push(null);
          lower.push(col.header);
        }
      }
      rows.push(top, lower);
    }
    if (s.colNumbers) rows.push(cols.map((_, i) => (xlsx ? i + 1 : String(i + 1))));
  }
  let lastSection = '';
  let lastArea = '';
  let counter = 0;
  const put = (text: string) => {
    const row: Cell[] = Array.from({ length: width }, () => null);
    row[0] = text;
    rows.push(row);
  };
  for (const it of items) {
    if (s.sections) {
      if (it.subjectIndex >= 0 && it.section && it.section !== lastSection) {
        const area = SUBJECTS[it.subjectIndex]!.area;
        if (area !== lastArea) put(`${it.section.split('.').slice(0, 3).join('.')}. ${area} (предметная область)`);
        lastArea = area;
        put(it.section);
        lastSection = it.section;
      } else if (it.subjectIndex < 0 && lastSection !== 'extra') {
        put('Программное обеспечение и пособия для дошкольников');
        lastSection = 'extra';
      }
    }
    rows.push(cols.map((c) => cellOf(c, it, counter, s, xlsx, r)));
    counter++;
  }
  if (s.totals) {
    const row: Cell[] = cols.map((c) => (c.role === 'sum' ? (xlsx ? 0 : '0.00') : null));
    row[0] = r.pick(['Итого', 'ИТОГО:', 'Итого:']);
    rows.push(row);
  }
  return { rows, merges };
}

const PUBLISHERS = ['Просвещение', 'Дрофа', 'Русское слово', 'Мнемозина', 'БИНОМ. Лаборатория знаний', 'Вентана-Граф', 'Академкнига/Учебник', 'Издательство «Экзамен»', 'Владос', 'Ассоциация XXI век'];

function priceVariant(dir: string, seed: number, i: number): PriceListVariant {
  const r = new Rng(seed * 7919 + i * 104729 + 1);
  const s = priceShape(r, i);
  const tagList: string[] = [];
  const f = chooseFormat(r, tagList);
  const xlsx = f.kind === 'xlsx';
  s.merged = xlsx && !s.noHeader && (s.headerRows === 2 || s.banners > 0) && r.chance(0.6);
  const tags = new Set(tagList);
  const items = priceItems(r, s);
  const cols = priceColumns(r, s, tags);
  const grid = buildPriceGrid(r, s, cols, items, xlsx, tags);

  if (s.noHeader) {
    // the header words drawn for its columns are never written
    for (const t of [...tags]) if (t.startsWith('hw:')) tags.delete(t);
    tags.add('no-header');
  }
  else tags.add(`header-rows:${s.headerRows}`).add(`words:${s.words}`);
  if (!s.noHeader && s.headerRows === 2) tags.add(s.labelsTop ? 'two-row:labels-top' : 'two-row:labels-bottom');
  if (s.merged) tags.add('merged-cells');
  if (s.colNumbers) tags.add('column-numbers-row');
  if (s.banners) tags.add('banners');
  if (s.sections) tags.add('section-rows');
  if (s.totals) tags.add('totals-row');
  if (!s.noHeader && s.headerNoise) tags.add('header-noise');
  tags.add(`order:${s.order}`);
  tags.add(s.combined ? 'authors+title-combined' : 'authors,title-separate');
  if (!s.fpuCol) tags.add('no-fpu-column');
  if (s.codeCol) tags.add(`item-code:${s.codeStyle}`);
  if (s.isbnCol) tags.add('isbn');
  if (!s.gradeCol) tags.add('grade-in-title');
  if (s.netGross) tags.add('net+gross');
  tags.add(`vat:${s.vatMode}`);
  if (s.vatMode === 'column') tags.add(`vat-cell:${s.vatStyle === 'number' && !xlsx ? 'pct' : s.vatStyle}`);
  if (items.some((it) => it.vat !== 10)) tags.add('vat:not-10');
  tags.add(`price:${!xlsx && (s.priceStyle === 'number' || s.priceStyle === 'noise') ? 'dot' : s.priceStyle}`);
  if (s.parts) tags.add('parts');
  if (s.continuation) tags.add('continuation-rows');
  if (s.noGrade) tags.add('no-grade-items');
  if (s.trailingDot) tags.add('fpu-trailing-dot');
  if (s.multiline && items.some((it) => it.authors.includes('\n'))) tags.add('multiline-cells');
  if (items.some((it) => it.fpu?.startsWith('99.'))) tags.add('fpu-99');
  for (const e of s.extras) tags.add(`col:${e}`);

  const id = `p${String(i).padStart(3, '0')}`;
  const file = writeGrid(dir, id, grid, f);
  const truth: TruthItem[] = items.map((it) => {
    const t: TruthItem = { title: it.title, grade: it.grade, price_kopecks: it.gross, vat_rate: it.vat };
    if (it.fpu) t.fpu_code = it.fpu;
    if (it.code) t.item_code = it.code;
    if (it.isbn) t.isbn = it.isbn;
    return t;
  });
  return { kind: 'pricelist', id, file, publisher: PUBLISHERS[i % PUBLISHERS.length]!, tags: [...tags], items: truth };
}

// ------------------------------------------------------------------ registries

const REGISTRY_WORDS: Record<string, { doc: string[]; out: string[] }> = {
  code: { doc: ['Код ОО', 'Код школы', 'Код организации', 'Код'], out: ['Логин', 'Логин ОО', 'Идентификатор'] },
  short: { doc: ['Краткое наименование', 'Сокращенное наименование', 'Наименование ОО', 'Школа'], out: ['Сокр. наименование', 'Наименование краткое', 'ОУ'] },
  full: { doc: ['Полное наименование'], out: ['Наименование полное', 'Наименование (полное)', 'Полное наим.'] },
  muni: { doc: ['Код МО', 'Код муниципалитета', 'Код района'], out: ['Код АТЕ', 'Код МСУ', 'МО (код)'] },
  muni_name: { doc: ['Муниципалитет', 'Муниципальное образование', 'Район'], out: ['Наименование МО', 'АТЕ', 'Город/район'] },
  inn: { doc: ['ИНН'], out: ['ИНН организации'] },
  grade: { doc: ['{g} класс', 'Контингент {g}'], out: ['Обуч. {g} кл.', '{g}-е классы'] },
};

const MUNICIPALITIES: { code: string; name: string; town: string; login: string }[] = [
  { code: '124', name: 'г. Томск', town: 'г. Томска', login: 'TOM' },
  { code: '101', name: 'Асиновский район', town: 'г. Асино', login: 'ASN' },
  { code: '0401', name: 'Кемеровский муниципальный округ', town: 'Кемеровского МО', login: 'KEM' },
  { code: '117', name: 'Колпашевский район', town: 'г. Колпашево', login: 'KLP' },
  { code: '56', name: 'Новосибирский район', town: 'Новосибирского района', login: 'NSK' },
];
const KINDS: [string, string][] = [
  ['МБОУ', 'Муниципальное бюджетное общеобразовательное учреждение'],
  ['МАОУ', 'Муниципальное автономное общеобразовательное учреждение'],
  ['МКОУ', 'Муниципальное казенное общеобразовательное учреждение'],
];
const SCHOOL_TYPES: [string, string][] = [
  ['СОШ', 'средняя общеобразовательная школа'],
  ['ООШ', 'основная общеобразовательная школа'],
  ['гимназия', 'гимназия'],
  ['лицей', 'лицей'],
];

function innOf(r: Rng): string {
  const d = [7, 0, ...Array.from({ length: 7 }, () => r.int(0, 9))];
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * d[i]!, 0);
  return [...d, (sum % 11) % 10].join('');
}

function registryVariant(dir: string, seed: number, i: number): RegistryVariant {
  const r = new Rng(seed * 15485863 + i * 32452843 + 7);
  const tags = new Set<string>(['registry']);
  const tagList: string[] = [];
  const tomsk = i % 6 === 0;
  const f = tomsk ? ({ kind: 'csv', encoding: 'windows-1251', delimiter: ';', eol: '\r\n' } as const) : chooseFormat(r, tagList, 0.35);
  if (tomsk) tagList.push('fmt:csv', 'enc:windows-1251', 'delim:;');
  for (const t of tagList) tags.add(t);
  const xlsx = f.kind === 'xlsx';
  const noHeader = tomsk || r.chance(0.3);
  const words = r.pick(['documented', 'documented', 'outside', 'mixed'] as const);
  type RCol = 'muni' | 'muni_name' | 'code' | 'short' | 'full' | 'inn' | 'empty' | `g${number}`;
  let roles: RCol[];
  if (tomsk) roles = ['muni', 'short', 'full'];
  else {
    roles = [];
    const muniCode = r.chance(0.85);
    if (muniCode) roles.push('muni');
    if (!muniCode || r.chance(0.3)) roles.push('muni_name');
    if (r.chance(0.6)) roles.push('code');
    roles.push('short');
    if (r.chance(0.85)) roles.push('full');
    if (r.chance(0.25)) roles.push('inn');
    if (!noHeader && r.chance(0.25)) for (let g = 1; g <= 11; g++) roles.push(`g${g}`);
    if (r.chance(0.5)) roles = r.shuffle(roles);
  }
  const emptyCols = !tomsk && r.chance(0.35) ? r.int(1, 40) : 0;
  if (emptyCols) for (let k = 0; k < emptyCols; k++) roles.push('empty');
  const codeStyle = r.pick(['login', 'login', 'digits', 'ou'] as const);

  const schools: TruthSchool[] = [];
  const rows: Cell[][] = [];
  const merges: Merge[] = [];
  const munis = r.shuffle(MUNICIPALITIES).slice(0, r.int(1, 3));
  let n = 0;
  const bodies: Cell[][] = [];
  for (const m of munis) {
    const count = r.int(2, 6);
    for (let k = 1; k <= count; k++) {
      n++;
      const [kindShort, kindFull] = r.pick(KINDS);
      const [typeShort, typeFull] = r.pick(SCHOOL_TYPES);
      const num = r.int(1, 99);
      const named = r.chance(0.15) ? ` "${r.pick(['Кристина', 'Эврика', 'Перспектива'])}"` : '';
      const short = `${kindShort} ${typeShort} №${r.chance(0.5) ? ' ' : ''}${num}${named} ${m.town}`;
      const full = `${kindFull} ${typeFull} № ${num}${named} ${m.town}`;
      const code = codeStyle === 'login' ? `${m.login}_${String(n).padStart(4, '0')}` : codeStyle === 'digits' ? String(r.int(1000, 9999)) + String(n).padStart(2, '0') : `ОО-${String(n).padStart(4, '0')}`;
      const inn = innOf(r);
      const students = Object.fromEntries(Array.from({ length: 11 }, (_, g) => [String(g + 1), r.int(0, 120)]));
      const t: TruthSchool = { short_name: short, full_name: roles.includes('full') ? full : short, municipality: roles.includes('muni') ? m.code : m.name };
      if (roles.includes('code')) t.code = code;
      if (roles.includes('inn')) t.inn = inn;
      if (roles.includes('g1')) t.students = students;
      schools.push(t);
      bodies.push(
        roles.map((role): Cell => {
          if (role === 'muni') return xlsx && r.chance(0.5) && /^[1-9]\d*$/.test(m.code) ? Number(m.code) : m.code;
          if (role === 'muni_name') return m.name;
          if (role === 'code') return code;
          if (role === 'short') return short;
          if (role === 'full') return full;
          if (role === 'inn') return inn;
          if (role === 'empty') return '';
          const g = students[role.slice(1)]!;
          return xlsx ? g : String(g);
        }),
      );
    }
  }
  if (!noHeader) {
    const banners = r.pick([0, 0, 1, 2]);
    for (let b = 0; b < banners; b++) rows.push([b === 0 ? 'Реестр общеобразовательных организаций' : '']);
    if (banners) tags.add('banners');
    if (xlsx && banners && r.chance(0.5)) {
      merges.push({ top: 0, left: 0, bottom: 0, right: Math.min(roles.length, 6) - 1 });
      tags.add('merged-cells');
    }
    tags.add(`words:${words}`);
    rows.push(
      roles.map((role) => {
        const key = role.startsWith('g') ? 'grade' : role;
        const w = REGISTRY_WORDS[key];
        if (!w) return '';
        const outside = words === 'outside' || (words === 'mixed' && r.chance(0.5));
        const h = r.pick(outside ? w.out : w.doc).replace('{g}', role.slice(1));
        if (outside) tags.add(`hw:${key}=${key === 'grade' ? h.replace(role.slice(1), '{g}') : h}`);
        return h;
      }),
    );
  }
  rows.push(...bodies);
  tags.add(tomsk ? 'tomsk-like' : noHeader ? 'no-header' : 'header');
  if (roles.includes('code')) tags.add(`school-code:${codeStyle}`);
  if (!roles.includes('muni')) tags.add('municipality-name-only');
  if (roles.includes('muni_name') && roles.includes('muni')) tags.add('municipality-code+name');
  if (!roles.includes('full')) tags.add('no-full-name');
  if (roles.includes('inn')) tags.add('inn');
  if (roles.includes('g1')) tags.add('students');
  if (emptyCols) tags.add(emptyCols > 10 ? 'empty-columns:many' : 'empty-columns:few');
  const id = `r${String(i).padStart(3, '0')}`;
  const file = writeGrid(dir, id, { rows, merges }, f);
  return { kind: 'registry', id, file, tags: [...tags], schools };
}

// ------------------------------------------------------------------ publisher forms

/** The recipient pair headers (quantity, sum) as the publishers' forms write them (issue 16, patterns 9 and 10). */
const FORM_PAIRS: [string, string, string][] = [
  ['kol-stoimost', 'Кол-во, шт.', 'Стоимость, в т.ч. НДС '],
  ['zakaz-summa', 'Заказ , экз./ комплект.', 'Сумма, руб.'],
  ['kolichestvo-summa', 'Количество', 'Сумма'],
];
/** The label row over each pair, N the recipient's number. */
const FORM_LABELS: Record<string, (n: number) => string> = {
  drofa: (n) => `Указать наименование получателя №${n}, ИНН`,
  poluchatel: (n) => `получатель ${n}`,
  naimenovanie: (n) => `Наименование получателя №${n}`,
};
const FORM_CODE_WORDS = ['Код', 'Код 1С', 'Код заказа 1С ', 'Артикул'];
const FORM_FPU_WORDS = ['№ по ФП', 'Порядковый номер учебника', '№ ФП'];
const FORM_PRICE_WORDS = ['Цена с НДС, руб. ', 'Цена с доставкой (в т.ч. НДС), руб.', 'Цена, руб.'];
const FORM_BANNERS = ['ООО "ДРОФА"', 'Форма сводного заказа на 2016/2017 учебный год', 'Обязательные поля для заполнения Заказчиком залиты желтым цветом', 'Ценовое предложение действительно до 31.12.2015 г.'];
const REQUISITES = [
  'Полное наименование организации, которая будет выступать в роли  "Заказчика" при заключении Контракта.',
  'Идентификационный номер (ИНН)',
  'Код причины постановки на учет (КПП)',
  'Юридический адрес (Индекс, регион, город, улица, дом)',
  'Телефон с кодом города',
];

interface FormItemGen {
  fpu: string;
  code?: string;
  authors: string;
  title: string;
  grade: number;
  price: number;
  /** a continuation row of a textbook's next part: authors and title blank (Просвещение) */
  cont: boolean;
  section: string;
}

/** What the item columns of a form hold, left to right; `price` is the price column. */
type FormItemRole = 'rownum' | 'fpu' | 'system' | 'code' | 'tech' | 'authors' | 'title' | 'grade' | 'note' | 'year' | 'price';

function formVariant(dir: string, seed: number, i: number): FormVariant {
  const r = new Rng(seed * 49979687 + i * 86028121 + 11);
  const tags = new Set<string>(['form']);
  const csv = i % 9 === 4;
  // the Просвещение shape: one quantity column «Заказ (количество экз)» = SUM(O11:BS11) over a column per recipient
  const single = !csv && i % 5 === 2;
  const nRec = i % 20 === 7 ? 75 : single ? r.pick([2, 3, 10, 20, 57]) : r.pick([1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 12, 16, 25, 40, 63, 75]);
  const pair = r.pick(FORM_PAIRS);
  const labels = r.pick(['drofa', 'poluchatel', 'naimenovanie', 'naimenovanie', 'none'] as const);
  const labelsMerged = !csv && labels !== 'none' && r.chance(0.5);
  // the form's own total: a pair under «Сводный заказ …» (Дрофа), a column «Итого», or none
  const totalKind = single ? 'column' : r.pick(['pair', 'pair', 'column', 'column', 'none'] as const);
  const formula = csv ? 'none' : single ? 'sum-range' : r.pick(['plus', 'plus', 'sum-list', 'sumproduct', 'none'] as const);
  const codeCol = r.chance(0.8);
  const fpuCol = !codeCol || r.chance(0.85);
  const codeWord = r.pick(FORM_CODE_WORDS);
  const codeStyle = r.pick(['prosv', 'drofa', 'ut', 'numeric'] as const);
  const banners = r.pick([0, 0, 1, 2, 3]);
  const sections = fpuCol && r.chance(0.35);
  const requisites = !csv && r.chance(0.4);
  const priceStyle = csv ? r.pick(['comma', 'dot'] as const) : r.pick(['number', 'number', 'noise', 'comma'] as const);
  const noFormulaRow = formula !== 'none' && r.chance(0.25);
  const totalsRow = r.chance(0.3);
  const parts = codeCol && r.chance(0.4);
  const extras = (['rownum', 'system', 'tech', 'note', 'year'] as const).filter(() => r.chance(0.35));
  const unlabelledTotal = totalKind === 'pair' && labels === 'none' && formula !== 'none' && nRec >= 2 && r.chance(0.6);
  const colNumbers = r.chance(0.15);
  // one item the form lists without its item code (found by fpu code and title)
  const codeless = codeCol && fpuCol && r.chance(0.2);
  // the Просвещение shape with its recipient columns headed «получатель 1 … N»
  const singleLabels = single && r.chance(0.4);
  const rubPrices = priceStyle === 'comma' && r.chance(0.4);
  // the item headers on the labels' row (merged down two rows), the pairs' headers on the row under it
  const twoRowHeader = !single && (labels !== 'none' || totalKind === 'pair') && !unlabelledTotal && r.chance(0.25);
  // a row «ИНН» between the labels and the pairs' headers
  const innRow = !single && !twoRowHeader && labels !== 'none' && r.chance(0.2);

  // items
  const fpuTaken = new Set<string>();
  const codeTaken = new Set<string>();
  const items: FormItemGen[] = [];
  const subjects = r.shuffle(SUBJECTS.map((_, k) => k)).slice(0, r.int(3, 8)).sort((a, b) => a - b);
  for (const si of subjects) {
    const subject = SUBJECTS[si]!;
    const fpu = fpuCodeOf(r, si, fpuTaken);
    const grade = r.int(subject.grades[0], subject.grades[1]);
    const authors = authorsOf(r);
    const base = `${subject.name}${r.pick(TITLE_TAILS)}`;
    const n = parts && r.chance(0.4) ? 2 : 1;
    const price = r.int(4000, 180000);
    for (let p = 1; p <= n; p++)
      items.push({
        fpu,
        authors,
        title: n === 1 ? base : `${base}. Часть ${p}`,
        grade,
        price,
        cont: p > 1 && single,
        section: `${fpu.split('.').slice(0, 4).join('.')}. ${subject.name} (учебный предмет)`,
      });
  }
  if (codeCol) for (const it of items) it.code = itemCodeOf(codeStyle === 'numeric' ? 'numeric' : codeStyle, r, codeTaken);
  if (codeless) {
    // an item that is no part of a textbook: its fpu code alone names it
    const lone = items.filter((it) => items.filter((x) => x.fpu === it.fpu).length === 1);
    if (lone.length) delete r.pick(lone).code;
  }

  // item columns
  const roles: FormItemRole[] = [];
  if (extras.includes('rownum')) roles.push('rownum');
  if (fpuCol) roles.push('fpu');
  if (extras.includes('system')) roles.push('system');
  if (codeCol) roles.push('code');
  if (extras.includes('tech')) roles.push('tech');
  roles.push('authors', 'title', 'grade');
  if (extras.includes('note')) roles.push('note');
  if (extras.includes('year')) roles.push('year');
  roles.push('price');
  const headerOf: Record<FormItemRole, string> = {
    rownum: '№ п/п',
    fpu: r.pick(FORM_FPU_WORDS),
    system: r.pick(['Система', 'Линия УМК']),
    code: codeWord,
    tech: r.pick(['Номер предложки', 'Формат', 'Стр']),
    authors: 'Автор/авторский коллектив',
    title: r.pick(['Наименование учебника', 'Наименование учебника по проекту Федерального перечня']),
    grade: 'Класс',
    note: 'Примечание',
    year: 'Год издания',
    price: r.pick(FORM_PRICE_WORDS),
  };
  const priceIdx = roles.indexOf('price');
  const priceLetter = columnLetter(priceIdx);

  // the total and recipient columns, after the item columns
  let next = roles.length;
  let totalQty: number | undefined;
  let totalSum: number | undefined;
  if (single || totalKind === 'column') {
    totalQty = next++;
    if (!single && r.chance(0.5)) totalSum = next++;
  } else if (totalKind === 'pair') {
    totalQty = next;
    totalSum = next + 1;
    next += 2;
  }
  const trailing = single && r.chance(0.5) ? 'Система' : undefined;
  if (trailing) next++;
  const recipients: TruthRecipient[] = [];
  const firstRec = single ? Math.max(next, 14) : next;
  for (let k = 0; k < nRec; k++) {
    const q = single ? firstRec + k : firstRec + 2 * k;
    recipients.push(single ? { quantity: columnLetter(q) } : { quantity: columnLetter(q), sum: columnLetter(q + 1) });
  }
  const width = single ? firstRec + nRec : firstRec + 2 * nRec;
  const qCols = recipients.map((x) => x.quantity);

  const rows: Cell[][] = [];
  const merges: Merge[] = [];
  const blank = (): Cell[] => Array.from({ length: width }, () => null);
  for (let b = 0; b < banners; b++) {
    const row = blank();
    const at = r.chance(0.5) ? 0 : Math.min(priceIdx, r.int(1, 14));
    row[at] = FORM_BANNERS[(b + i) % FORM_BANNERS.length]!;
    rows.push(row);
  }
  const hasLabelRow = !single && (labels !== 'none' || (totalKind === 'pair' && !unlabelledTotal));
  if (hasLabelRow) {
    const row = blank();
    const labelRowIdx = rows.length;
    if (totalKind === 'pair') {
      // a total pair no label names: its formula alone shows it
      row[totalQty!] = unlabelledTotal ? null : r.pick(['Сводный заказ по муниципальному образованию', 'Итого по муниципальному образованию']);
      if (labelsMerged) merges.push({ top: labelRowIdx, left: totalQty!, bottom: labelRowIdx, right: totalQty! + 1 });
    }
    if (labels !== 'none')
      recipients.forEach((_, k) => {
        const q = firstRec + 2 * k;
        row[q] = FORM_LABELS[labels]!(k + 1);
        if (labelsMerged) merges.push({ top: labelRowIdx, left: q, bottom: labelRowIdx, right: q + 1 });
      });
    rows.push(row);
    if (innRow) {
      const inn = blank();
      recipients.forEach((x) => (inn[columnIndexOf(x.quantity)] = 'ИНН'));
      rows.push(inn);
    }
  }
  const header = blank();
  roles.forEach((role, c) => (header[c] = headerOf[role]));
  if (single) header[totalQty!] = 'Заказ (количество экз)';
  else if (totalKind === 'column') {
    header[totalQty!] = r.pick(['Итого', 'Всего, экз.', 'Итого заказ']);
    if (totalSum !== undefined) header[totalSum] = 'Всего, руб.';
  } else if (totalKind === 'pair') {
    header[totalQty!] = pair[1];
    header[totalSum!] = pair[2];
  }
  if (trailing) header[totalQty! + 1] = trailing;
  if (singleLabels) recipients.forEach((x, k) => (header[columnIndexOf(x.quantity)] = `получатель ${k + 1}`));
  if (!single)
    recipients.forEach((_, k) => {
      header[firstRec + 2 * k] = pair[1];
      header[firstRec + 2 * k + 1] = pair[2];
    });
  if (twoRowHeader) {
    // the item columns' (and a total column's) headers go up into the labels' row
    const top = rows[rows.length - 1]!;
    const topIdx = rows.length - 1;
    const upto = single || totalKind !== 'column' ? roles.length : totalSum !== undefined ? totalSum + 1 : totalQty! + 1;
    for (let c = 0; c < upto; c++) {
      top[c] = header[c]!;
      header[c] = null;
      if (!csv && r.chance(0.7)) merges.push({ top: topIdx, left: c, bottom: topIdx + 1, right: c });
    }
  }
  rows.push(header);
  if (colNumbers) rows.push(header.map((_, c) => (c < roles.length ? (csv ? String(c + 1) : c + 1) : null)));

  const truthItems: TruthFormItem[] = [];
  let lastSection = '';
  const firstItemRow = rows.length + 1;
  const noFormulaAt = noFormulaRow ? r.int(0, items.length - 1) : -1;
  items.forEach((it, k) => {
    if (sections && it.section !== lastSection) {
      const row = blank();
      row[0] = it.section;
      rows.push(row);
      lastSection = it.section;
    }
    const rowNo = rows.length + 1;
    const row = blank();
    const price: Cell =
      priceStyle === 'number'
        ? it.price / 100
        : priceStyle === 'noise'
          ? { raw: `${(it.price / 100).toFixed(2)}000000000002`, style: 2 }
          : priceStyle === 'comma'
            ? `${rubPrices ? ' ' : ''}${Math.floor(it.price / 100)},${String(it.price % 100).padStart(2, '0')}${rubPrices ? 'р. ' : ''}`
            : `${Math.floor(it.price / 100)}.${String(it.price % 100).padStart(2, '0')}`;
    roles.forEach((role, c) => {
      row[c] =
        role === 'rownum' ? (csv ? String(k + 1) : k + 1)
        : role === 'fpu' ? it.fpu
        : role === 'system' ? 'Школа России'
        : role === 'code' ? (it.code === undefined ? null : codeStyle === 'numeric' && !csv ? Number(it.code) : it.code)
        : role === 'tech' ? (csv ? String(27289 + k) : 27289 + k)
        : role === 'authors' ? (it.cont ? null : it.authors)
        : role === 'title' ? (it.cont ? null : it.title)
        : role === 'grade' ? (csv ? String(it.grade) : it.grade)
        : role === 'note' ? r.pick(['с online поддержкой', '', 'фгос'])
        : role === 'year' ? (csv ? '2016' : 2016)
        : price;
    });
    const at = (col: string) => `${col}${rowNo}`;
    if (formula !== 'none' && k !== noFormulaAt && totalQty !== undefined) {
      const f =
        formula === 'sum-range' ? `SUM(${at(qCols[0]!)}:${at(qCols[qCols.length - 1]!)})`
        : formula === 'plus' ? qCols.map(at).join('+')
        : formula === 'sum-list' ? `SUM(${qCols.map(at).join(',')})`
        : `SUMPRODUCT((MOD(COLUMN(${at(qCols[0]!)}:${at(recipients[recipients.length - 1]!.sum!)}),2)=${(firstRec + 1) % 2})*${at(qCols[0]!)}:${at(recipients[recipients.length - 1]!.sum!)})`;
      // one recipient: `=N7` is no total a reader can tell from a copy of a cell
      if (qCols.length >= 2 || formula === 'sum-range') row[totalQty] = { f };
      if (totalSum !== undefined) row[totalSum] = { f: `${columnLetter(totalQty)}${rowNo}*${priceLetter}${rowNo}` };
    }
    if (!single && !csv) for (const x of recipients) row[columnIndexOf(x.sum!)] = { f: `${x.quantity}${rowNo}*$${priceLetter}${rowNo}` };
    if (trailing) row[totalQty! + 1] = 'Школа России';
    rows.push(row);
    const t: TruthFormItem = { row: rowNo, price_kopecks: it.price };
    if (fpuCol) t.fpu_code = it.fpu;
    if (it.code !== undefined) t.item_code = it.code;
    truthItems.push(t);
  });
  if (totalsRow) {
    const row = blank();
    row[roles.indexOf('title')] = r.pick(['ИТОГО', 'Итого:']);
    const last = rows.length;
    if (!csv) for (const q of qCols) row[columnIndexOf(q)] = { f: `SUM(${q}${firstItemRow}:${q}${last})` };
    rows.push(row);
  }

  const f: FileFormat = csv
    ? { kind: 'csv', encoding: r.pick(['windows-1251', 'utf-8'] as const), delimiter: ';', eol: '\r\n' }
    : { kind: 'xlsx', shared: r.chance(0.6), sheetName: r.pick(['2015 2016', 'Новосибирск', 'Заказ', 'Лист1']), extraSheetBefore: false, ...(requisites ? { sheetsAfter: [{ name: 'РЕКВИЗИТЫ Заказчика', lines: REQUISITES }] } : {}) };
  tags.add(csv ? 'fmt:csv' : 'fmt:xlsx');
  tags.add(single ? 'recipients:single-columns' : `pairs:${pair[0]}`);
  tags.add(`recipients:${nRec === 1 ? '1' : nRec <= 5 ? '2-5' : nRec <= 20 ? '6-20' : nRec < 75 ? '21-74' : '75'}`);
  if (!single) tags.add(`labels:${labels}`);
  if (unlabelledTotal) tags.add('total:pair-unlabelled');
  if (labelsMerged) tags.add('labels:merged');
  tags.add(`total:${single ? 'quantity-column' : totalKind}`);
  tags.add(`total-formula:${formula}`);
  if (noFormulaRow) tags.add('row-without-total-formula');
  tags.add(codeCol ? `code-header:${codeWord.trim()}` : 'no-code-column');
  if (codeCol) tags.add(`item-code:${codeStyle}`);
  if (!fpuCol) tags.add('no-fpu-column');
  if (parts && items.some((x) => x.title.endsWith('Часть 2'))) tags.add('parts');
  if (banners) tags.add('banners');
  if (sections) tags.add('section-rows');
  if (requisites) tags.add('requisites-sheet');
  if (totalsRow) tags.add('totals-row');
  tags.add(`price:${rubPrices ? 'rub' : priceStyle}`);
  if (colNumbers) tags.add('column-numbers-row');
  if (twoRowHeader) tags.add('header-rows:2');
  if (innRow) tags.add('labels:inn-row');
  if (items.some((it) => codeCol && it.code === undefined)) tags.add('item-without-code');
  if (singleLabels) tags.add('labels:single-columns');
  for (const e of extras) tags.add(`col:${e}`);

  const id = `f${String(i).padStart(3, '0')}`;
  const file = writeGrid(dir, id, { rows, merges }, f);
  // the price list beside it: the documented header words, one row per item
  const list = [['№ ФП', 'Код', 'Авторы', 'Наименование', 'Класс', 'Цена с НДС, руб.'].join(';')];
  for (const it of items) list.push([it.fpu, it.code ?? '', it.authors.replace(/;/g, ','), it.title, String(it.grade), `${Math.floor(it.price / 100)},${String(it.price % 100).padStart(2, '0')}`].join(';'));
  const pricelist = path.join(dir, `${id}-pricelist.csv`);
  fs.writeFileSync(pricelist, list.join('\r\n') + '\r\n');
  const truth: FormVariant = { kind: 'form', id, file, tags: [...tags], publisher: PUBLISHERS[i % PUBLISHERS.length]!, pricelist, items: truthItems, recipients };
  const totalFormula = formula !== 'none' && (qCols.length >= 2 || formula === 'sum-range');
  if (totalQty !== undefined && (totalFormula || totalKind === 'pair')) truth.total = { quantity: columnLetter(totalQty) };
  return truth;
}

function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// ------------------------------------------------------------------ the corpus

export interface CorpusOptions {
  seed?: number;
  pricelists?: number;
  registries?: number;
  forms?: number;
}

export const DEFAULT_SEED = 16;

/** Writes every variant into `dir` with `<id>.truth.json` beside its file, and returns them. */
export function generateCorpus(dir: string, opts: CorpusOptions = {}): Variant[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  fs.mkdirSync(dir, { recursive: true });
  const out: Variant[] = [];
  for (let i = 0; i < (opts.pricelists ?? 420); i++) out.push(priceVariant(dir, seed, i));
  for (let i = 0; i < (opts.registries ?? 100); i++) out.push(registryVariant(dir, seed, i));
  for (let i = 0; i < (opts.forms ?? 80); i++) out.push(formVariant(dir, seed, i));
  for (const v of out)
    fs.writeFileSync(path.join(dir, `${v.id}.truth.json`), JSON.stringify({ ...v, file: path.basename(v.file), ...(v.kind === 'form' ? { pricelist: path.basename(v.pricelist) } : {}) }, null, 1));
  return out;
}
