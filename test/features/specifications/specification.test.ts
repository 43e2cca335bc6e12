import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../../src/core/model/order.js';
import {
  compareFpuCodes,
  DEFAULT_VAT_RATE,
  fillTemplate,
  formatContractDate,
  parseContractDate,
  rubles,
  specificationsOf,
  specificationTitle,
  summarize,
  totalInWords,
  totalSentence,
  unknownPlaceholders,
  vatLabel,
  vatSentence,
  type ManifestRow,
  type SpecificationItem,
} from '../../../src/features/specifications/specification.js';
import { estimateLines, keepTogether, paginate } from '../../../src/features/specifications/workbook.js';

const items: Record<string, SpecificationItem> = {
  'П\u0000a': { fpu_code: '1.1.1.1.10.1', item_code: 'A-1', authors: 'Горецкий В.Г.', title: 'Азбука. Часть 1', vat_rate: 10 },
  'П\u0000b': { fpu_code: '1.1.1.1.2.1', item_code: 'B-1', isbn: '9785090000001', authors: 'Канакина В.П.', title: 'Русский язык', vat_rate: 10 },
  'П\u0000cd': { fpu_code: '1.1.1.1.2.1', item_code: 'CD-1', authors: 'Канакина В.П.', title: 'Русский язык + CD', vat_rate: 18 },
  'Д\u0000x': { item_code: 'X', authors: 'Пёрышкин А.В.', title: 'Физика', vat_rate: 10 },
};
const itemOf = (publisher: string, key: string) => items[`${publisher}\u0000${key}`];
const line = (publisher: string, item_key: string, grade: number, quantity: number, price_kopecks: number): OrderLine => ({ publisher, item_key, grade, quantity, price_kopecks });

describe('specificationsOf', () => {
  const specs = specificationsOf(
    {
      school: '0101',
      municipality: '01',
      lines: [
        line('П', 'a', 1, 3, 24398),
        line('Д', 'x', 7, 10, 38900),
        line('П', 'cd', 2, 2, 91761),
        line('П', 'b', 2, 7, 10001),
        line('П', 'b', 3, 0, 10001),
        line('П', 'b', 2, 4, 10001),
        line('П', 'gone', 5, 1, 5000),
      ],
    },
    itemOf,
  );

  it('gives one specification per publisher, in Russian alphabetical order', () => {
    expect(specs.map((s) => s.publisher)).toEqual(['Д', 'П']);
    expect(specs.every((s) => s.school === '0101' && s.municipality === '01')).toBe(true);
  });

  it('numbers lines in federal-list order (1.1.1.1.2 before 1.1.1.1.10), then title, then grade; items without a code last', () => {
    const p = specs[1]!;
    expect(p.lines.map((l) => [l.n, l.item_key, l.grade])).toEqual([
      [1, 'b', 2],
      [2, 'cd', 2],
      [3, 'a', 1],
      [4, 'gone', 5],
    ]);
  });

  it('adds up a line stored twice (same item, grade and price) and leaves out lines without copies', () => {
    const b = specs[1]!.lines.find((l) => l.item_key === 'b')!;
    expect(b.quantity).toBe(11);
    expect(b.sum_kopecks).toBe(110011);
    expect(specs[1]!.lines.some((l) => l.grade === 3)).toBe(false);
  });

  it('adds up only lines of the same item, grade and price, wherever they stand in the order', () => {
    const [p] = specificationsOf(
      { school: '0101', municipality: '01', lines: [line('П', 'b', 2, 1, 10001), line('П', 'a', 2, 5, 24398), line('П', 'b', 2, 2, 12000), line('П', 'b', 3, 4, 10001), line('П', 'b', 2, 8, 10001)] },
      itemOf,
    );
    expect(p!.lines.map((l) => [l.n, l.item_key, l.grade, l.price_kopecks, l.quantity, l.sum_kopecks])).toEqual([
      [1, 'b', 2, 10001, 9, 90009],
      [2, 'b', 2, 12000, 2, 24000],
      [3, 'b', 3, 10001, 4, 40004],
      [4, 'a', 2, 24398, 5, 121990],
    ]);
    expect(p!.totals).toMatchObject({ lines: 4, copies: 20, sum_kopecks: 90009 + 24000 + 40004 + 121990 });
  });

  it('keeps a line whose item no price list has any more, marked unknown, at the default rate', () => {
    const gone = specs[1]!.lines.find((l) => l.item_key === 'gone')!;
    expect(gone).toMatchObject({ known: false, title: 'gone', authors: '', vat_rate: DEFAULT_VAT_RATE, sum_kopecks: 5000, vat_kopecks: 455 });
  });

  it('computes VAT per line and sums it per rate', () => {
    const p = specs[1]!;
    // 3 × 243.98 = 731.94 → 66.54; 11 × 100.01 = 1100.11 → 100.01; 50.00 → 4.55; 2 × 917.61 = 1835.22 at 18 % → 279.95
    expect(p.lines.map((l) => [l.item_key, l.sum_kopecks, l.vat_kopecks])).toEqual([
      ['b', 110011, 10001],
      ['cd', 183522, 27995],
      ['a', 73194, 6654],
      ['gone', 5000, 455],
    ]);
    expect(p.totals).toEqual({
      lines: 4,
      copies: 17,
      sum_kopecks: 110011 + 183522 + 73194 + 5000,
      vat_kopecks: 10001 + 27995 + 6654 + 455,
      by_rate: [
        { rate: 10, sum_kopecks: 110011 + 73194 + 5000, vat_kopecks: 10001 + 6654 + 455 },
        { rate: 18, sum_kopecks: 183522, vat_kopecks: 27995 },
      ],
    });
  });

  it('sums line VATs rather than taking the VAT of the total (vat.ts: as a счёт-фактура does)', () => {
    const [spec] = specificationsOf({ school: 's', municipality: 'm', lines: [line('П', 'a', 1, 1, 6), line('П', 'b', 2, 1, 6)] }, itemOf);
    // each line: 0.06 × 10/110 = 0.0055 → 0.01; the total 0.12 alone would give 0.01
    expect(spec!.totals.vat_kopecks).toBe(2);
  });

  it('gives nothing for an order without copies', () => {
    expect(specificationsOf({ school: 's', municipality: 'm', lines: [line('П', 'a', 1, 0, 100)] }, itemOf)).toEqual([]);
  });
});

describe('the document phrases', () => {
  it('writes amounts with a no-break space between thousands and a decimal comma', () => {
    expect(rubles(1234560)).toBe('12\u00A0345,60');
    expect(rubles(5)).toBe('0,05');
    expect(rubles(100000000)).toBe('1\u00A0000\u00A0000,00');
  });

  it('says the totals, the total in words and the VAT per rate', () => {
    const totals = { lines: 12, copies: 345, sum_kopecks: 1234560, vat_kopecks: 112233, by_rate: [{ rate: 10, sum_kopecks: 1234560, vat_kopecks: 112233 }] };
    expect(totalSentence(totals)).toBe('Всего наименований 12, экземпляров 345, на сумму 12\u00A0345,60 руб.');
    expect(totalInWords(totals)).toBe('Двенадцать тысяч триста сорок пять рублей 60 копеек');
    expect(vatSentence(totals.by_rate)).toBe('В т.ч. НДС 10\u00A0%: 1\u00A0122,33 руб.');
    expect(vatSentence([{ rate: 10, sum_kopecks: 1, vat_kopecks: 100 }, { rate: 18, sum_kopecks: 1, vat_kopecks: 4500 }])).toBe('В т.ч. НДС 10\u00A0%: 1,00 руб.; НДС 18\u00A0%: 45,00 руб.');
    expect(vatSentence([{ rate: 0, sum_kopecks: 100, vat_kopecks: 0 }])).toBe('НДС не облагается.');
    expect(vatSentence([{ rate: 0, sum_kopecks: 100, vat_kopecks: 0 }, { rate: 10, sum_kopecks: 1100, vat_kopecks: 100 }])).toBe('В т.ч. НДС 10\u00A0%: 1,00 руб.; остальные позиции НДС не облагаются.');
    expect(vatLabel(10)).toBe('в т.ч. НДС 10\u00A0%');
    expect(vatLabel(0)).toBe('Без НДС');
  });

  it('titles the specification with blanks to fill by hand, or with the number and date given', () => {
    expect(specificationTitle(undefined, undefined)).toBe('Спецификация к договору №\u00A0_______________ от «____» _______________ 20____\u00A0г.');
    expect(specificationTitle('0101/П-1', { day: 1, month: 3, year: 2019 })).toBe('Спецификация к договору №\u00A00101/П-1 от «1» марта 2019\u00A0г.');
    expect(formatContractDate({ day: 28, month: 12, year: 2018 })).toBe('«28» декабря 2018\u00A0г.');
  });

  it('reads contract dates as ДД.ММ.ГГГГ or ISO, refusing dates that do not exist', () => {
    expect(parseContractDate('01.03.2019')).toEqual({ day: 1, month: 3, year: 2019 });
    expect(parseContractDate('2019-03-01')).toEqual({ day: 1, month: 3, year: 2019 });
    expect(parseContractDate(' 29.02.2020 ')).toEqual({ day: 29, month: 2, year: 2020 });
    for (const bad of ['29.02.2019', '31.04.2019', '1.13.2019', '2019-3-1', 'завтра', '']) expect(parseContractDate(bad)).toBeNull();
  });

  it('fills contract-number templates and names placeholders it does not know', () => {
    expect(fillTemplate('{school}/{n}-{year}', { school: '0101', n: 7, year: 2018 })).toBe('0101/7-2018');
    expect(fillTemplate('{inn}-{publisher}', { publisher: 'Дрофа' })).toBe('-Дрофа');
    expect(unknownPlaceholders('{school}-{nomer}-{}')).toEqual(['nomer', '']);
    expect(unknownPlaceholders('Д-{n}')).toEqual([]);
  });

  it('orders fpu codes level by level', () => {
    const codes = ['1.1.10.1.1', '1.1.2.1.1', undefined, '1.1.2.1', '99.99.99.99.99.99', '1.1.2.1.1.3'];
    expect([...codes].sort(compareFpuCodes)).toEqual(['1.1.2.1', '1.1.2.1.1', '1.1.2.1.1.3', '1.1.10.1.1', '99.99.99.99.99.99', undefined]);
  });
});

describe('summarize', () => {
  const row = (school: string, publisher: string, sum: number, byRate: [number, number, number][]): ManifestRow => ({
    municipality: '01',
    school,
    publisher,
    file: `01/${school}/${publisher}.xlsx`,
    lines: byRate.length,
    copies: 10,
    sum_kopecks: sum,
    vat_kopecks: byRate.reduce((n, [, , v]) => n + v, 0),
    by_rate: byRate.map(([rate, s, v]) => ({ rate, sum_kopecks: s, vat_kopecks: v })),
    sha256: '',
  });

  it('adds the manifest up per publisher and per rate', () => {
    const s = summarize([row('0101', 'Мнемозина', 300, [[10, 110, 10], [18, 190, 29]]), row('0102', 'Мнемозина', 220, [[10, 220, 20]]), row('0101', 'Дрофа', 55, [[10, 55, 5]])]);
    expect(s.publishers.map((p) => p.publisher)).toEqual(['Дрофа', 'Мнемозина']);
    expect(s.publishers[1]).toEqual({
      publisher: 'Мнемозина',
      schools: 2,
      files: 2,
      lines: 3,
      copies: 20,
      sum_kopecks: 520,
      vat_kopecks: 59,
      by_rate: [
        { rate: 10, sum_kopecks: 330, vat_kopecks: 30 },
        { rate: 18, sum_kopecks: 190, vat_kopecks: 29 },
      ],
    });
    expect(s.total).toEqual({ files: 3, copies: 30, sum_kopecks: 575, vat_kopecks: 64 });
  });
});

describe('layout estimates of the workbook', () => {
  it('wraps text by Times metrics: a short name fits one line, a long one takes more, a long code breaks', () => {
    expect(estimateLines('Канакина В.П., Горецкий В.Г.', 140)).toBe(1);
    expect(estimateLines('Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.', 140)).toBe(2);
    expect(estimateLines('DRF000000000412069', 69)).toBe(2);
    expect(estimateLines('', 50)).toBe(1);
    expect(estimateLines('a\nb', 50)).toBe(2);
  });

  it('remembers a layout per text, width, size and weight: asked again, or among others, the same answer', () => {
    const text = 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.';
    const first = [estimateLines(text, 140), estimateLines(text, 70), estimateLines(text, 140, 13, true), estimateLines(text, 140, 10, true)];
    expect(first).toEqual([2, 6, 4, 3]);
    expect([estimateLines(text, 140), estimateLines(text, 70), estimateLines(text, 140, 13, true), estimateLines(text, 140, 10, true)]).toEqual(first);
  });

  it('paginates with the header rows repeated and honours a manual break', () => {
    const heights = [100, 100, 20, 100, 100, 100];
    // page 2 and 3 begin with the repeated row 3 (20 pt), so each holds two rows of 100
    expect(paginate(heights, [3, 3], 250)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(paginate(heights, [3, 3], 250, 5)).toEqual([0, 0, 0, 1, 2, 2]);
    expect(paginate(heights, [3, 3], 250, 4)).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it('keeps the totals and signatures on one page with the last lines, whatever the room per page', () => {
    // rows 1–8 heading, 9–10 header (repeated), 11–30 lines of 20 pt, 31 totals, 32–40 signatures of 20 pt
    const heights = [...Array<number>(8).fill(15), 30, 10, ...Array<number>(20).fill(20), 15, ...Array<number>(9).fill(20)];
    const ok = (body: number, brk?: number) => {
      const p = paginate(heights, [9, 10], body, brk);
      return p[29] === p[39];
    };
    // 755 pt in all: a page of 560 pt ends right after the last line, so «Итого» would open page 2
    expect(ok(560)).toBe(false);
    expect(ok(800)).toBe(true);
    const brk = keepTogether(heights, 11, 31, [560, 800]);
    expect(brk).toBe(29);
    expect(ok(560, brk)).toBe(true);
    expect(ok(800, brk)).toBe(true);
    expect(keepTogether(heights, 11, 31, [800])).toBeUndefined();
  });
});
