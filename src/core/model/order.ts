/**
 * A school's order (docs/file-formats.md#orders): the columns an order sheet may have and the lines an order is
 * made of once checked against the catalogue. The field list has the shape of the table layer's
 * TableSpec (src/io/sheets/table.ts) without importing it: the domain depends on nothing outside it.
 */

export type OrderField =
  | 'publisher'
  | 'fpu_code'
  | 'item_code'
  | 'isbn'
  | 'authors'
  | 'title'
  | 'grade'
  | 'price'
  | 'quantity'
  | 'sum';

/**
 * Header texts per field, matched after normalisation, exactly or as the start of a header
 * («Цена, руб.» is a price, «Сумма заказа, руб» a sum). The template uchebnik writes uses «Издательство»,
 * «№ ФП», «Код издательства», «ISBN», «Авторы», «Наименование», «Класс», «Цена, руб.», «Количество»,
 * «Сумма, руб.», each matching one field only.
 */
export const ORDER_FIELDS: { key: OrderField; synonyms: string[] }[] = [
  { key: 'publisher', synonyms: ['Издательство'] },
  {
    key: 'fpu_code',
    // «Код ФПУ» and «Код по ФП» are listed because otherwise they would start with the item code's «Код».
    synonyms: [
      '№ ФП',
      'Код ФП',
      'Код ФПУ',
      'Код по ФП',
      'Порядковый номер учебника',
      '№ по ФП',
      '№ ФПУ',
      'Номер по ФП',
      'Номер ФП',
    ],
  },
  { key: 'item_code', synonyms: ['Код 1С', 'Код заказа 1С', 'Код издательства', 'Код товара', 'Артикул', 'Код'] },
  { key: 'isbn', synonyms: ['ISBN'] },
  { key: 'authors', synonyms: ['Авторы', 'Автор'] },
  {
    key: 'title',
    // Русское слово and Бином put authors and title in one column; it is the title that identifies the book.
    synonyms: [
      'Наименование учебника',
      'Наименование',
      'Название',
      'Авторы, название учебника',
      'Авторы, наименование учебника',
    ],
  },
  { key: 'grade', synonyms: ['Класс'] },
  { key: 'price', synonyms: ['Цена', 'Цена с НДС', 'Цена за единицу'] },
  { key: 'quantity', synonyms: ['Количество', 'Кол-во', 'Заказ', 'Кол-во, шт.', 'Количество экземпляров'] },
  { key: 'sum', synonyms: ['Сумма', 'Сумма заказа', 'Стоимость'] },
];

/** An order sheet needs an item reference, the grade and the quantity. */
export const ORDER_REQUIRED: string[] = ['fpu_code|item_code|isbn', 'grade', 'quantity'];

/** One ordered line: an item of the catalogue (by key) for one grade, priced from the price list. */
export interface OrderLine {
  publisher: string;
  /** CatalogueItem.key */
  item_key: string;
  grade: number;
  /** copies, > 0 */
  quantity: number;
  /** the catalogue's price, not the file's: a differing price in the file is a finding */
  price_kopecks: number;
  /** the row of the order file it came from */
  row?: number;
}

export interface SchoolOrder {
  school: string;
  lines: OrderLine[];
}
