import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGrade, gradeContains, gradeFromTitle, parseGrade } from '../../src/core/grade.js';

const r = (from: number, to = from) => ({ from, to });

describe('parseGrade', () => {
  it('counts the preparatory class of special schools («подгот.») with the first grade', () => {
    expect(parseGrade('подгот.')).toEqual({ from: 1, to: 1 });
    expect(parseGrade('Подготовительный')).toEqual({ from: 1, to: 1 });
  });

  it.each<[string | number, { from: number; to: number }]>([
    ['1', r(1)],
    ['11', r(11)],
    ['5-9', r(5, 9)],
    ['5 - 9', r(5, 9)],
    [' 10 - 11', r(10, 11)],
    ['3- 4', r(3, 4)],
    ['5–9', r(5, 9)],
    ['5—9', r(5, 9)],
    ['10-11', r(10, 11)],
    ['1 класс', r(1)],
    ['7-8 кл.', r(7, 8)],
    ['1-4 кл', r(1, 4)],
    ['5-9 классы', r(5, 9)],
    ['5-й класс', r(5)],
    ['5,6', r(5, 6)],
    ['5, 6, 7', r(5, 7)],
    ['10(11)', r(10, 11)],
    ['11(10)', r(10, 11)],
    ['10 (11)', r(10, 11)],
    [1, r(1)],
    [11, r(11)],
    [7.0, r(7)],
  ])('%j is %j', (v, range) => {
    expect(parseGrade(v)).toEqual(range);
  });

  it.each(['', '  ', '-', ' - ', null, undefined])('%j is blank', (v) => {
    expect(parseGrade(v)).toBeNull();
  });

  it.each<string | number>(['0', '12', '9-5', 'abc', '0-4', '5,7', '10(12)', '5.5', 0, 12, 5.5, -1, Number.NaN])(
    '%j is invalid',
    (v) => {
      expect(parseGrade(v)).toBe('invalid');
    },
  );

  it('reads back every range it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 11 }), (a, b) => {
        const range = r(Math.min(a, b), Math.max(a, b));
        expect(parseGrade(formatGrade(range))).toEqual(range);
        expect(parseGrade(`${range.from}-${range.to} кл.`)).toEqual(range);
      }),
    );
  });

  it('refuses every reversed or out-of-range pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
        const ok = a >= 1 && b <= 11 && a <= b;
        expect(parseGrade(`${a}-${b}`)).toEqual(ok ? r(a, b) : 'invalid');
      }),
    );
  });
});

describe('gradeFromTitle', () => {
  it.each<[string, { from: number; to: number } | null]>([
    ['"Букварь". 1 кл. Учебник . В 2 ч. + электронное приложение', r(1)],
    ['"Алгебра". 7 кл.  Учебник. В 2 ч.', r(7)],
    ['"Физика". 8 кл.Учебник. В 2 ч.', r(8)],
    ['"Геометрия". 7 - 9 кл. Учебник.', r(7, 9)],
    ['Геометрия."" 10-11 кл. (базовый уровень).', r(10, 11)],
    ['Физика 10 -11кл', r(10, 11)],
    ['Математика: учебник для 5 класса, ч. 1, 2 (комплект)', r(5)],
    ['Информатика. 3-4 классы. Ч. 2.', r(3, 4)],
    ['Азбука. 1 класс. В 2-х ч. Ч. 2', r(1)],
    ['Учебник для 7-х классов', r(7)],
    ['Информатика (в двух частях)', null],
    ['Русский язык. В 2 ч. Ч. 1', null],
    ['Год издания 2015', null],
    ['Прайс-лист по состоянию на 18.11.2015 г.', null],
    ['Рапацкая Л.А. Мировая художественная культура. В 2-х частях. 1 часть: МХК', null],
    ['Математика 0-4 кл. (VIII вид)', null],
    ['Издание 2015 кл', null],
    ['', null],
  ])('%j → %j', (title, range) => {
    expect(gradeFromTitle(title)).toEqual(range);
  });
});

describe('formatGrade and gradeContains', () => {
  it('formats a range with an en dash and a single grade bare', () => {
    expect(formatGrade(r(5, 9))).toBe('5–9');
    expect(formatGrade(r(1))).toBe('1');
  });

  it('contains exactly the grades from..to', () => {
    expect(gradeContains(r(5, 9), 5)).toBe(true);
    expect(gradeContains(r(5, 9), 9)).toBe(true);
    expect(gradeContains(r(5, 9), 4)).toBe(false);
    expect(gradeContains(r(5, 9), 10)).toBe(false);
    expect(gradeContains(r(1), 1)).toBe(true);
  });
});
