/**
 * The corpus's judge itself: it must see a difference where there is one, and take the command a
 * refusal suggests the way a person would copy it from the terminal.
 */
import { describe, expect, it } from 'vitest';
import { diffItems, diffSchools, shellWords, suggestedCommand } from './check.js';
import { isbn13, Rng, type TruthItem } from './generate.js';

const truth: TruthItem[] = [
  { title: 'Математика. Часть 1', fpu_code: '1.1.1.2.1.1', item_code: '04-0052-11', grade: { from: 1, to: 1 }, price_kopecks: 24398, vat_rate: 10 },
  { title: 'Математика. Часть 2', fpu_code: '1.1.1.2.1.1', item_code: '04-0053-11', grade: { from: 1, to: 1 }, price_kopecks: 24398, vat_rate: 10 },
  { title: 'Лицензия на ПО', item_code: 'L-1', grade: null, price_kopecks: 100000, vat_rate: 20 },
];
const stored = () => [
  { fpu_code: '1.1.1.2.1.1', item_code: '04-0052-11', authors: 'Моро М.И.', title: 'Математика. Часть 1', grade_from: 1, grade_to: 1, price_kopecks: 24398, vat_rate: 10 },
  { fpu_code: '1.1.1.2.1.1', item_code: '04-0053-11', authors: 'Моро М.И.', title: 'Математика. Часть 2', grade_from: 1, grade_to: 1, price_kopecks: 24398, vat_rate: 10 },
  { item_code: 'L-1', authors: '', title: 'Лицензия на ПО', price_kopecks: 100000, vat_rate: 20 },
];

describe('the corpus judge', () => {
  it('finds no difference where there is none, whatever order the store keeps', () => {
    expect(diffItems(truth, stored())).toEqual([]);
    expect(diffItems(truth, stored().reverse())).toEqual([]);
  });

  it('names every differing field with both values', () => {
    const s = stored();
    s[0]!.price_kopecks = 22180; // the net price
    s[1]!.vat_rate = 18;
    s[2] = { ...s[2]!, grade_from: 1, grade_to: 1 };
    expect(diffItems(truth, s)).toEqual([
      '#1 «Математика. Часть 1» price_kopecks: truth 24398, stored 22180',
      '#2 «Математика. Часть 2» vat_rate: truth 10, stored 18',
      '#3 «Лицензия на ПО» grade: truth no grade, stored 1–1',
    ]);
  });

  it('sees a lost item, a collapsed part and a title taken for authors', () => {
    expect(diffItems(truth, stored().slice(0, 2))).toEqual(['item count: truth 3, stored 2', '#3 «Лицензия на ПО» not stored']);
    const s = stored();
    s[1]!.title = 'Математика';
    expect(diffItems(truth, s)).toContain('#2 «Математика. Часть 2» title: truth «Математика. Часть 2» not in stored «Моро М.И.» + «Математика»');
  });

  it('compares schools by code, and every field', () => {
    const t = [{ code: 'KEM_0001', short_name: 'МБОУ СОШ № 1', full_name: 'Муниципальное … № 1', municipality: '0401' }];
    expect(diffSchools(t, [{ ...t[0]! }])).toEqual([]);
    expect(diffSchools(t, [{ ...t[0]!, code: '0401-001' }])).toEqual(['#1 «МБОУ СОШ № 1» code: truth «KEM_0001», stored «0401-001»']);
    expect(diffSchools(t, [{ ...t[0]!, municipality: 'Кемеровский МО' }])).toEqual(['#1 «МБОУ СОШ № 1» municipality: truth «0401», stored «Кемеровский МО»']);
  });

  it('takes the load command from a refusal as a shell would split it', () => {
    const stderr = [
      'uchebnik: в файле «/tmp/x/p001.csv» нет столбца цены.',
      'Загрузите так: uchebnik pricelist load /tmp/x/p001.csv --publisher "Издательство «Экзамен»" --map \'price=Цена с НДС\'.',
      'или посмотрите: uchebnik inspect /tmp/x/p001.csv',
    ].join('\n');
    expect(suggestedCommand(stderr, 'pricelist')).toEqual(['uchebnik', 'pricelist', 'load', '/tmp/x/p001.csv', '--publisher', 'Издательство «Экзамен»', '--map', 'price=Цена с НДС']);
    expect(suggestedCommand('Попробуйте «uchebnik registry import a.csv --columns municipality,short,full».', 'registry')).toEqual([
      'uchebnik', 'registry', 'import', 'a.csv', '--columns', 'municipality,short,full',
    ]);
    expect(suggestedCommand('uchebnik inspect a.csv', 'pricelist')).toBeUndefined();
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g ''`)).toEqual(['a', 'b c', 'd "e"', 'f g', '']);
  });

  it('writes ISBN-13 with valid check digits', () => {
    const r = new Rng(1);
    for (let i = 0; i < 50; i++) {
      const d = isbn13(r).split('').map(Number);
      expect(d.reduce((s, x, k) => s + x * (k % 2 ? 3 : 1), 0) % 10).toBe(0);
    }
  });
});
