/**
 * The one table of header words: for each role a column can play in any file uchebnik reads, the
 * words people head it with. It is documented in docs/header-words.md (generated from this table and
 * checked by test/io/sheets/header-words-doc.test.ts), so what the README promises is what the code matches.
 *
 * Header words are weak evidence on purpose. The recogniser (recognise.ts) gives an exact header name
 * (a command's own synonyms) more weight than a word found inside a header, and weighs both against
 * what the column's cells hold: «Цена, руб» over a column of «ФГОС» is no price.
 *
 * - `stems`: a header word that starts with a stem hints at the role (stems of three letters or fewer
 *   must be the whole word: «кл», «фп», «ндс»);
 * - `not`: phrases that rule the role out for a header («Цена без НДС» is not what a school pays);
 * - `better`: phrases that make a header the better of several candidates («Стоимость с НДС»).
 * Matching happens after normalizeHeader (lower case, ё → е, punctuation and № dropped) and after a
 * glued «ПродукцияАвторыДляПрайса» is split at its capitals.
 */
export interface RoleWords {
  stems: string[];
  not?: string[];
  better?: string[];
  /** what the role means, for the documentation */
  about: string;
}

export type Role =
  | 'row_number'
  | 'fpu_code'
  | 'item_code'
  | 'isbn'
  | 'authors'
  | 'title'
  | 'grade'
  | 'price'
  | 'vat_rate'
  | 'year'
  | 'series'
  | 'note'
  | 'unit'
  | 'quantity'
  | 'sum'
  | 'publisher'
  | 'school_code'
  | 'short_name'
  | 'full_name'
  | 'municipality'
  | 'municipality_name'
  | 'inn'
  | 'kpp';

export const HEADER_WORDS: Record<Role, RoleWords> = {
  row_number: { stems: ['п п', 'пп', 'n', 'номер строки'], about: 'порядковый номер строки (не данные)' },
  fpu_code: {
    stems: ['фп', 'фпу', 'фгос', 'федеральн', 'порядковый номер учебника', 'номер учебника', 'код фп', 'в фп', 'по фп'],
    about: 'код учебника в федеральном перечне: 1.1.1.1.4.1',
  },
  item_code: {
    stems: ['артикул', 'код', 'код 1с', 'код товара', 'номенклатурный', 'код издательства', 'id'],
    not: ['фп', 'фпу', 'фгос', 'окп', 'оквэд', 'isbn', 'оо', 'школы', 'мо', 'инн', 'кпп'],
    about: 'код позиции у издательства (1С, артикул)',
  },
  isbn: { stems: ['isbn', 'исбн'], about: 'ISBN-10 или ISBN-13' },
  authors: { stems: ['автор', 'авторы', 'авторский', 'авторов'], about: 'авторы («Фамилия И.О.»)' },
  title: {
    stems: ['наименование', 'название', 'товар', 'продукция', 'продукции', 'учебник', 'пособие', 'пособия', 'номенклатура'],
    not: ['получател', 'оо', 'школы', 'организации', 'мо', 'муниципал', 'издательства', 'заказчика'],
    about: 'название книги; «Авторы, название» — авторы и название в одной ячейке',
  },
  grade: { stems: ['класс', 'классы', 'кл', 'параллель'], not: ['количество', 'кол во', 'классов'], about: 'класс: 1, 5-9, 10-11' },
  price: {
    stems: ['цена', 'цены', 'стоимость', 'прайс', 'прайса'],
    not: ['без ндс', 'без учета ндс', 'без учета налога', 'нетто', 'итого', 'скидк'],
    better: ['с ндс', 'в т ч ндс', 'вкл ндс', 'включая ндс', 'с учетом ндс', 'ндс включен'],
    about: 'цена за экземпляр с НДС — то, что платит школа',
  },
  vat_rate: { stems: ['ндс', 'ставка ндс', 'ставка', 'налог'], not: ['цена', 'цены', 'стоимость', 'сумма', 'прайс', 'без ндс', 'в т ч'], about: 'ставка НДС: 10 %, 18 %, 0,1, «без НДС»' },
  year: { stems: ['год', 'год издания', 'год изд'], about: 'год издания' },
  series: { stems: ['умк', 'линия', 'система', 'серия'], about: 'линия УМК, система, серия' },
  note: { stems: ['примечание', 'примечания', 'комментарий', 'информация'], about: 'примечание (в нём может быть «НДС 18%»)' },
  unit: { stems: ['ед изм', 'единица'], about: 'единица измерения' },
  quantity: { stems: ['количество', 'кол во', 'колво', 'заказ', 'экз'], about: 'количество экземпляров' },
  sum: { stems: ['сумма', 'итого'], about: 'сумма строки' },
  publisher: { stems: ['издательство', 'поставщик'], about: 'издательство' },
  school_code: {
    stems: ['логин', 'идентификатор', 'код оо', 'код оу', 'код школы', 'код организации', 'код учреждения', 'id'],
    not: ['инн', 'кпп', 'мо', 'мсу', 'ате', 'муниципал', 'района'],
    about: 'код школы в региональной системе (логин вида KEM_0001)',
  },
  short_name: {
    stems: ['краткое', 'кратк', 'сокр', 'сокращенное', 'оу', 'оо', 'школа', 'учреждение', 'организация'],
    not: ['полное', 'полн', 'код', 'логин', 'инн', 'кпп', 'идентификатор', 'тип', 'мо', 'мсу', 'ате', 'муниципал', 'муниципального', 'района', 'город'],
    about: 'краткое наименование школы',
  },
  full_name: { stems: ['полное', 'полн'], not: ['код'], about: 'полное наименование школы' },
  municipality: { stems: ['мо', 'мсу', 'ате', 'муниципалитет', 'муниципальное', 'муниципального', 'район', 'округ'], about: 'муниципалитет: код' },
  municipality_name: {
    stems: ['мо', 'ате', 'муниципалитет', 'муниципальное', 'район', 'округ', 'город'],
    not: ['код'],
    about: 'муниципалитет: название',
  },
  inn: { stems: ['инн'], about: 'ИНН' },
  kpp: { stems: ['кпп'], about: 'КПП' },
};

/** «ПродукцияАвторыДляПрайса» → «Продукция Авторы Для Прайса»: a glued header has its words back. */
export function unglue(s: string): string {
  return s.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
}

function has(words: string[], normalized: string, phrase: string): boolean {
  if (phrase.includes(' ')) return ` ${normalized} `.includes(` ${phrase} `);
  if (phrase.length <= 3) return words.includes(phrase);
  return words.some((w) => w.startsWith(phrase));
}

/** Does a normalized header contain one of the phrases (whole words; long stems as word starts)? */
export function mentions(normalized: string, phrases: readonly string[] | undefined): string | undefined {
  if (!phrases || !normalized) return undefined;
  const words = normalized.split(' ');
  return phrases.find((p) => has(words, normalized, p));
}

/**
 * Does a normalized header name any known role? Such a column is what its header says — a price
 * without VAT, a quantity — and never gets another field by its content alone.
 */
export function mentionsAnyRole(normalized: string): boolean {
  return Object.values(HEADER_WORDS).some((w) => mentions(normalized, w.stems));
}
