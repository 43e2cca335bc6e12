import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, parseAsOf, parseWithin } from '../../../src/features/deadlines/as-of.js';

const TZ = 'Europe/Samara';

describe('parseAsOf', () => {
  it('a bare date is the end of that day in the campaign zone', () => {
    expect(parseAsOf('2018-02-17', TZ).toISO()).toBe('2018-02-17T23:59:59.999+04:00');
    expect(parseAsOf('17.02.2018', TZ).toISO()).toBe('2018-02-17T23:59:59.999+04:00');
  });

  it('a date and time without an offset is local time in the zone', () => {
    expect(parseAsOf('2018-02-16T23:30', TZ).toISO()).toBe('2018-02-16T23:30:00.000+04:00');
    expect(parseAsOf('2018-02-16 23:30:15', TZ).toISO()).toBe('2018-02-16T23:30:15.000+04:00');
  });

  it('a time with Z or an offset is that instant, shown in the zone', () => {
    const utc = parseAsOf('2018-02-16T20:30:00Z', TZ);
    expect(utc.toISO()).toBe('2018-02-17T00:30:00.000+04:00');
    expect(utc.toMillis()).toBe(Date.UTC(2018, 1, 16, 20, 30));
    expect(parseAsOf('2018-02-17T00:30+03:00', TZ).toISO()).toBe('2018-02-17T01:30:00.000+04:00');
  });

  it.each(['yesterday', '2018-02-30', '2018-02-16T25:00', '16.02.18', ''])('%j is not a moment', (s) => {
    expect(parseAsOf(s, TZ).isValid).toBe(false);
  });

  it('an unknown zone gives no moment', () => {
    expect(parseAsOf('2018-02-17', 'Europe/Nowhere').isValid).toBe(false);
    expect(isValidTimeZone('Europe/Nowhere')).toBe(false);
    expect(isValidTimeZone('Europe/Saratov')).toBe(true);
  });

  it('is an instant comparable across zones', () => {
    expect(+parseAsOf('2018-02-16T23:30', TZ)).toBe(+DateTime.fromISO('2018-02-16T19:30:00Z'));
  });
});

describe('parseWithin', () => {
  it.each([
    ['3d', { days: 3 }],
    ['12h', { hours: 12 }],
    ['1w', { weeks: 1 }],
    ['90m', { minutes: 90 }],
    [' 2 D ', { days: 2 }],
    ['P3D', { days: 3 }],
    ['pt12h', { hours: 12 }],
  ])('%j', (s, obj) => {
    const d = parseWithin(s);
    expect(d.isValid).toBe(true);
    expect(d.toObject()).toEqual(obj);
  });

  it.each(['3', 'three days', '3y', '-3d', ''])('%j is not a duration', (s) => {
    expect(parseWithin(s).isValid).toBe(false);
  });
});
