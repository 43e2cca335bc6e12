import { describe, expect, it } from 'vitest';
import { Catalogue, normalizeItemCode, type CatalogueItem, type LookupResult } from '../../../src/core/model/catalogue.js';
import { itemKey } from '../../../src/features/pricelist/rows.js';

function item(publisher: string, over: Partial<CatalogueItem> & { title: string }): CatalogueItem {
  const it: CatalogueItem = { key: '', publisher, authors: '', grade_from: 1, grade_to: 1, price_kopecks: 10000, vat_rate: 10, ...over };
  it.key = itemKey(it);
  return it;
}

// Parts 1 and 2 of Просвещение's «Азбука» share an fpu code and, in the list, their title; Мнемозина
// sells the «Букварь» as book + CD, book, CD and download under one fpu code.
const prosv = [
  item('Просвещение', { fpu_code: '1.1.1.1.4.1', item_code: '04-0052-11', authors: 'Горецкий В.Г.', title: 'Азбука. В 2-х частях. Часть 1' }),
  item('Просвещение', { fpu_code: '1.1.1.1.4.1', item_code: '04-0053-09', authors: 'Горецкий В.Г.', title: 'Азбука. В 2-х частях. Часть 2' }),
  item('Просвещение', { fpu_code: '1.1.1.1.4.2', item_code: '05-0036-16', authors: 'Канакина В.П., Горецкий В.Г.', title: 'Русский язык' }),
  item('Просвещение', { fpu_code: '1.1.1.1.4.3', isbn: '9785090191869', title: 'Русский язык. 2 класс' }),
  item('Просвещение', { fpu_code: '1.1.1.1.4.4', item_code: 'SHARED-1', title: 'Русский язык. 3 класс' }),
];
const mnemo = [
  item('Мнемозина', { fpu_code: '1.1.1.1.8.1', item_code: '201.401.0Д.ХХ', title: '"Букварь". 1 кл. Учебник . В 2 ч. + электронное приложение' }),
  item('Мнемозина', { fpu_code: '1.1.1.1.8.1', item_code: '201.401.0К.ХХ', title: '"Букварь". 1 кл. Учебник . В 2 ч.' }),
  item('Мнемозина', { fpu_code: '1.1.1.1.8.1', item_code: '201.401.ЭП.ХХ', title: 'Электронное приложение к учебнику "Букварь". 1 кл.' }),
  item('Мнемозина', { fpu_code: '1.1.1.1.8.1', item_code: '201.401.ЭЛ.ХХ', title: 'Электронное приложение к учебнику "Букварь". 1 кл.' }),
  item('Мнемозина', { fpu_code: '1.1.1.1.4.4', item_code: 'SHARED-1', title: '"Русский язык". 3 кл. Учебник . В 3 кн.' }),
];
const russlovo = [
  item('Русское слово', { fpu_code: '1.1.5.1.8.2', item_code: '02567', authors: 'Савенкова Л.Г.', title: 'Изобразительное искусство' }),
  item('Русское слово', { fpu_code: '1.3.3.4.3.1', isbn: '5090026300', title: 'География' }),
];
// Бином has no item codes: its items are keyed by fpu code and title.
const binom = [
  item('Бином', { fpu_code: '1.2.3.4.1.1', authors: 'Босова Л.Л. Босова А.Ю.', title: 'Информатика', grade_from: 5, grade_to: 5 }),
  item('Бином', { fpu_code: '1.3.4.4.2.1', authors: 'Поляков К.Ю., Еремин Е.А.', title: 'Информатика (углубленный уровень). Часть 1' }),
  item('Бином', { fpu_code: '1.3.4.4.2.1', authors: 'Поляков К.Ю., Еремин Е.А.', title: 'Информатика (углубленный уровень). Часть 2' }),
];
const catalogue = new Catalogue([...prosv, ...mnemo, ...russlovo, ...binom]);

const found = (r: LookupResult) => (r.kind === 'found' ? [r.by, r.item.publisher, r.item.key] : r.kind === 'ambiguous' ? ['ambiguous', ...r.items.map((i) => i.key)] : ['none']);

describe('Catalogue', () => {
  it('knows its size, publishers and items by publisher and key', () => {
    expect(catalogue.size).toBe(15);
    expect(catalogue.publishers()).toEqual(['Бином', 'Мнемозина', 'Просвещение', 'Русское слово']);
    expect(catalogue.byKey('Просвещение', 'code:04-0053-09')).toBe(prosv[1]);
    expect(catalogue.byKey('просвещение', 'code:04-0053-09')).toBe(prosv[1]);
    expect(catalogue.byKey('Бином', 'fpu:1.2.3.4.1.1:информатика')).toBe(binom[0]);
    expect(catalogue.byKey('Мнемозина', 'code:04-0053-09')).toBeUndefined();
  });

  it('finds by item code, across publishers when the line names none', () => {
    expect(found(catalogue.lookup({ item_code: '04-0053-09' }))).toEqual(['item_code', 'Просвещение', 'code:04-0053-09']);
    expect(found(catalogue.lookup({ publisher: 'Просвещение', item_code: ' 04-0053-09 ' }))).toEqual(['item_code', 'Просвещение', 'code:04-0053-09']);
  });

  it('an item code shared by two publishers is ambiguous without the publisher, found with it or with the other references', () => {
    expect(found(catalogue.lookup({ item_code: 'SHARED-1' }))).toEqual(['ambiguous', 'code:SHARED-1', 'code:SHARED-1']);
    const r = catalogue.lookup({ item_code: 'SHARED-1' });
    expect(r.kind === 'ambiguous' && r.items.map((i) => i.publisher)).toEqual(['Просвещение', 'Мнемозина']);
    expect(found(catalogue.lookup({ publisher: 'Мнемозина', item_code: 'SHARED-1' }))).toEqual(['item_code', 'Мнемозина', 'code:SHARED-1']);
    expect(found(catalogue.lookup({ item_code: 'SHARED-1', title: 'Русский язык, 3 класс' }))).toEqual(['item_code', 'Просвещение', 'code:SHARED-1']);
  });

  it('matches item codes typed with Latin look-alikes or without the leading zero', () => {
    expect(found(catalogue.lookup({ item_code: '201.401.0K.XX' }))).toEqual(['item_code', 'Мнемозина', 'code:201.401.0К.ХХ']);
    expect(found(catalogue.lookup({ item_code: '201.401.0к.хх' }))).toEqual(['item_code', 'Мнемозина', 'code:201.401.0К.ХХ']);
    expect(found(catalogue.lookup({ item_code: '2567' }))).toEqual(['item_code', 'Русское слово', 'code:02567']);
    expect(normalizeItemCode(2567)).toBe(normalizeItemCode('02567'));
    expect(normalizeItemCode('04-0052-11')).toBe('04-0052-11');
    expect(normalizeItemCode('0')).toBe('0');
  });

  it('finds by ISBN with or without hyphens, ISBN-10 and ISBN-13 alike', () => {
    expect(found(catalogue.lookup({ isbn: '978-5-09-019186-9' }))).toEqual(['isbn', 'Просвещение', 'isbn:9785090191869']);
    expect(found(catalogue.lookup({ isbn: '978-5-09-002630-7' }))).toEqual(['isbn', 'Русское слово', 'isbn:9785090026307']);
    expect(found(catalogue.lookup({ isbn: '5-09-002630-0' }))).toEqual(['isbn', 'Русское слово', 'isbn:9785090026307']);
  });

  it('finds by fpu code when one item has it, whatever the title says', () => {
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.4.2' }))).toEqual(['fpu_code', 'Просвещение', 'code:05-0036-16']);
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.4.2.', title: 'что-то другое' }))).toEqual(['fpu_code', 'Просвещение', 'code:05-0036-16']);
  });

  it('chooses among the items of one fpu code by equal normalised titles', () => {
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.8.1', title: '«Букварь» 1 класс. Учебник. В двух частях' }))).toEqual([
      'fpu_code',
      'Мнемозина',
      'code:201.401.0К.ХХ',
    ]);
    // A title written with the authors in front, as the combined columns do.
    expect(found(catalogue.lookup({ fpu_code: '1.2.3.4.1.1', title: 'Босова Л.Л. Босова А.Ю. Информатика' }))).toEqual([
      'fpu_code',
      'Бином',
      'fpu:1.2.3.4.1.1:информатика',
    ]);
  });

  it('then by one title containing the other', () => {
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.8.1', title: 'Букварь. 1 кл. Учебник. В 2 ч. + электронное приложение (комплект)' }))).toEqual([
      'fpu_code',
      'Мнемозина',
      'code:201.401.0Д.ХХ',
    ]);
  });

  it('then by the part number', () => {
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.4.1', title: 'Азбука, ч. 2' }))).toEqual(['fpu_code', 'Просвещение', 'code:04-0053-09']);
    expect(found(catalogue.lookup({ fpu_code: '1.3.4.4.2.1', title: 'Поляков. Информатика. Ч.1' }))).toEqual([
      'fpu_code',
      'Бином',
      'fpu:1.3.4.4.2.1:информатика углубленный уровень ч 1',
    ]);
  });

  it('is ambiguous, listing the candidates, when the title does not decide', () => {
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.4.1' }))).toEqual(['ambiguous', 'code:04-0052-11', 'code:04-0053-09']);
    // The CD and the download have the same title: the title narrows to them but cannot choose.
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.8.1', title: 'Электронное приложение к учебнику «Букварь», 1 кл.' }))).toEqual([
      'ambiguous',
      'code:201.401.ЭП.ХХ',
      'code:201.401.ЭЛ.ХХ',
    ]);
    expect(found(catalogue.lookup({ fpu_code: '1.1.1.1.8.1', title: 'География' }))).toEqual([
      'ambiguous',
      'code:201.401.0Д.ХХ',
      'code:201.401.0К.ХХ',
      'code:201.401.ЭП.ХХ',
      'code:201.401.ЭЛ.ХХ',
    ]);
  });

  it('falls back from an unknown item code to the ISBN and the fpu code; none when nothing matches', () => {
    expect(found(catalogue.lookup({ item_code: 'NO-SUCH', fpu_code: '1.1.1.1.4.2' }))).toEqual(['fpu_code', 'Просвещение', 'code:05-0036-16']);
    expect(found(catalogue.lookup({ item_code: 'NO-SUCH', isbn: '9785090191869' }))).toEqual(['isbn', 'Просвещение', 'isbn:9785090191869']);
    expect(found(catalogue.lookup({ publisher: 'Бином', item_code: '04-0053-09' }))).toEqual(['none']);
    expect(found(catalogue.lookup({ fpu_code: '9.9.9.9.9' }))).toEqual(['none']);
    expect(found(catalogue.lookup({ title: 'Азбука' }))).toEqual(['none']);
    expect(found(new Catalogue([]).lookup({ item_code: '1' }))).toEqual(['none']);
  });

  it('answers 300,000 lookups quickly, choosing between parts by title', () => {
    const many: CatalogueItem[] = [];
    for (let p = 0; p < 10; p++)
      for (let i = 0; i < 1000; i++)
        for (const part of [1, 2])
          many.push(item(`Издательство ${p}`, { item_code: `${p}-${i}-${part}`, fpu_code: `1.1.${p}.1.1.${i}`, title: `Учебник ${i}. Часть ${part}` }));
    const big = new Catalogue(many);
    const started = performance.now();
    let hits = 0;
    for (let n = 0; n < 300_000; n++) {
      const [p, i, part] = [n % 10, n % 1000, 1 + (n % 2)];
      const ref = n % 3 ? { fpu_code: `1.1.${p}.1.1.${i}`, title: `Учебник ${i}, ч. ${part}` } : { item_code: `${p}-${i}-${part}` };
      const r = big.lookup(ref);
      if (r.kind === 'found' && r.item.item_code === `${p}-${i}-${part}`) hits++;
    }
    expect(hits).toBe(300_000);
    // A scan of the items per lookup would take minutes; the indexes take about a second.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
