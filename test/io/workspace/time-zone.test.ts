/**
 * The campaign's zone is checked whenever a workspace is opened (src/io/workspace/config.ts): against
 * the runtime's list first, luxon's formatter for the rest. Either way it must accept what luxon accepts.
 * Timestamps carry the zone's offset (isoWithOffset), as luxon writes them.
 */
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../../src/io/workspace/config.js';
import { isoWithOffset } from '../../../src/io/workspace/io.js';

describe('isTimeZone', () => {
  it.each(['Europe/Samara', 'Asia/Novosibirsk', 'Europe/Kaliningrad', 'UTC', 'Etc/GMT-3', 'Europe/Kyiv', 'Europe/Kiev'])('%s is a zone, as luxon says', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
    expect(IANAZone.isValidZone(zone)).toBe(true);
  });

  it.each(['Europe/Izhevsk', 'Mars/Olympus', 'MSK+1', ''])('%j is none', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('agrees with luxon on every zone of the runtime\'s list', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(IANAZone.isValidZone(zone), zone).toBe(true);
  });
});

describe('isoWithOffset', () => {
  // It reuses the last second it formatted in a zone (src/io/workspace/io.ts): the result must be
  // luxon's for every millisecond, in the seconds around a change of offset as well.
  const luxon = (ms: number, zone?: string) => DateTime.fromMillis(ms, zone ? { zone } : {}).toISO();

  it.each([
    ['Europe/Moscow', Date.UTC(2011, 2, 26, 22, 59, 58)], // the last change to summer time, 02:00 → 03:00 local
    ['Europe/Samara', Date.UTC(2010, 9, 30, 22, 59, 58)], // the change back, 03:00 → 02:00 local
    ['Europe/London', Date.UTC(2026, 2, 29, 0, 59, 58)], // +00:00 → +01:00
    ['UTC', Date.UTC(2026, 11, 8, 3, 0, 0)],
    [undefined, Date.UTC(2026, 11, 8, 3, 0, 0)],
  ])('%s: every millisecond of four seconds around %d is as luxon writes it', (zone, start) => {
    for (let ms = start; ms < start + 4000; ms += 7) expect(isoWithOffset(new Date(ms), zone), String(ms)).toBe(luxon(ms, zone));
  });

  it('leaves years luxon writes in six digits to luxon', () => {
    const far = Date.UTC(12000, 0, 1);
    expect(isoWithOffset(new Date(far), 'UTC')).toBe(luxon(far, 'UTC'));
    expect(isoWithOffset(new Date(far + 5), 'UTC')).toBe(luxon(far + 5, 'UTC'));
  });
});
