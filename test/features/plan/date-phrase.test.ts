import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deadlineInstant, formatRuDate, parseDeadlinePhrase } from '../../../src/features/plan/date-phrase.js';

describe('parseDeadlinePhrase', () => {
  it.each([
    ['до 16 февраля', 2018, '2018-02-16'],
    ['До 12 февраля', 2018, '2018-02-12'],
    ['До 1 марта', 2018, '2018-03-01'],
    ['до 12 февраля', 2018, '2018-02-12'],
    ['До 27.12.2019', 2019, '2019-12-27'],
    ['\nДо 17.01.2020\n\n', 2019, '2020-01-17'],
    ['  До 20.01.2019 ', 2019, '2019-01-20'],
    ['до 16.12.19', 2019, '2019-12-16'],
    ['не позднее 5 марта', 2018, '2018-03-05'],
    ['НЕ ПОЗДНЕЕ 5 МАРТА', 2018, '2018-03-05'],
    ['до\u00a016\u00a0февраля', 2018, '2018-02-16'],
    ['до 16 февраля 2019 г.', 2018, '2019-02-16'],
    ['до 16 февраля 2019 года (включительно)', 2018, '2019-02-16'],
    ['16.02', 2018, '2018-02-16'],
    ['до 28 февраля.', 2018, '2018-02-28'],
    ['по 23 марта', 2018, '2018-03-23'],
    ['2018-03-28', 2017, '2018-03-28'],
    ['до 1 сентября', 2018, '2018-09-01'],
    ['с 1 по 15 марта', 2018, '2018-03-15'],
    ['с 01.02 до 15.02.2019', 2018, '2019-02-15'],
  ])('%j in %i → %s', (text, year, date) => {
    expect(parseDeadlinePhrase(text, year)).toEqual({ date });
  });

  it('knows every month in the genitive', () => {
    const months = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
    months.forEach((m, i) => {
      expect(parseDeadlinePhrase(`до 1 ${m}`, 2020)).toEqual({ date: `2020-${String(i + 1).padStart(2, '0')}-01` });
    });
  });

  it.each(['в течение всего периода проведения приемной кампании', 'В течение всего периода', '', '   \n ', '—', '-', 'постоянно'])(
    '%j states no date',
    (text) => {
      expect(parseDeadlinePhrase(text, 2019)).toEqual({ none: true });
    },
  );

  it.each(['до 31.02.2019', '31.04.2019', 'до 30 февраля', 'до 29 февраля 2019', '00.01.2019', '12.13.2019'])('%j is no day of the calendar', (text) => {
    expect(parseDeadlinePhrase(text, 2019)).toEqual({ invalid: 'no-such-date' });
  });

  it.each(['до 16 фервраля', 'скоро', 'до', '16/02/2018', 'до 16 февраля 18', 'после 16 февраля'])('%j is not understood', (text) => {
    expect(parseDeadlinePhrase(text, 2018)).toEqual({ invalid: 'unrecognised' });
  });

  it('29 февраля exists in a leap campaign year only', () => {
    expect(parseDeadlinePhrase('до 29 февраля', 2020)).toEqual({ date: '2020-02-29' });
    expect(parseDeadlinePhrase('до 29 февраля', 2019)).toEqual({ invalid: 'no-such-date' });
  });

  it('reads back every date written as «До dd.mm.yyyy»', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseDeadlinePhrase(`До ${formatRuDate(iso)}`, 2018)).toEqual({ date: iso });
      }),
    );
  });
});

describe('deadlineInstant', () => {
  it('is the last millisecond of the day in the campaign zone', () => {
    const end = deadlineInstant('2018-02-16', 'Europe/Samara');
    expect(end.toISO()).toBe('2018-02-16T23:59:59.999+04:00');
    expect(end.toUTC().toISO()).toBe('2018-02-16T19:59:59.999Z');
  });

  it('depends on the zone: the same date ends at different instants', () => {
    const samara = deadlineInstant('2018-02-16', 'Europe/Samara');
    const moscow = deadlineInstant('2018-02-16', 'Europe/Moscow');
    expect(moscow.toMillis() - samara.toMillis()).toBe(3600_000);
  });

  it('handles a day shortened by a daylight-saving change', () => {
    // Berlin moved clocks forward on 2018-03-25: the day ends at 23:59:59.999 +02:00.
    expect(deadlineInstant('2018-03-25', 'Europe/Berlin').toISO()).toBe('2018-03-25T23:59:59.999+02:00');
  });

  it('refuses an invalid zone or date instead of giving a deadline that never comes', () => {
    expect(() => deadlineInstant('2018-02-16', 'Europe/Nowhere')).toThrow(RangeError);
    expect(() => deadlineInstant('2018-02-30', 'Europe/Samara')).toThrow(RangeError);
  });

  it('the next instant after the end of a day is the start of the next day', () => {
    const end = deadlineInstant('2019-12-31', 'Asia/Yekaterinburg');
    expect(end.plus({ milliseconds: 1 }).toISO()).toBe(DateTime.fromISO('2020-01-01', { zone: 'Asia/Yekaterinburg' }).toISO());
  });
});
