/**
 * A two-line header's label is normalized from its two lines' normalized texts
 * (src/io/sheets/recognise/recognise.ts, candidatesOf): that must be what normalizing the two lines
 * written as one gives, for any texts — Cyrillic and Latin, glued words, punctuation, line breaks,
 * spaces of every kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../../src/core/text.js';
import { unglue } from '../../../src/io/sheets/recognise/header-words.js';

const norm = (s: string) => normalizeHeader(unglue(s));
const joined = (top: string, bottom: string) => {
  const [nt, nb] = [norm(top), norm(bottom)];
  return nt && nb ? `${nt} ${nb}` : nt || nb;
};

const pieces = ['Цена', 'цена', 'с НДС', 'ЦенаСНДС', 'руб.', 'Кол-во', 'ё', 'Ё', 'ΑΣ', 'Σ', 'a', 'B', 'ФП', '№', '1.1.2', '\r', '\n', '\r\n', ' ', '\u00A0', '\u202F', '\u200B', '\u00AD', '\u0301', 'е\u0308', ',', '—', '-', '(', ')', '%', '"', 'Авторы,название', 'xY', 'Zz'];
const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join(''));

describe('two header lines read as one', () => {
  it('normalize to the two lines normalized and joined by a space', () => {
    fc.assert(
      fc.property(text, text, (top, bottom) => {
        expect(joined(top, bottom)).toBe(norm(`${top} ${bottom}`));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['Цена, руб.', 'с НДС', 'цена руб с ндс'],
    ['', 'Количество', 'количество'],
    ['Заказ', '', 'заказ'],
    ['—', 'Сумма', 'сумма'],
    ['ЦенаБезНДС', 'руб', 'цена без ндс руб'],
  ])('%j over %j is %j', (top, bottom, label) => {
    expect(joined(top, bottom)).toBe(label);
    expect(norm(`${top} ${bottom}`)).toBe(label);
  });
});
