/** Plural forms in message templates: `{n|one|few|many}` in Russian, `{n|one|other}` in English. */
import { describe, expect, it } from 'vitest';
import { pluralForm, t } from '../../src/core/i18n/index.js';

const COUNTS = [0, 1, 2, 5, 11, 21, 22, 25, 111];

describe('plural forms', () => {
  it('Russian: one for 1 and 21, few for 2 and 22, many for 0, 5, 11, 25 and 111', () => {
    const forms = ['позиция', 'позиции', 'позиций'];
    expect(COUNTS.map((n) => `${n} ${pluralForm('ru', n, forms)}`)).toEqual([
      '0 позиций',
      '1 позиция',
      '2 позиции',
      '5 позиций',
      '11 позиций',
      '21 позиция',
      '22 позиции',
      '25 позиций',
      '111 позиций',
    ]);
  });

  it('English: one for 1 only', () => {
    expect(COUNTS.map((n) => `${n} ${pluralForm('en', n, ['item', 'items'])}`)).toEqual([
      '0 items',
      '1 item',
      '2 items',
      '5 items',
      '11 items',
      '21 items',
      '22 items',
      '25 items',
      '111 items',
    ]);
  });

  it('a Russian fraction takes the few form unless a fourth form is given', () => {
    expect(pluralForm('ru', 1.5, ['позиция', 'позиции', 'позиций'])).toBe('позиции');
    expect(pluralForm('ru', 1.5, ['a', 'b', 'c', 'd'])).toBe('d');
  });

  it('a template puts the count and its noun in place, in either language', () => {
    const line = (lang: 'ru' | 'en', items: number) => t(lang, 'order.template-written', { school: '0103', items, out: 'x.xlsx' });
    expect(line('ru', 54)).toBe('Бланк заказа школы 0103 (54 позиции): x.xlsx');
    expect(line('ru', 1)).toBe('Бланк заказа школы 0103 (1 позиция): x.xlsx');
    expect(line('ru', 5)).toBe('Бланк заказа школы 0103 (5 позиций): x.xlsx');
    expect(line('en', 1)).toBe('Order form for school 0103 (1 item): x.xlsx');
    expect(line('en', 2)).toBe('Order form for school 0103 (2 items): x.xlsx');
    expect(t('ru', 'pricelist.shown', { shown: 1, total: 21, publisher: 'П', version: 2 })).toBe('Показано 1 из 21 позиции «П», версия 2.');
  });

  it('leaves a plural placeholder without its parameter as written', () => {
    expect(t('en', 'order.template-written', { school: '0103', out: 'x' })).toBe('Order form for school 0103 ({items|item|items}): x');
  });
});
