import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../src/core/model/catalogue.js';
import { diffPriceLists } from '../../../src/features/pricelist/diff.js';
import {
  itemKey,
  parsePriceRows,
  PRICELIST_FIELDS,
  PRICELIST_REQUIRED,
  splitAuthorsTitle,
  summarizePriceList,
  type FieldKey,
  type PriceCell,
  type PriceListContext,
  type PriceRowInput,
} from '../../../src/features/pricelist/rows.js';
import { FINDINGS } from '../../../src/core/findings/index.js';
import { readTable } from '../../../src/io/sheets/table.js';
import type { SheetHandle, SheetRow, Workbook } from '../../../src/io/sheets/types.js';

/** Rows laid out as a sheet: `layout` names the field of each value column, `lines` are [row, ...values]. */
function sheet(layout: [FieldKey, string][], lines: [number, ...PriceCell[]][]): PriceRowInput[] {
  const columns = Object.fromEntries(layout) as PriceRowInput['columns'];
  return lines.map(([row, ...cells]) => ({
    row,
    values: Object.fromEntries(layout.map(([field], i) => [field, cells[i] ?? null])),
    columns,
  }));
}

const ctx = (file = 'list.csv'): PriceListContext => ({ file, sheet: 'Лист1', publisher: 'Издательство' });

// A full synthetic layout: every field in its own column, A to K.
const FULL: [FieldKey, string][] = [
  ['fpu_code', 'A'],
  ['item_code', 'B'],
  ['isbn', 'C'],
  ['authors', 'D'],
  ['title', 'E'],
  ['grade', 'F'],
  ['price', 'G'],
  ['vat_rate', 'H'],
  ['year', 'I'],
  ['series', 'J'],
  ['note', 'K'],
];
const parseFull = (lines: [number, ...PriceCell[]][], c = ctx()) => parsePriceRows(sheet(FULL, lines), c);
const at = (f: { code: string; row?: number; column?: string }) => `${f.code}@${f.column}${f.row}`;

describe('PRICELIST_FIELDS: the headers of the real price lists', () => {
  async function header(lines: string[][]): Promise<{ row: number[]; fields: Record<string, string> }> {
    const rows: SheetRow[] = lines.map((cells, i) => ({ row: i + 1, cells: cells.map((v) => (v === '' ? undefined : { value: v })) }));
    const handle: SheetHandle = {
      name: 'Лист1',
      merges: [],
      findings: [],
      async *rows() {
        yield* rows;
      },
    };
    const wb: Workbook = {
      file: 'list.csv',
      format: 'csv',
      sheets: [{ name: 'Лист1', index: 0, hidden: false }],
      sheet: async () => handle,
      close: async () => {},
    };
    const table = await readTable(wb, handle, { fields: PRICELIST_FIELDS, required: PRICELIST_REQUIRED });
    return { row: table.headerRows, fields: Object.fromEntries([...table.columns].map(([k, c]) => [k, table.labels[c]!])) };
  }

  it('Просвещение: «Автор/авторский коллектив» is the authors, not «Автор в 1С…»; «Линия УМК» is the series', async () => {
    const h = await header([
      ['Федеральный перечень учебников, рекомендуемых к использованию…'],
      [],
      [],
      [],
      ['Порядковый номер учебника', 'Система', 'Код 1С', 'Автор/авторский коллектив', 'Наименование учебника', 'Класс', 'Автор в 1С издательства "Просвещение"', 'Наименование в 1С издательства "Просвещение"', 'Линия УМК', 'Примечание', 'Год издания', 'Цена с НДС, руб. ', 'Заказ (количество экз)', 'сумма', 'Система'],
    ]);
    expect(h).toEqual({
      row: [5],
      fields: {
        fpu_code: 'Порядковый номер учебника',
        item_code: 'Код 1С',
        authors: 'Автор/авторский коллектив',
        title: 'Наименование учебника',
        grade: 'Класс',
        series: 'Линия УМК',
        note: 'Примечание',
        year: 'Год издания',
        price: 'Цена с НДС, руб.',
      },
    });
  });

  it('Мнемозина: «Код» is the item code and the fpu code is under «ФГОС*»', async () => {
    const h = await header([
      [],
      ['Прайс-лист по состоянию на 18.11.2015 г.                                      '],
      ['Код', 'Автор', 'Наименование продукции', '', 'ФГОС*', 'Вид пособия', 'НДС', 'Цена, руб.  '],
    ]);
    expect(h).toEqual({
      row: [3],
      fields: { item_code: 'Код', authors: 'Автор', title: 'Наименование продукции', fpu_code: 'ФГОС*', vat_rate: 'НДС', price: 'Цена, руб.' },
    });
  });

  it('Русское слово: «Код издательсва» [sic], «№ФП», authors and title in one column', async () => {
    const h = await header([
      ['', '', '', '', '', '', '', '', '', 'Приложение №1 к Контракту (Договору)'],
      [],
      ['Спецификация'],
      ['Код издательсва', '№п/п', 'Примечание', '№ФП ', 'Авторы, название учебника', 'Класс', 'год изд.', 'Заказ', 'Цена с НДС, руб', 'Сумма заказа, руб', 'Авторский договор', 'Технические характеристики товара'],
      ['1', '2', '', '3', '4', '5', '6', '7', '8', '9', '10'],
    ]);
    expect(h).toEqual({
      row: [4],
      fields: {
        item_code: 'Код издательсва',
        note: 'Примечание',
        fpu_code: '№ФП',
        title: 'Авторы, название учебника',
        grade: 'Класс',
        year: 'год изд.',
        price: 'Цена с НДС, руб',
      },
    });
  });

  it('Владос: «№ по ФП», «Авторы, наименование учебника», «Цена за единицу (руб.)»', async () => {
    const h = await header([
      ['', '', '', '', '', 'Приложение № 1 к  договору поставки № _________ от "___" ___________ 2016 г. '],
      [],
      ['Спецификация поставляемого товара для Получателя'],
      [],
      ['№ п/п', '№ по ФП', 'Авторы, наименование учебника', 'Класс', '№ и дата заключения авторского договора', 'Год издания', 'Ед. изм.', 'Кол-во', 'Цена за единицу (руб.)', 'Сумма всего (руб.)'],
    ]);
    expect(h).toEqual({
      row: [5],
      fields: { fpu_code: '№ по ФП', title: 'Авторы, наименование учебника', grade: 'Класс', year: 'Год издания', price: 'Цена за единицу (руб.)' },
    });
  });

  it('Бином: «№ ФП 2014/ 2015у.г» is the fpu code (a prefix of «№ ФП»), «цена» the price', async () => {
    const h = await header([
      [],
      ['', '', '', '', '', '', '', '', 'Приложение № 1 к Договору'],
      ['', '', '', '', '', '', '', '', '№__________ от ”____”___________ 2016 г. '],
      ['', '', '', '', ' Спецификация на поставку товара '],
      ['', '', '', '', 'ООО "БИНОМ. Лаборатория знаний"'],
      ['№ п/п', '№ ФП 2014/ 2015у.г', 'Код 1С', 'Авторы, название учебника', 'Класс', 'Соотвев. стантарту', 'Название учебника в 1С', 'Технические характеристики', 'соответствие ', 'кол-во', 'цена', 'сумма'],
    ]);
    expect(h).toEqual({
      row: [6],
      fields: { fpu_code: '№ ФП 2014/ 2015у.г', item_code: 'Код 1С', title: 'Авторы, название учебника', grade: 'Класс', price: 'цена' },
    });
  });

  it('«Код» does not take «Код ФП», and «Цена с НДС» wins over a bare «Цена…» prefix', async () => {
    const h = await header([['Код ФП', 'Код', 'ISBN', 'Название', 'Цена без скидки', 'Цена с НДС', 'НДС %']]);
    expect(h.fields).toEqual({ fpu_code: 'Код ФП', item_code: 'Код', isbn: 'ISBN', title: 'Название', price: 'Цена с НДС', vat_rate: 'НДС %' });
  });
});

describe('parsePriceRows: one rule at a time', () => {
  it('loads a good row with every field, and reports nothing', () => {
    const res = parseFull([[7, '1.1.1.1.4.1', '04-0052-11', '978-5-09-019186-9', 'Горецкий В.Г.', 'Азбука', '1', '243,98', '10%', '2016', 'Школа России', 'с online поддержкой']]);
    expect(res.findings).toEqual([]);
    expect(res.items).toEqual([
      {
        key: 'code:04-0052-11',
        publisher: 'Издательство',
        fpu_code: '1.1.1.1.4.1',
        item_code: '04-0052-11',
        isbn: '9785090191869',
        authors: 'Горецкий В.Г.',
        title: 'Азбука',
        grade_from: 1,
        grade_to: 1,
        price_kopecks: 24398,
        vat_rate: 10,
        year: '2016',
        series: 'Школа России',
        note: 'с online поддержкой',
        source_row: 7,
      },
    ]);
    expect(res.stats).toEqual({ rows: 1, items: 1, sections: 0, skipped: 0 });
  });

  it('takes cell values as xlsx stores them: a noisy double price, numeric grade, code and year', () => {
    const res = parseFull([[3, '1.1.1.1.4.1', 14361, null, 'А', 'Азбука', 1, 243.98000000000002, 0.1, 2016, null, null]]);
    expect(res.findings).toEqual([]);
    expect(res.items[0]).toMatchObject({ key: 'code:14361', item_code: '14361', price_kopecks: 24398, vat_rate: 10, grade_from: 1, year: '2016' });
  });

  it('skips section rows, in the fpu column or alone in the title column, without findings', () => {
    const res = parseFull([
      [6, '1. Учебники, рекомендуемые к использованию при реализации обязательной части'],
      [7, '1.1. Начальное общее образование'],
      [9, '1.1.1.1. Русский язык (учебный предмет)'],
      [10, null, null, null, null, '1.1.1.2 Литературное чтение'],
    ]);
    expect(res).toEqual({ items: [], findings: [], stats: { rows: 4, items: 0, sections: 4, skipped: 0 } });
  });

  it('skips Мнемозина’s group rows (a bare number in the code column, a subject, no price or 0.00) as sections', () => {
    const res = parseFull([
      [5, null, '200', null, null, 'Начальное общее образование'],
      [6, null, '201', null, null, 'Русский язык'],
      [25, null, '202', null, null, 'Литературное чтение', null, '0.00'],
    ]);
    expect(res).toEqual({ items: [], findings: [], stats: { rows: 3, items: 0, sections: 3, skipped: 0 } });
  });

  it('skips banners, subheadings, totals and signature blocks without findings', () => {
    const res = parseFull([
      [51, 'Английский язык'],
      [26, null, null, null, null, 'Русский язык и литература', null, '0.00'],
      [56, null, null, null, null, 'Общая сумма по контракту', ' -'],
      [60, null, 'Заказчик: '],
      [64, null, '______________________/______________ /'],
      [70, null, null, null, null, null, null, '12 345,00'],
      [71],
    ]);
    expect(res).toEqual({ items: [], findings: [], stats: { rows: 7, items: 0, sections: 0, skipped: 7 } });
  });

  it('a continuation row with the same fpu code and no authors or title takes them from the row above', () => {
    const res = parseFull([
      [10, '1.1.1.1.4.1', '04-0052-11', null, 'Горецкий В.Г.', 'Азбука. В 2-х частях', '1', '243.98'],
      [11, '1.1.1.1.4.1', '04-0053-09', null, null, null, '1', '243.98'],
    ]);
    expect(res.findings).toEqual([]);
    expect(res.items.map((i) => [i.key, i.authors, i.title])).toEqual([
      ['code:04-0052-11', 'Горецкий В.Г.', 'Азбука. В 2-х частях'],
      ['code:04-0053-09', 'Горецкий В.Г.', 'Азбука. В 2-х частях'],
    ]);
  });

  it('does not continue across another fpu code or a section row', () => {
    const res = parseFull([
      [10, '1.1.1.1.4.1', 'A-1', null, 'Горецкий В.Г.', 'Азбука', '1', '243.98'],
      [11, '1.1.1.1.4.2', 'A-2', null, null, null, '1', '243.98'],
      [12, '1.1.1.2. Литературное чтение (учебный предмет)'],
      [13, '1.1.1.2.4.2', 'A-3', null, 'Канакина В.П.', 'Чтение', '2', '100'],
      [14, '1.1.1.2.4.2', 'A-4', null, null, null, '2', '100'],
    ]);
    expect(res.items.map((i) => [i.source_row, i.title])).toEqual([
      [10, 'Азбука'],
      [11, ''],
      [13, 'Чтение'],
      [14, 'Чтение'],
    ]);
  });

  it('reads the grade from the column: single grades and ranges', () => {
    const res = parseFull([
      [1, '1.1.1.1.1.1', 'a', null, null, 'Т', '5-9', '1'],
      [2, '1.1.1.1.1.2', 'b', null, null, 'Т', '5 – 9', '1'],
      [3, '1.1.1.1.1.3', 'c', null, null, 'Т', ' 10-11', '1'],
      [4, '1.1.1.1.1.4', 'd', null, null, 'Т', '1 класс', '1'],
      [5, '1.1.1.1.1.5', 'e', null, null, 'Т', '10(11)', '1'],
    ]);
    expect(res.findings).toEqual([]);
    expect(res.items.map((i) => [i.grade_from, i.grade_to])).toEqual([
      [5, 9],
      [5, 9],
      [10, 11],
      [1, 1],
      [10, 11],
    ]);
  });

  it('without a grade column (or with a blank grade cell) reads the grade from the title', () => {
    const noGrade = sheet(
      [
        ['item_code', 'A'],
        ['title', 'C'],
        ['fpu_code', 'E'],
        ['price', 'H'],
      ],
      [
        [7, '201.401.0К.ХХ', '"Букварь". 1 кл. Учебник . В 2 ч.', '1.1.1.1.8.1', '630.58'],
        [8, '106.107.01.ХХ', '"Геометрия". 7 - 9 кл. Учебник.', '1.2.3.3.7.1', '387.37'],
        [9, 'x', 'Биология: учебник для 5 класса', '1.2.4.2.12.1', '285.00'],
      ],
    );
    const res = parsePriceRows(noGrade, ctx());
    expect(res.findings).toEqual([]);
    expect(res.items.map((i) => [i.grade_from, i.grade_to])).toEqual([
      [1, 1],
      [7, 9],
      [5, 5],
    ]);
    const blank = parseFull([[3, '1.1.1.1.1.1', 'a', null, null, 'Алгебра. 8 кл.', '', '100']]);
    expect(blank.items.map((i) => [i.grade_from, i.grade_to])).toEqual([[8, 8]]);
  });

  it('price-grade-invalid at the grade cell for an unreadable grade (not loaded); no grade at all is price-grade-missing, a warning, and the item loads without a grade', () => {
    const res = parseFull([
      [524, '2.1.3.1.2.1', '40-0195-01', null, 'Зыкова Т.С.', 'Ознакомление с окружающим миром', 'I вид', '543.84'],
      [525, '2.1.3.1.2.2', '40-0195-02', null, 'Зыкова Т.С.', 'Ознакомление', '12', '543.84'],
      [526, '2.1.3.1.2.3', '40-0195-03', null, 'Зыкова Т.С.', 'Ознакомление', null, '543.84'],
    ]);
    expect(res.items.map((i) => [i.item_code, i.grade_from, i.grade_to])).toEqual([['40-0195-03', undefined, undefined]]);
    expect(res.findings.map(at)).toEqual(['price-grade-invalid@F524', 'price-grade-invalid@F525', 'price-grade-missing@F526']);
    expect(res.findings[2]!.severity).toBe('warning');
    expect(res.findings[0]).toEqual({
      code: 'price-grade-invalid',
      severity: 'error',
      file: 'list.csv',
      sheet: 'Лист1',
      row: 524,
      column: 'F',
      params: { value: 'I вид', title: 'Ознакомление с окружающим миром' },
      actual: 'I вид',
    });
    expect(res.findings[2]!.params).toEqual({ title: 'Ознакомление' });
  });

  it('price-invalid for a missing, zero, negative or unreadable price, at the price cell; the item is not loaded', () => {
    const res = parseFull([
      [1, '1.1.1.1.1.1', 'a', null, null, 'Т', '1', null],
      [2, '1.1.1.1.1.2', 'b', null, null, 'Т', '1', '0.00'],
      [3, '1.1.1.1.1.3', 'c', null, null, 'Т', '1', '-5'],
      [4, '1.1.1.1.1.4', 'd', null, null, 'Т', '1', 'договорная'],
      [5, '1.1.1.1.1.5', 'e', null, null, 'Т', '1', 0],
    ]);
    expect(res.items).toEqual([]);
    expect(res.findings.map(at)).toEqual(['price-invalid@G1', 'price-invalid@G2', 'price-invalid@G3', 'price-invalid@G4', 'price-invalid@G5']);
    expect(res.findings.map((f) => f.params!.value)).toEqual(['', '0.00', '-5', 'договорная', '0']);
    expect(res.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('reads prices as publishers write them', () => {
    const res = parseFull([
      [1, '1.1.1.1.1.1', 'a', null, null, 'Т', '1', '1 625.58'],
      [2, '1.1.1.1.1.2', 'b', null, null, 'Т', '1', '684,53 руб.'],
      [3, '1.1.1.1.1.3', 'c', null, null, 'Т', '1', '1\u00a0083,72'],
      [4, '1.1.1.1.1.4', 'd', null, null, 'Т', '1', 243.98000000000002],
    ]);
    expect(res.findings).toEqual([]);
    expect(res.items.map((i) => i.price_kopecks)).toEqual([162558, 68453, 108372, 24398]);
  });

  it('price-fpu-code-invalid at the fpu cell for a malformed code; the item is not loaded', () => {
    const res = parseFull([
      [3, '1.1.1', 'a', null, null, 'Т', '1', '100'],
      [4, '1.1.1.1.x.1', null, null, null, 'Т', '1', '100'],
    ]);
    expect(res.items).toEqual([]);
    expect(res.findings.map(at)).toEqual(['price-fpu-code-invalid@A3', 'price-fpu-code-invalid@A4']);
    expect(res.findings[0]!.params).toEqual({ value: '1.1.1', title: 'Т' });
  });

  it('99.99.99.99.99.99 and a missing fpu code mark the item as not in the list, without a finding', () => {
    const res = parseFull([
      [3, '99.99.99.99.99.99', 'a', null, null, 'Прописи', '1', '100'],
      [4, null, 'b', null, null, 'Прописи', '1', '100'],
    ]);
    expect(res.findings).toEqual([]);
    expect(res.items.map((i) => [i.key, i.fpu_code, i.not_in_fpu])).toEqual([
      ['code:a', '99.99.99.99.99.99', true],
      ['code:b', undefined, true],
    ]);
    expect(res.items[0]).not.toHaveProperty('not_in_fpu', false);
    const listed = parseFull([[5, '1.1.1.1.1.1', 'c', null, null, 'Т', '1', '100']]);
    expect(listed.items[0]).not.toHaveProperty('not_in_fpu');
  });

  it('price-isbn-invalid (error) at the ISBN cell for a bad checksum or shape; the item is loaded without the ISBN', () => {
    const res = parseFull([
      [3, '1.1.1.1.1.1', null, '978-5-09-019186-2', null, 'Азбука', '1', '100'],
      [4, '1.1.1.1.1.2', null, 'ISBN 5-09-002630-0', null, 'Азбука', '1', '100'],
      [5, '1.1.1.1.1.3', null, 'нет', null, 'Азбука', '1', '100'],
    ]);
    expect(res.findings.map(at)).toEqual(['price-isbn-invalid@C3', 'price-isbn-invalid@C5']);
    expect(res.findings[0]).toMatchObject({ severity: 'error', params: { value: '978-5-09-019186-2', title: 'Азбука' } });
    expect(res.items.map((i) => [i.key, i.isbn])).toEqual([
      ['fpu:1.1.1.1.1.1:азбука', undefined],
      ['isbn:9785090026307', '5090026300'],
      ['fpu:1.1.1.1.1.3:азбука', undefined],
    ]);
  });

  it('price-duplicate-item at the second row, in the column of the identity, with the first row', () => {
    const res = parseFull([
      [27, '1.3.1.1.5.1', '101.110.0Д.ХХ', null, 'Львова С.И.', 'Русский язык. Книга 1. В 2 ч.', '10', '999.95'],
      [28, '1.3.1.1.5.1', '101.110.0Д.ХХ', null, 'Львова С.И.', 'Русский язык. Книга 1', '10', '796.92'],
      [40, '1.2.3.4.1.1', null, null, null, 'Информатика', '5', '330'],
      [41, '1.2.3.4.1.1', null, null, null, 'Информатика ', '5', '330'],
      [42, '1.2.3.4.1.1', null, null, null, 'Информатика. Ч. 2', '5', '330'],
      [50, '1.1.1.1.1.1', null, '9785090191869', null, 'А', '1', '100'],
      [51, '1.1.1.1.1.2', null, '978-5-09-019186-9', null, 'Б', '1', '100'],
      [52, '1.1.1.1.1.3', null, '5-09-002630-0', null, 'В', '1', '100'],
      [53, '1.1.1.1.1.4', null, '978-5-09-002630-7', null, 'Г', '1', '100'],
      [60, '1.1.1.1.8.1', '201.401.0К.ХХ', null, null, 'Букварь', '1', '100'],
      [61, '1.1.1.1.8.1', '201.401.0K.XX', null, null, 'Букварь', '1', '100'],
    ]);
    expect(res.findings.map(at)).toEqual(['price-duplicate-item@B28', 'price-duplicate-item@A41', 'price-duplicate-item@C51', 'price-duplicate-item@C53', 'price-duplicate-item@B61']);
    // One code for two different books (Мнемозина does this): both loaded, told apart by title, a warning.
    expect(res.findings[0]).toEqual({
      code: 'price-duplicate-item',
      severity: 'warning',
      file: 'list.csv',
      sheet: 'Лист1',
      row: 28,
      column: 'B',
      params: { key: 'code:101.110.0Д.ХХ:русский язык кн 1', first_row: 27, title: 'Русский язык. Книга 1' },
      item: 'code:101.110.0Д.ХХ:русский язык кн 1',
    });
    expect(res.findings.slice(1).every((f) => f.severity === 'error')).toBe(true);
    expect(res.items.map((i) => [i.source_row, i.price_kopecks])).toEqual([
      [27, 99995],
      [28, 79692],
      [40, 33000],
      [42, 33000],
      [50, 10000],
      [52, 10000],
      [60, 10000],
    ]);
  });

  it('VAT per item from the rate column, the default (10, or the context’s) when blank; price-vat-invalid otherwise', () => {
    const lines: [number, ...PriceCell[]][] = [
      [1, '1.1.1.1.1.1', 'a', null, null, 'Т', '1', '100', '18%'],
      [2, '1.1.1.1.1.2', 'b', null, null, 'Т', '1', '100', null],
      [3, '1.1.1.1.1.3', 'c', null, null, 'Т', '1', '100', 'Без НДС'],
      [4, '1.1.1.1.1.4', 'd', null, null, 'Т', '1', '100', 'много'],
    ];
    const res = parseFull(lines);
    expect(res.items.map((i) => i.vat_rate)).toEqual([18, 10, 0]);
    expect(res.findings.map(at)).toEqual(['price-vat-invalid@H4']);
    expect(res.findings[0]!.params).toEqual({ value: 'много', title: 'Т', default_rate: 10 });
    const twenty = parseFull(lines.slice(1, 2), { ...ctx(), defaultVat: 20 });
    expect(twenty.items.map((i) => i.vat_rate)).toEqual([20]);
  });

  it('price-item-unidentified: a priced, named row with no fpu code, item code or ISBN', () => {
    const res = parseFull([[9, null, null, null, 'Автор А.А.', 'Книга без кода', '5', '300']]);
    expect(res.items).toEqual([]);
    expect(res.findings.map(at)).toEqual(['price-item-unidentified@A9']);
    expect(res.findings[0]!.params).toEqual({ title: 'Книга без кода' });
  });

  it('an item code with a name but no price is an item with a missing price', () => {
    const res = parseFull([[9, null, 'DRF000000000412069', null, null, 'Химия. 8 класс', '8', null]]);
    expect(res.findings.map(at)).toEqual(['price-invalid@G9']);
  });

  it('reports every problem of a row at its own cell', () => {
    const res = parseFull([[9, '1.1', 'a', '123', null, 'Т', 'шестой', 'бесплатно', 'x']]);
    expect(res.findings.map(at)).toEqual([
      'price-fpu-code-invalid@A9',
      'price-isbn-invalid@C9',
      'price-invalid@G9',
      'price-grade-invalid@F9',
      'price-vat-invalid@H9',
    ]);
    expect(res.stats).toEqual({ rows: 1, items: 0, sections: 0, skipped: 1 });
  });

  it('without an authors column, splits «Авторы, название» when the names are a clean list', () => {
    const rows = sheet(
      [
        ['fpu_code', 'A'],
        ['title', 'B'],
        ['grade', 'C'],
        ['price', 'D'],
      ],
      [
        [1, '1.2.3.4.1.1', 'Босова Л.Л. Босова А.Ю. Информатика ', '5', '330.00'],
        [2, '2.1.2.2.5.1', ' МогилевА.В, МогилеваВ.Н, Цветкова М.С. Информатика (в двух частях)', '3', '315.00'],
      ],
    );
    const res = parsePriceRows(rows, ctx());
    expect(res.items.map((i) => [i.authors, i.title, i.key])).toEqual([
      ['Босова Л.Л. Босова А.Ю.', 'Информатика', 'fpu:1.2.3.4.1.1:информатика'],
      ['', 'МогилевА.В, МогилеваВ.Н, Цветкова М.С. Информатика (в двух частях)', 'fpu:2.1.2.2.5.1:могилева в могилевав н цветкова м с информатика в 2 ч'],
    ]);
    // With an authors column the title is left as it is, even when it starts with names.
    const withAuthors = parseFull([[3, '1.2.3.4.1.1', null, null, '', 'Босова Л.Л. Информатика', '5', '330']]);
    expect(withAuthors.items.map((i) => [i.authors, i.title])).toEqual([['', 'Босова Л.Л. Информатика']]);
  });
});

describe('splitAuthorsTitle', () => {
  it.each([
    ['Матвеева Н.В., Челак Е.Н., Конопатова Н.К. и др. Информатика (в двух частях)', 'Матвеева Н.В., Челак Е.Н., Конопатова Н.К. и др.', 'Информатика (в двух частях)'],
    ['Барышников В.Я., Белоусов А.И. Под ред. Виленского М.Я. Физическая культура', 'Барышников В.Я., Белоусов А.И. Под ред. Виленского М.Я.', 'Физическая культура'],
    ['Козлов В.В., Никитин А.А. и др. Под ред. Козлова В.В. и Никитина А.А. Математика', 'Козлов В.В., Никитин А.А. и др. Под ред. Козлова В.В. и Никитина А.А.', 'Математика'],
    ['Пчелов Е.В., Лукин П.В./Под ред. Петрова Ю.А. История России', 'Пчелов Е.В., Лукин П.В./Под ред. Петрова Ю.А.', 'История России'],
    ['Студеникин М.Т.Основы религиозных культур и светской этики', 'Студеникин М.Т.', 'Основы религиозных культур и светской этики'],
    ['Беркинблит М.Б., Глаголев С.М. "Биология: учебник для 9 класса"', 'Беркинблит М.Б., Глаголев С.М.', '"Биология: учебник для 9 класса"'],
    ['Зинин С.А.,Чалмаев В.А., Русский язык и литература', 'Зинин С.А.,Чалмаев В.А.', 'Русский язык и литература'],
    ['Ивашев-Мусатов О.С. Алгебра', 'Ивашев-Мусатов О.С.', 'Алгебра'],
  ])('%s', (text, authors, title) => {
    expect(splitAuthorsTitle(text)).toEqual({ authors, title });
  });

  it.each([
    'Информатика. Учебник для 5 класса',
    'Русский язык. 1 класс',
    'Янушкевичене О.Л., Васечко Ю.С., протоирей Виктор Дорофеев, Яшина О.Н. Основы православной культуры',
    'Савенкова Л.Г., Селиванов Н.Л. Селиванова Т.В, Павлова Г.В. Изобразительное искусство',
    'Пчелов Е.В., Лукин П.В./Под ред. Петрова Ю.А История России',
    'Иванов И.И. 5 класс',
  ])('keeps «%s» whole', (text) => {
    expect(splitAuthorsTitle(text)).toEqual({ authors: '', title: text });
  });
});

describe('itemKey', () => {
  it('is the item code, else the ISBN, else the fpu code and the normalised title', () => {
    expect(itemKey({ item_code: '04-0052-11', isbn: '9785090191869', fpu_code: '1.1.1.1.4.1', title: 'Азбука' })).toBe('code:04-0052-11');
    expect(itemKey({ isbn: '9785090191869', fpu_code: '1.1.1.1.4.1', title: 'Азбука' })).toBe('isbn:9785090191869');
    expect(itemKey({ isbn: '5090026300', title: 'Азбука' })).toBe('isbn:9785090026307');
    expect(itemKey({ fpu_code: '1.1.1.1.4.1', title: 'Азбука. Часть 1' })).toBe('fpu:1.1.1.1.4.1:азбука ч 1');
    expect(itemKey({ fpu_code: '1.1.1.1.4.1', title: 'Азбука, ч.1' })).toBe(itemKey({ fpu_code: '1.1.1.1.4.1', title: 'АЗБУКА. Часть 1' }));
  });
});

// Excerpts of the real price lists in ../shared/real-data/pricelists, typed in as the table layer hands
// them over (the header and the row of column numbers already consumed), with their real row numbers.
describe('rows as the real price lists have them', () => {
  const project = (items: CatalogueItem[]) =>
    items.map((i) => [i.source_row, i.key, i.authors, i.title, i.grade_from, i.grade_to, i.price_kopecks, i.vat_rate]);

  it('Просвещение: section rows, parts 1 and 2 sharing an fpu code, a language subheading, a preparatory grade', () => {
    const rows = sheet(
      [
        ['fpu_code', 'A'],
        ['item_code', 'C'],
        ['authors', 'D'],
        ['title', 'E'],
        ['grade', 'F'],
        ['series', 'I'],
        ['note', 'J'],
        ['year', 'K'],
        ['price', 'L'],
      ],
      [
        [6, '1. Учебники, рекомендуемые к использованию при реализации обязательной части основной образовательной программы', '', '', '', '', '', '', '', ''],
        [7, '1.1. Начальное общее образование', '', '', '', '', '', '', '', ''],
        [8, '1.1.1. Филология (предметная область)', '', '', '', '', '', '', '', ''],
        [9, '1.1.1.1. Русский язык (учебный предмет)', '', '', '', '', '', '', '', ''],
        [10, '1.1.1.1.4.1', '04-0052-11', 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.', 'Азбука. В 2-х частях', '1', 'Горецкий В.Г. (1)', 'с online поддержкой', '2016', '243.98'],
        [11, '1.1.1.1.4.1', '04-0053-09', '', '', '1', 'Горецкий В.Г. (1)', 'с online поддержкой', '2016', '243.98'],
        [12, '1.1.1.1.4.2', '05-0036-16', 'Канакина В.П., Горецкий В.Г.', 'Русский язык', '1', 'Канакина В.П. (1-4)', 'с online поддержкой', '2016', '308.33'],
        [13, '1.1.1.1.4.3', '05-0029-11', 'Канакина В.П., Горецкий В.Г.', 'Русский язык. В 2-х частях', '2', 'Канакина В.П. (1-4)', 'с online поддержкой', '2016', '268.29'],
        [14, '1.1.1.1.4.3', '05-0030-11', '', '', '2', 'Канакина В.П. (1-4)', 'с online поддержкой', '2016', '268.29'],
        [15, '1.1.1.1.4.4', '05-0040-07', 'Канакина В.П., Горецкий В.Г.', 'Русский язык. В 2-х частях', '3', 'Канакина В.П. (1-4)', 'с online поддержкой', '2016', '268.29'],
        [16, '1.1.1.1.4.4', '05-0043-08', '', '', '3', 'Канакина В.П. (1-4)', 'с online поддержкой', '2016', '268.29'],
        [17, '1.1.1.1.4.5', '05-0045-07', 'Канакина В.П., Горецкий В.Г.', 'Русский язык. В 2-х частях', '4', 'Канакина В.П. (1-4)', 'с online поддержкой', '2015', '268.29'],
        [18, '1.1.1.1.4.5', '05-0046-07', '', '', '4', 'Канакина В.П. (1-4)', 'с online поддержкой', '2015', '268.29'],
        [19, '1.1.1.1.6.1', '04-0003-06', 'Климанова Л.Ф., Макеева С.Г.', 'Азбука. В 2-х частях', '1', 'Климанова Л.Ф. Обучение грамоте (1)', 'с online поддержкой', '2016', '243.98'],
        [20, '1.1.1.1.6.1', '04-0004-06', '', '', '1', 'Климанова Л.Ф. Обучение грамоте (1)', 'с online поддержкой', '2016', '243.98'],
        [50, '1.1.1.3. Иностранный язык (учебный предмет)', '', '', '', '', '', '', '', ''],
        [51, 'Английский язык', '', '', '', '', '', '', '', ''],
        [52, '1.1.1.3.2.1', '24-1573-02', 'Баранова К.М., Дули Д., Копылова В.В. и др. ', 'Английский язык. 2 класс. В 2-х частях', '2', 'Звездный английский (2-4)', '', '2016', '247.28'],
        [524, '2.1.3.1.2.1', '40-0195-01', 'Зыкова Т.С., Зыкова М.А.', 'Ознакомление с окружающим миром Учебник для специальных (коррекционных)образовательных учреждений (I и II вид)', 'подгот.', 'Ознакомление с окружающим миром  0-2 кл. (I вид)', '', '2016', '543.84'],
      ],
    );
    const res = parsePriceRows(rows, { file: 'prosv.csv', publisher: 'Просвещение' });
    expect(res.items[0]).toEqual({
      key: 'code:04-0052-11',
      publisher: 'Просвещение',
      fpu_code: '1.1.1.1.4.1',
      item_code: '04-0052-11',
      authors: 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.',
      title: 'Азбука. В 2-х частях',
      grade_from: 1,
      grade_to: 1,
      price_kopecks: 24398,
      vat_rate: 10,
      year: '2016',
      series: 'Горецкий В.Г. (1)',
      note: 'с online поддержкой',
      source_row: 10,
    });
    const gor = 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.';
    const kan = 'Канакина В.П., Горецкий В.Г.';
    const kli = 'Климанова Л.Ф., Макеева С.Г.';
    expect(project(res.items)).toEqual([
      [10, 'code:04-0052-11', gor, 'Азбука. В 2-х частях', 1, 1, 24398, 10],
      [11, 'code:04-0053-09', gor, 'Азбука. В 2-х частях', 1, 1, 24398, 10],
      [12, 'code:05-0036-16', kan, 'Русский язык', 1, 1, 30833, 10],
      [13, 'code:05-0029-11', kan, 'Русский язык. В 2-х частях', 2, 2, 26829, 10],
      [14, 'code:05-0030-11', kan, 'Русский язык. В 2-х частях', 2, 2, 26829, 10],
      [15, 'code:05-0040-07', kan, 'Русский язык. В 2-х частях', 3, 3, 26829, 10],
      [16, 'code:05-0043-08', kan, 'Русский язык. В 2-х частях', 3, 3, 26829, 10],
      [17, 'code:05-0045-07', kan, 'Русский язык. В 2-х частях', 4, 4, 26829, 10],
      [18, 'code:05-0046-07', kan, 'Русский язык. В 2-х частях', 4, 4, 26829, 10],
      [19, 'code:04-0003-06', kli, 'Азбука. В 2-х частях', 1, 1, 24398, 10],
      [20, 'code:04-0004-06', kli, 'Азбука. В 2-х частях', 1, 1, 24398, 10],
      [52, 'code:24-1573-02', 'Баранова К.М., Дули Д., Копылова В.В. и др.', 'Английский язык. 2 класс. В 2-х частях', 2, 2, 24728, 10],
      [524, 'code:40-0195-01', 'Зыкова Т.С., Зыкова М.А.', 'Ознакомление с окружающим миром Учебник для специальных (коррекционных)образовательных учреждений (I и II вид)', 1, 1, 54384, 10],
    ]);
    // «подгот.» (the preparatory class of special schools) is ordered with the first grade: no finding.
    expect(res.findings.map(at)).toEqual([]);
    expect(res.stats).toEqual({ rows: 19, items: 13, sections: 5, skipped: 1 });
  });

  it('Мнемозина: group rows 200/201/202, the fpu code under «ФГОС*», VAT 18 % / 10 % / blank, grade from the title, a repeated code', () => {
    const rows = sheet(
      [
        ['item_code', 'A'],
        ['authors', 'B'],
        ['title', 'C'],
        ['fpu_code', 'E'],
        ['vat_rate', 'G'],
        ['price', 'H'],
      ],
      [
        [5, '200', '', 'Начальное общее образование                                                                 ', '', '', ''],
        [6, '201', '', 'Русский язык', '', '', ''],
        [7, '201.401.0Д.ХХ', 'Матвеева Е.И., Патрикеева И.Д.', '"Букварь". 1 кл. Учебник . В 2 ч. + электронное приложение', '1.1.1.1.8.1', '18%', '917.61'],
        [8, '201.401.0К.ХХ', 'Матвеева Е.И., Патрикеева И.Д.', '"Букварь". 1 кл. Учебник . В 2 ч.', '1.1.1.1.8.1', '10%', '630.58'],
        [9, '201.401.ЭП.ХХ', 'Матвеева Е.И., Патрикеева И.Д.', 'Электронное приложение к учебнику "Букварь". 1 кл. ', '1.1.1.1.8.1', '18%', '254.89'],
        [10, '201.401.ЭЛ.ХХ', 'Матвеева Е.И., Патрикеева И.Д.', 'Электронное приложение к учебнику "Букварь". 1 кл. ', '1.1.1.1.8.1', '', '125.96'],
        [11, '201.401.02.ХХ', 'Граник Г.Г.,        Крюкова Т.Ш., Анофриева Н.Ф., Шишкова С.В.', '"Русский язык". 1 кл. Учебник . Под ред. Граник Г.Г., Рубцова В.В.', '1.1.1.1.7.2', '10%', '299.66'],
        [25, '202', '', 'Литературное чтение', '', '', '0.00'],
        [26, '', '', 'Русский язык и литература', '', '', '0.00'],
        [27, '101.110.0Д.ХХ', 'Львова С.И.,                                   Львов В.В.', '"Русский язык и литература. Русский язык." 10 кл. Учебник (базовый и углубленный уровни). Книга 1. В 2 ч. + электронное приложение                        ', '1.3.1.1.5.1', '18%', '999.95'],
        [28, '101.110.0Д.ХХ', 'Львова С.И.,                                   Львов В.В.', '"Русский язык и литература. Русский язык." 10 кл. Учебник (базовый и углубленный уровни). Книга 1 + электронное приложение                        ', '1.3.1.1.5.1', '18%', '796.92'],
        [35, '101.111.0К.ХХ', 'Львова С.И.,                                   Львов В.В.', '"Русский язык и литература. Русский язык." 11 кл. Учебник (базовый и углубленный уровни).  В 2-х ч.  Книга 1.                                   ', '', '', '694.55'],
        [106, '106.107.01.ХХ', 'Смирнова И.М., Смирнов В.А. ', '"Геометрия". 7 - 9 кл. Учебник.', '1.2.3.3.7.1', '10%', '387.37'],
      ],
    );
    const res = parsePriceRows(rows, { file: 'mnemo.csv', publisher: 'Мнемозина' });
    const mat = 'Матвеева Е.И., Патрикеева И.Д.';
    expect(project(res.items)).toEqual([
      [7, 'code:201.401.0Д.ХХ', mat, '"Букварь". 1 кл. Учебник . В 2 ч. + электронное приложение', 1, 1, 91761, 18],
      [8, 'code:201.401.0К.ХХ', mat, '"Букварь". 1 кл. Учебник . В 2 ч.', 1, 1, 63058, 10],
      [9, 'code:201.401.ЭП.ХХ', mat, 'Электронное приложение к учебнику "Букварь". 1 кл.', 1, 1, 25489, 18],
      [10, 'code:201.401.ЭЛ.ХХ', mat, 'Электронное приложение к учебнику "Букварь". 1 кл.', 1, 1, 12596, 10],
      [11, 'code:201.401.02.ХХ', 'Граник Г.Г., Крюкова Т.Ш., Анофриева Н.Ф., Шишкова С.В.', '"Русский язык". 1 кл. Учебник . Под ред. Граник Г.Г., Рубцова В.В.', 1, 1, 29966, 10],
      [27, 'code:101.110.0Д.ХХ', 'Львова С.И., Львов В.В.', '"Русский язык и литература. Русский язык." 10 кл. Учебник (базовый и углубленный уровни). Книга 1. В 2 ч. + электронное приложение', 10, 10, 99995, 18],
      [28, expect.stringMatching(/^code:101\.110\.0Д\.ХХ:.+/), 'Львова С.И., Львов В.В.', '"Русский язык и литература. Русский язык." 10 кл. Учебник (базовый и углубленный уровни). Книга 1 + электронное приложение', 10, 10, 79692, 18],
      [35, 'code:101.111.0К.ХХ', 'Львова С.И., Львов В.В.', '"Русский язык и литература. Русский язык." 11 кл. Учебник (базовый и углубленный уровни). В 2-х ч. Книга 1.', 11, 11, 69455, 10],
      [106, 'code:106.107.01.ХХ', 'Смирнова И.М., Смирнов В.А.', '"Геометрия". 7 - 9 кл. Учебник.', 7, 9, 38737, 10],
    ]);
    expect(res.items.map((i) => [i.fpu_code, i.not_in_fpu])).toEqual([
      ['1.1.1.1.8.1', undefined],
      ['1.1.1.1.8.1', undefined],
      ['1.1.1.1.8.1', undefined],
      ['1.1.1.1.8.1', undefined],
      ['1.1.1.1.7.2', undefined],
      ['1.3.1.1.5.1', undefined],
      ['1.3.1.1.5.1', undefined],
      [undefined, true],
      ['1.2.3.3.7.1', undefined],
    ]);
    // The real list reuses four item codes for other books (other titles and prices): both loaded, a warning.
    expect(res.findings.map(at)).toEqual(['price-duplicate-item@A28']);
    expect(res.findings[0]!.severity).toBe('warning');
    expect(res.findings[0]!.params).toMatchObject({ first_row: 27 });
    expect(res.stats).toEqual({ rows: 13, items: 9, sections: 3, skipped: 1 });
  });

  it('Русское слово: codes with leading zeros, authors and title in one cell, grades 1-2, «3- 4», «10(11)», the «СУММА» row', () => {
    const rows = sheet(
      [
        ['item_code', 'A'],
        ['note', 'C'],
        ['fpu_code', 'D'],
        ['title', 'E'],
        ['grade', 'F'],
        ['year', 'G'],
        ['price', 'I'],
      ],
      [
        [6, '14361', 'ФГОС НОО ', '1.1.1.3.6.1', 'Комарова Ю.А., Ларионова И.В., Перретт Ж. Английский язык                ', '2', '2015-2016', '517.00'],
        [7, '22362', 'ФГОС НОО ', '1.1.1.3.6.2', 'Комарова Ю.А., Ларионова И.В., Перретт Ж. Английский язык             ', '3', '2015-2016', '550.00'],
        [9, '14845', 'ФГОС НОО ', '1.1.4.1.6.1', 'Сахаров А.Н., Кочегаров К.А.  Под ред. Сахарова А.Н. Основы религиозных культур и светской этики. Основы религиозных культур народов России', '4', '2015-2016', '363.00'],
        [14, '02567', 'ФГОС НОО ', '1.1.5.1.8.2', 'Савенкова Л.Г., Ермолинская Е.А., Селиванова Т.В.,Селиванов Н.Л. Под ред.Савенковой Л.Г. Изобразительное искусство ', '2', '2015-2016', '352.00'],
        [25, '02112', 'ФГОС НОО ', '1.1.7.1.1.1', 'Барышников В.Я., Белоусов А.И.  Под ред. Виленского М.Я. Физическая культура', '1-2', '2015-2016', '275.00'],
        [26, '22582', 'ФГОС НОО ', '1.1.7.1.1.2', 'Барышников В.Я., Белоусов А.И. Под ред. Виленского М.Я. Физическая культура', '3- 4', '2015-2016', '297.00'],
        [82, '14231', 'ФГОС ООО', '1.3.3.4.3.1', 'Домогацких Е. М., Алексеевский Н.И. География В 2 ч (базовый уровень) .', '10(11)', '2015-2016', '638.00'],
        [96, '', '', '', 'СУММА', '', '', ''],
      ],
    );
    const res = parsePriceRows(rows, { file: 'russlovo.csv', publisher: 'Русское слово' });
    const kom = 'Комарова Ю.А., Ларионова И.В., Перретт Ж.';
    const bar = 'Барышников В.Я., Белоусов А.И. Под ред. Виленского М.Я.';
    expect(project(res.items)).toEqual([
      [6, 'code:14361', kom, 'Английский язык', 2, 2, 51700, 10],
      [7, 'code:22362', kom, 'Английский язык', 3, 3, 55000, 10],
      [9, 'code:14845', 'Сахаров А.Н., Кочегаров К.А. Под ред. Сахарова А.Н.', 'Основы религиозных культур и светской этики. Основы религиозных культур народов России', 4, 4, 36300, 10],
      [14, 'code:02567', 'Савенкова Л.Г., Ермолинская Е.А., Селиванова Т.В.,Селиванов Н.Л. Под ред.Савенковой Л.Г.', 'Изобразительное искусство', 2, 2, 35200, 10],
      [25, 'code:02112', bar, 'Физическая культура', 1, 2, 27500, 10],
      [26, 'code:22582', bar, 'Физическая культура', 3, 4, 29700, 10],
      [82, 'code:14231', 'Домогацких Е. М., Алексеевский Н.И.', 'География В 2 ч (базовый уровень) .', 10, 11, 63800, 10],
    ]);
    expect(res.items[0]).toMatchObject({ year: '2015-2016', note: 'ФГОС НОО', fpu_code: '1.1.1.3.6.1' });
    expect(res.findings).toEqual([]);
    expect(res.stats).toEqual({ rows: 8, items: 7, sections: 0, skipped: 1 });
  });

  it('Владос: prices «1 625.58» and «684.53», no item codes, the totals and signature rows', () => {
    const rows = sheet(
      [
        ['fpu_code', 'B'],
        ['title', 'C'],
        ['grade', 'D'],
        ['year', 'F'],
        ['price', 'I'],
      ],
      [
        [6, '1.2.4.2.1.1', 'Викторов В.П. , Никишов А.И. Биология: Растения. Бактерии. Грибы и лишайники', '7', '2014-2015', '684.53'],
        [7, '1.2.4.2.1.2', 'Никишов А.И., Шарова И.Х. Биология. Животные', '8', '2014-2015', '684.53'],
        [8, '1.2.4.2.1.3', 'Никишов А.И., Богданов Н.А. Биология. Человек и его здоровье', '9', '2014-2015', '684.54'],
        [9, '2.1.1.1.4.1', 'Зикеев А.Г. Русский язык. Для специальных (коррекционных) образовательных учреждений II вида. В 3-х частях*', '1', '2014-2015', '1 625.58'],
        [12, '2.1.1.1.4.4', 'Зикеев А.Г. Русский язык. Для специальных (коррекционных) образовательных учреждений II вида. В 2-х частях* ', '4', '2014-2015', '1 083.72'],
        [19, '', '', '', '', ''],
        [26, '', '', '', 'Поставщик:', ''],
      ],
    );
    const res = parsePriceRows(rows, { file: 'vlados.csv', publisher: 'Владос' });
    expect(project(res.items)).toEqual([
      [6, 'fpu:1.2.4.2.1.1:биология растения бактерии грибы и лишайники', 'Викторов В.П. , Никишов А.И.', 'Биология: Растения. Бактерии. Грибы и лишайники', 7, 7, 68453, 10],
      [7, 'fpu:1.2.4.2.1.2:биология животные', 'Никишов А.И., Шарова И.Х.', 'Биология. Животные', 8, 8, 68453, 10],
      [8, 'fpu:1.2.4.2.1.3:биология человек и его здоровье', 'Никишов А.И., Богданов Н.А.', 'Биология. Человек и его здоровье', 9, 9, 68454, 10],
      [
        9,
        'fpu:2.1.1.1.4.1:русский язык для специальных коррекционных образовательных учреждений ii вида в 3 ч',
        'Зикеев А.Г.',
        'Русский язык. Для специальных (коррекционных) образовательных учреждений II вида. В 3-х частях*',
        1,
        1,
        162558,
        10,
      ],
      [
        12,
        'fpu:2.1.1.1.4.4:русский язык для специальных коррекционных образовательных учреждений ii вида в 2 ч',
        'Зикеев А.Г.',
        'Русский язык. Для специальных (коррекционных) образовательных учреждений II вида. В 2-х частях*',
        4,
        4,
        108372,
        10,
      ],
    ]);
    expect(res.findings).toEqual([]);
    expect(res.stats).toEqual({ rows: 7, items: 5, sections: 0, skipped: 2 });
  });

  it('Бином: empty item codes, the school year in the fpu header, «ИТОГО:», «Общая сумма», «Заказчик:» in the code column', () => {
    const rows = sheet(
      [
        ['fpu_code', 'B'],
        ['item_code', 'C'],
        ['title', 'D'],
        ['grade', 'E'],
        ['price', 'K'],
      ],
      [
        [7, '2.1.2.2.6.1', '', 'Матвеева Н.В., Челак Е.Н., Конопатова Н.К. и др. Информатика (в двух частях)', '2', '360.00'],
        [8, '2.1.2.2.6.2', '', 'Матвеева Н.В., Челак Е.Н., Коиопатова Н.К. и др. Информатика (в двух частях)', '3', '420.00'],
        [10, '2.1.2.2.5.1', '', ' МогилевА.В, МогилеваВ.Н, Цветкова М.С. Информатика (в двух частях)', '3', '315.00'],
        [14, '1.2.3.4.1.1', '', 'Босова Л.Л. Босова А.Ю. Информатика ', '5', '330.00'],
        [54, '', '', 'ИТОГО:', '', ''],
        [56, '', '', 'Общая сумма по контракту', ' -', ''],
        [60, '', 'Заказчик: ', '', '', ''],
      ],
    );
    const res = parsePriceRows(rows, { file: 'binom.csv', publisher: 'Бином' });
    expect(project(res.items)).toEqual([
      [7, 'fpu:2.1.2.2.6.1:информатика в 2 ч', 'Матвеева Н.В., Челак Е.Н., Конопатова Н.К. и др.', 'Информатика (в двух частях)', 2, 2, 36000, 10],
      [8, 'fpu:2.1.2.2.6.2:информатика в 2 ч', 'Матвеева Н.В., Челак Е.Н., Коиопатова Н.К. и др.', 'Информатика (в двух частях)', 3, 3, 42000, 10],
      [10, 'fpu:2.1.2.2.5.1:могилева в могилевав н цветкова м с информатика в 2 ч', '', 'МогилевА.В, МогилеваВ.Н, Цветкова М.С. Информатика (в двух частях)', 3, 3, 31500, 10],
      [14, 'fpu:1.2.3.4.1.1:информатика', 'Босова Л.Л. Босова А.Ю.', 'Информатика', 5, 5, 33000, 10],
    ]);
    expect(res.items.every((i) => i.item_code === undefined)).toBe(true);
    expect(res.findings).toEqual([]);
    expect(res.stats).toEqual({ rows: 7, items: 4, sections: 0, skipped: 3 });
  });
});

describe('summarizePriceList', () => {
  it('counts items and distinct listed textbooks, spans grades and prices, lists VAT rates', () => {
    const { items } = parseFull([
      [1, '1.1.1.1.8.1', 'a', null, null, 'Букварь', '1', '917.61', '18%'],
      [2, '1.1.1.1.8.1', 'b', null, null, 'Букварь', '1', '630.58', '10%'],
      [3, '1.2.3.3.7.1', 'c', null, null, 'Геометрия', '7-9', '387.37'],
      [4, '99.99.99.99.99.99', 'd', null, null, 'Прописи', '2', '125.96'],
    ]);
    expect(summarizePriceList(items)).toEqual({
      items: 4,
      textbooks: 2,
      grades: { from: 1, to: 9 },
      price_min_kopecks: 12596,
      price_max_kopecks: 91761,
      vat_rates: [10, 18],
      ungraded: 0,
    });
  });

  it('an empty list has no grades or prices', () => {
    expect(summarizePriceList([])).toEqual({ items: 0, textbooks: 0, grades: null, price_min_kopecks: null, price_max_kopecks: null, vat_rates: [], ungraded: 0 });
  });
});

describe('diffPriceLists', () => {
  const base = (over: Partial<CatalogueItem>): CatalogueItem => ({
    key: 'code:1',
    publisher: 'П',
    fpu_code: '1.1.1.1.1.1',
    item_code: '1',
    authors: 'А',
    title: 'Т',
    grade_from: 1,
    grade_to: 1,
    price_kopecks: 10000,
    vat_rate: 10,
    source_row: 5,
    ...over,
  });

  it('matches items by key: added, removed, repriced and changed, ignoring the source row', () => {
    const kept = base({ key: 'code:1', item_code: '1' });
    const repriced = base({ key: 'code:2', item_code: '2' });
    const changed = base({ key: 'code:3', item_code: '3' });
    const gone = base({ key: 'code:4', item_code: '4' });
    const fresh = base({ key: 'code:5', item_code: '5' });
    const from = [kept, repriced, changed, gone];
    const to = [
      { ...kept, source_row: 99 },
      { ...repriced, price_kopecks: 10550 },
      { ...changed, title: 'Т. Новое издание', grade_to: 2, year: '2017' },
      fresh,
    ];
    const diff = diffPriceLists(from, to);
    expect(diff.added).toEqual([fresh]);
    expect(diff.removed).toEqual([gone]);
    expect(diff.repriced).toEqual([{ item: to[1], old_kopecks: 10000, new_kopecks: 10550 }]);
    expect(diff.changed).toEqual([{ item: to[2], fields: ['title', 'grade_to', 'year'] }]);
  });

  it('reports an item both repriced and changed in both lists; nothing for identical lists', () => {
    const a = base({});
    const b = { ...a, price_kopecks: 1, vat_rate: 18 };
    const diff = diffPriceLists([a], [b]);
    expect(diff.repriced).toHaveLength(1);
    expect(diff.changed).toEqual([{ item: b, fields: ['vat_rate'] }]);
    expect(diffPriceLists([a], [{ ...a, not_in_fpu: false }])).toEqual({ added: [], removed: [], repriced: [], changed: [] });
    expect(diffPriceLists([a], [{ ...a, not_in_fpu: true }]).changed).toEqual([{ item: { ...a, not_in_fpu: true }, fields: ['not_in_fpu'] }]);
  });
});

describe('messages of the price-list findings', () => {
  // One finding of every code the parser reports, with the parameters it really gives.
  const { findings } = parseFull([
    [1, '1.1', 'a', null, null, 'Т', '1', '100'],
    [2, '1.1.1.1.1.1', null, '123', null, 'Т', '1', '100'],
    [3, '1.1.1.1.1.2', 'b', null, null, 'Т', '1', null],
    [4, '1.1.1.1.1.3', 'c', null, null, 'Т', 'x', '100'],
    [5, '1.1.1.1.1.4', 'd', null, null, 'Т', '1', '100', 'x'],
    [6, null, null, null, null, 'Т', '1', '100'],
    [7, '1.1.1.1.1.5', 'e', null, null, 'Т', '1', '100'],
    [8, '1.1.1.1.1.5', 'e', null, null, 'Т', '1', '100'],
  ]);

  it('covers every code', () => {
    expect(new Set(findings.map((f) => f.code))).toEqual(
      new Set([
        'price-fpu-code-invalid',
        'price-isbn-invalid',
        'price-invalid',
        'price-grade-invalid',
        'price-vat-invalid',
        'price-item-unidentified',
        'price-duplicate-item',
      ]),
    );
  });

  it('has each code in Russian and English, with placeholders the finding fills', () => {
    for (const f of findings) {
      const entry = FINDINGS[f.code].message;
      for (const text of [entry.ru, entry.en]) {
        const placeholders = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        expect(placeholders.length, text).toBeGreaterThan(0);
        for (const p of placeholders) expect(f.params, `${f.code}: {${p}}`).toHaveProperty(p);
      }
    }
  });
});
