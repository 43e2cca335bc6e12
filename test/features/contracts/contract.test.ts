/** The pure part of contracts (src/features/contracts/contract.ts): placeholders, their scope, their values. */
import { describe, expect, it } from 'vitest';
import { BLANK, contractValues, placeholderList, unknownTags } from '../../../src/features/contracts/contract.js';
import { signatureName } from '../../../src/features/specifications/index.js';
import type { Specification } from '../../../src/features/specifications/index.js';

describe('placeholders', () => {
  it('a line\'s field is known inside {#lines} only; a top-level one everywhere; a misspelt one nowhere', () => {
    const part = 'word/document.xml';
    expect(
      unknownTags([
        { name: 'title', loop: 'lines', part },
        { name: 'customer_inn', loop: 'lines', part },
        { name: 'title', part },
        { name: 'rate', loop: 'lines', part },
        { name: 'customer_inm', part: 'word/header1.xml' },
        { name: ' total ', part },
      ]).map((t) => [t.name, t.loop]),
    ).toEqual([
      ['title', undefined],
      ['rate', 'lines'],
      ['customer_inm', undefined],
      [' total ', undefined],
    ]);
  });

  it('every placeholder listed is known where the list puts it: top-level names anywhere, indented ones inside their loop', () => {
    let loop: string | undefined;
    const tags = placeholderList().map(([name]) => {
      const opened = /^\{#(\w+)\}/u.exec(name);
      if (opened) return { name: (loop = opened[1]!), part: 'x' };
      if (!name.startsWith(' ')) loop = undefined;
      return { name: name.trim().slice(1, -1), part: 'x', ...(name.startsWith(' ') ? { loop } : {}) };
    });
    expect(tags.length).toBeGreaterThan(50);
    expect(unknownTags(tags)).toEqual([]);
    expect(tags).toContainEqual({ name: 'title', part: 'x', loop: 'lines' });
    expect(tags).toContainEqual({ name: 'customer_head_signature', part: 'x' });
  });
});

describe('values', () => {
  it('«Иванова Ирина Петровна» signs as «Иванова И. П.»; other shapes stay as they are', () => {
    expect(signatureName('Иванова Ирина Петровна')).toBe('Иванова И.\u00A0П.');
    expect(signatureName('Smith John')).toBe('Smith J.');
    expect(signatureName('Иванова')).toBe('Иванова');
    expect(signatureName(undefined)).toBeUndefined();
  });

  it('a party without requisites has blanks; the totals and words are the specification\'s', () => {
    const spec: Specification = {
      school: '0101',
      municipality: '01',
      publisher: 'Дрофа',
      lines: [{ n: 1, item_key: 'k', authors: 'А.', title: 'Т', grade: 5, quantity: 3, price_kopecks: 10050, sum_kopecks: 30150, vat_rate: 10, vat_kopecks: 2741, known: true }],
      totals: { lines: 1, copies: 3, sum_kopecks: 30150, vat_kopecks: 2741, by_rate: [{ rate: 10, sum_kopecks: 30150, vat_kopecks: 2741 }] },
    };
    const v = contractValues({ spec, customer: { name: 'МБОУ', short_name: 'М' }, supplier: { name: 'ООО «Дрофа»', short_name: 'Дрофа', inn: '7701000019' }, municipality_name: 'Город', campaign: { year: 2018, region: 'Область' } });
    expect(v).toMatchObject({ customer_inn: BLANK, supplier_inn: '7701000019', supplier_bik: BLANK, total: '301,50', total_words: 'Триста один рубль 50 копеек', vat_total: '27,41', copies: '3' });
    expect(v.lines).toEqual([expect.objectContaining({ n: '1', price: '100,50', sum: '301,50', vat_rate: '10' })]);
    expect(v.vat_rates).toEqual([{ rate: '10', label: 'в т.ч. НДС 10\u00A0%', sum: '301,50', vat: '27,41' }]);
  });
});
