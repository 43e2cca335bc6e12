/**
 * The campaign's zone is checked whenever a workspace is opened (src/io/workspace/config.ts): against
 * the runtime's list first, luxon's formatter for the rest. Either way it must accept what luxon accepts.
 */
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../../src/io/workspace/config.js';

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
