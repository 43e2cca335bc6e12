import { describe, expect, it } from 'vitest';
import { ORDER_FIELDS, ORDER_REQUIRED } from '../../../src/core/model/order.js';
import { normalizeHeader } from '../../../src/core/text.js';
import { readTable } from '../../../src/io/sheets/table.js';
import type { SheetHandle, SheetRow, Workbook } from '../../../src/io/sheets/types.js';

/** field → the header text of the column the table layer gave it */
async function columnsOf(headers: string[]): Promise<Record<string, string>> {
  const rows: SheetRow[] = [{ row: 1, cells: headers.map((h) => ({ value: h })) }];
  const handle: SheetHandle = {
    name: 'Заказ',
    merges: [],
    findings: [],
    async *rows() {
      yield* rows;
    },
  };
  const wb: Workbook = {
    file: 'order.xlsx',
    format: 'xlsx',
    sheets: [{ name: 'Заказ', index: 0, hidden: false }],
    sheet: async () => handle,
    close: async () => {},
  };
  const table = await readTable(wb, handle, { fields: ORDER_FIELDS, required: ORDER_REQUIRED });
  return Object.fromEntries([...table.columns].map(([field, col]) => [field, headers[col]!]));
}

/** The fields a header could name under the table layer's rule: equal, or starting with a synonym and a space. */
function fieldsMatching(header: string): string[] {
  const h = normalizeHeader(header);
  return ORDER_FIELDS.filter((f) =>
    f.synonyms.map(normalizeHeader).some((s) => h === s || h.startsWith(s + ' ')),
  ).map((f) => f.key);
}

const TEMPLATE: Record<string, string> = {
  publisher: 'Издательство',
  fpu_code: '№ ФП',
  item_code: 'Код издательства',
  isbn: 'ISBN',
  authors: 'Авторы',
  title: 'Наименование',
  grade: 'Класс',
  price: 'Цена, руб.',
  quantity: 'Количество',
  sum: 'Сумма, руб.',
};

describe('order columns', () => {
  it('each header of the template uchebnik writes names exactly one field', () => {
    for (const [field, header] of Object.entries(TEMPLATE)) expect([header, fieldsMatching(header)]).toEqual([header, [field]]);
  });

  it('the template header row is read as the template means it', async () => {
    expect(await columnsOf(Object.values(TEMPLATE))).toEqual(TEMPLATE);
  });

  it('reads the real publishers’ specification forms schools fill', async () => {
    // Русское слово: typo in «издательсва», authors and title in one column, quantity under «Заказ».
    expect(
      await columnsOf(['Код издательсва', '№п/п', 'Примечание', '№ФП ', 'Авторы, название учебника', 'Класс', 'год изд.', 'Заказ', 'Цена с НДС, руб', 'Сумма заказа, руб']),
    ).toEqual({
      item_code: 'Код издательсва',
      fpu_code: '№ФП ',
      title: 'Авторы, название учебника',
      grade: 'Класс',
      quantity: 'Заказ',
      price: 'Цена с НДС, руб',
      sum: 'Сумма заказа, руб',
    });
    // Бином: the school year inside the fpu header, a second title column «Название учебника в 1С».
    expect(
      await columnsOf(['№ п/п', '№ ФП 2014/ 2015у.г', 'Код 1С', 'Авторы, название учебника', 'Класс', 'Соотвев. стантарту', 'Название учебника в 1С', 'Технические характеристики', 'соответствие ', 'кол-во', 'цена', 'сумма']),
    ).toEqual({
      fpu_code: '№ ФП 2014/ 2015у.г',
      item_code: 'Код 1С',
      title: 'Авторы, название учебника',
      grade: 'Класс',
      quantity: 'кол-во',
      price: 'цена',
      sum: 'сумма',
    });
    // Владос.
    expect(
      await columnsOf(['№ п/п', '№ по ФП', 'Авторы, наименование учебника', 'Класс', '№ и дата заключения авторского договора', 'Год издания', 'Ед. изм.', 'Кол-во', 'Цена за единицу (руб.)', 'Сумма всего (руб.)']),
    ).toEqual({
      fpu_code: '№ по ФП',
      title: 'Авторы, наименование учебника',
      grade: 'Класс',
      quantity: 'Кол-во',
      price: 'Цена за единицу (руб.)',
      sum: 'Сумма всего (руб.)',
    });
  });

  it('«Код ФПУ» is the fpu code, not an item code', async () => {
    expect(fieldsMatching('Код ФПУ')).toContain('fpu_code');
    expect(await columnsOf(['Код ФПУ', 'Наименование', 'Класс', 'Кол-во, шт.'])).toEqual({
      fpu_code: 'Код ФПУ',
      title: 'Наименование',
      grade: 'Класс',
      quantity: 'Кол-во, шт.',
    });
  });

  it('a sheet without an item reference is not an order', async () => {
    await expect(columnsOf(['Наименование', 'Класс', 'Количество'])).rejects.toMatchObject({ key: 'table.header-not-found' });
  });
});
