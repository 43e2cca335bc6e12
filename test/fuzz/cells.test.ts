/**
 * Fuzzing (issue #11): school order sheets and first-grade vacancy sheets whose header is right but
 * whose cells hold anything — text where numbers belong, huge numbers, 1e309, negative zero, "NaN",
 * "Infinity", formulas with and without a cached result, 32 KiB cells, `__proto__`, `constructor` and
 * `prototype` as headers and values, NUL and control characters (raw and as `_xHHHH_`), RTL marks —
 * as xlsx and as CSV, through `order validate|submit` and `vacancies validate|submit`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ITEMS, ORDER_HEADER } from '../support/order-fixtures.js';
import { Region, property, report, runs, timeoutFor } from './support/harness.js';
import { PROTO_NAMES, applyCsv, nastyText, sheetXlsx, xcell, xcellText, type CsvEncodingChoice, type XCell } from './support/mutate.js';
import { entryPoints, type EntryPoint } from './support/seeds.js';

/** Inputs per entry point in the bounded run. */
const BOUNDED = 60;


const s = (text: string): XCell => ({ t: 's', text });
const n = (v: number | string): XCell => ({ t: 'n', v: String(v) });

/** Which cells of a well-formed table to replace, and with what. */
const replacements = fc.array(fc.record({ row: fc.nat(), col: fc.nat(), cell: xcell }), { minLength: 1, maxLength: 8 });

/** Header changes: a header cell replaced by a prototype name, or extra prototype-named columns. */
const headerChanges = fc.record({
  replace: fc.option(fc.record({ col: fc.nat(), name: fc.constantFrom(...PROTO_NAMES) }), { freq: 4 }),
  extra: fc.array(fc.record({ name: fc.constantFrom(...PROTO_NAMES), value: nastyText }), { maxLength: 3 }),
});

const format = fc.record({
  kind: fc.constantFrom('xlsx' as const, 'xlsx' as const, 'csv' as const),
  rawControls: fc.boolean(),
  encoding: fc.constantFrom<CsvEncodingChoice>('utf-8', 'utf-8-bom', 'windows-1251', 'utf-16le-bom'),
  json: fc.boolean(),
});

interface Header {
  replace: { col: number; name: string } | null;
  extra: { name: string; value: string }[];
}

/** Applies the header changes and the cell replacements to rows[headerRow…]. */
function damage(rows: (XCell | undefined)[][], headerRow: number, header: Header, cells: { row: number; col: number; cell: XCell }[]): void {
  const head = rows[headerRow]!;
  if (header.replace) head[header.replace.col % head.length] = s(header.replace.name);
  const width = head.length;
  header.extra.forEach((e, i) => {
    head[width + i] = s(e.name);
    for (let r = headerRow + 1; r < rows.length; r++) rows[r]![width + i] = s(e.value);
  });
  const body = rows.length - headerRow - 1;
  for (const c of cells) {
    // mostly the data rows, now and then the preamble (the «Код ОО:» cell and the title)
    const r = body > 0 && c.row % 5 !== 0 ? headerRow + 1 + (c.row % body) : c.row % rows.length;
    const row = rows[r]!;
    row[c.col % Math.max(width, row.length)] = c.cell;
  }
}

function bytesOf(rows: (XCell | undefined)[][], sheet: string, f: { kind: 'xlsx' | 'csv'; rawControls: boolean; encoding: CsvEncodingChoice }): Buffer {
  if (f.kind === 'xlsx') return sheetXlsx(sheet, rows, f.rawControls);
  const table = rows.map((r) => Array.from(r, (c) => xcellText(c)));
  return applyCsv([table], { table: 0, encoding: f.encoding, delimiter: ';', quoting: 'minimal', eol: '\r\n', finalEol: true, edits: [], bytes: [] });
}

/** A school's order in the layout of test/support/order-fixtures.ts: «Код ОО:», a title, the header, the lines, «Итого». */
function orderRows(lines: { item: number; qty: number }[], total: boolean): { rows: (XCell | undefined)[][]; headerRow: number } {
  const items = Object.values(ITEMS);
  const rows: (XCell | undefined)[][] = [[s('Код ОО:'), s('0101')], [s('Заявка на учебники на 2018/2019 учебный год')], ORDER_HEADER.map(s)];
  let copies = 0;
  let kopecks = 0;
  for (const l of lines) {
    const it = items[l.item % items.length]!;
    copies += l.qty;
    kopecks += l.qty * it.kopecks;
    rows.push([s(it.publisher), s(it.fpu), s(it.code), s(it.title), n(it.grade), s(it.price), n(l.qty), n((l.qty * it.kopecks) / 100)]);
  }
  if (total) rows.push([s('Итого'), undefined, undefined, undefined, undefined, undefined, n(copies), n(kopecks / 100)]);
  return { rows, headerRow: 2 };
}

const VACANCY_HEADER = ['Код ОО', 'Наименование ОО', 'Муниципалитет', 'Количество 1-х классов', 'Плановое количество мест', 'из них для закреплённой территории', 'Подано заявлений', 'Количество вакантных мест'];

/** A municipality's vacancy sheet: title, «Муниципалитет:» label, header, one row per school of 01. */
function vacancyRows(schools: { classes: number; applications: number; taken: number }[]): { rows: (XCell | undefined)[][]; headerRow: number } {
  const rows: (XCell | undefined)[][] = [[s('Сведения о вакантных местах в 1-х классах')], [s('Муниципалитет:'), s('01')], VACANCY_HEADER.map(s)];
  schools.forEach((sc, i) => {
    const places = sc.classes * 25;
    const vacant = Math.max(0, places - sc.taken);
    rows.push([s(`010${(i % 8) + 1}`), s(`Школа № ${i + 1}`), s('01'), n(sc.classes), n(places), n(Math.floor(places / 2)), n(sc.applications), n(vacant)]);
  });
  return { rows, headerRow: 2 };
}

let region: Region;
const entries = new Map<string, EntryPoint>();

beforeAll(async () => {
  region = await Region.create();
  for (const e of await entryPoints()) entries.set(e.id, e);
});

afterAll(() => report('cell values'));

/** Each command of `ids` fed `count` sheets made by `sheet` from a value of `arbitrary`. */
function fuzzSheets<V extends { format: { kind: string; json: boolean } }>(ids: string[], arbitrary: fc.Arbitrary<V>, file: string, sheet: (value: V) => Buffer): void {
  for (const id of ids) {
    const count = runs(BOUNDED);
    it(
      id,
      async () => {
        const entry = entries.get(id)!;
        await property(`cells ${id}`, arbitrary, count, async (value) => {
          const f = value.format;
          await region.check(entry, `cells-${f.kind}`, `${file}.${f.kind}`, sheet(value), f.json);
        });
      },
      timeoutFor(count, 100),
    );
  }
}

describe('fuzz: order sheets with random cell values', () => {
  const order = fc.record({
    lines: fc.array(fc.record({ item: fc.nat(), qty: fc.integer({ min: 0, max: 60 }) }), { minLength: 1, maxLength: 10 }),
    total: fc.boolean(),
    header: headerChanges,
    cells: replacements,
    format,
  });
  fuzzSheets(['order validate', 'order submit'], order, '0101', ({ lines, total, header, cells, format: f }) => {
    const { rows, headerRow } = orderRows(lines, total);
    damage(rows, headerRow, header, cells);
    return bytesOf(rows, 'Заявка', f);
  });
});

describe('fuzz: vacancy sheets with random cell values', () => {
  const sheet = fc.record({
    schools: fc.array(fc.record({ classes: fc.integer({ min: 0, max: 4 }), applications: fc.integer({ min: 0, max: 120 }), taken: fc.integer({ min: 0, max: 110 }) }), { minLength: 1, maxLength: 8 }),
    header: headerChanges,
    cells: replacements,
    format,
  });
  fuzzSheets(['vacancies validate', 'vacancies submit'], sheet, 'mo-01', ({ schools, header, cells, format: f }) => {
    const { rows, headerRow } = vacancyRows(schools);
    damage(rows, headerRow, header, cells);
    return bytesOf(rows, 'Свод по МО', f);
  });
});
