import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSectionCode, parseFpuCode, parseSectionRow } from '../../src/core/fpu.js';

describe('parseFpuCode', () => {
  it.each<[string, string]>([
    ['1.1.1.1.4.1', '1.1.1.1.4.1'],
    ['1.1.1.2.1.3.61', '1.1.1.2.1.3.61'],
    ['2.1.2.2.6.1', '2.1.2.2.6.1'],
    ['1.2.4.2.12.1', '1.2.4.2.12.1'],
    ['1.1.1.1.1', '1.1.1.1.1'],
    [' 1.1.1.3.6.1 ', '1.1.1.3.6.1'],
    ['1.1.1.1.4.1.', '1.1.1.1.4.1'],
    ['1. 1. 1. 1. 4. 1', '1.1.1.1.4.1'],
    ['1 .1 .1 .1 .4 .1', '1.1.1.1.4.1'],
    ['1.1.1.1.04.1', '1.1.1.1.4.1'],
  ])('%j is %j', (text, code) => {
    expect(parseFpuCode(text)).toEqual({ code, notInList: false });
  });

  it('knows the «not in the list» code', () => {
    expect(parseFpuCode('99.99.99.99.99.99')).toEqual({ code: '99.99.99.99.99.99', notInList: true });
    expect(parseFpuCode('99.99.99.99.99.98')).toEqual({ code: '99.99.99.99.99.98', notInList: false });
  });

  it.each(['', '  ', '-', null, undefined])('%j is blank', (v) => {
    expect(parseFpuCode(v)).toBeNull();
  });

  it.each<string | number>([
    '1.1.1.1', // a section, not a textbook
    '1.1.1.1.1.1.1.1',
    '200',
    '201.401.0Д.ХХ', // Мнемозина's own item code
    '1..1.1.1.1',
    '1.1.1.1.4.1 Азбука',
    'ФГОС',
    '1,1,1,1,4,1',
    1.1,
  ])('%j is invalid', (v) => {
    expect(parseFpuCode(v)).toBe('invalid');
  });

  it('accepts every dotted code of 5–7 levels and keeps it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 5, maxLength: 7 }), (levels) => {
        const code = levels.join('.');
        expect(parseFpuCode(code)).toEqual({ code, notInList: levels.every((l) => l === 99) });
        expect(parseFpuCode(`${levels.join(' . ')}.`)).toEqual({ code, notInList: levels.every((l) => l === 99) });
      }),
    );
  });
});

describe('parseSectionRow / isSectionCode', () => {
  it.each<[string, string, string, number]>([
    ['1.1.1.1. Русский язык (учебный предмет)', '1.1.1.1', 'Русский язык (учебный предмет)', 4],
    ['1.1.1. Филология (предметная область)', '1.1.1', 'Филология (предметная область)', 3],
    ['1.1. Начальное общее образование', '1.1', 'Начальное общее образование', 2],
    [
      '1. Учебники, рекомендуемые к использованию при реализации обязательной части',
      '1',
      'Учебники, рекомендуемые к использованию при реализации обязательной части',
      1,
    ],
    ['1.1 Начальное общее образование', '1.1', 'Начальное общее образование', 2],
    ['  1.2.3.4.  Информатика ', '1.2.3.4', 'Информатика', 4],
    ['2.1.1.«Русский язык»', '2.1.1', '«Русский язык»', 3],
  ])('%j is section %j', (text, code, title, level) => {
    expect(parseSectionRow(text)).toEqual({ code, title, level });
    expect(isSectionCode(text)).toBe(level);
  });

  it.each(['1.1.1.1.4.1', '1 класс', '1.1.1.1.', 'Русский язык', '2015 г.', '', '5 - 9', '1.1.1.1.4.1.2.3 Азбука'])(
    '%j is not a section heading',
    (text) => {
      expect(parseSectionRow(text)).toBeNull();
      expect(isSectionCode(text)).toBeNull();
    },
  );
});
