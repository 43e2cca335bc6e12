/**
 * The moment `deadlines check` looks from (`--as-of`) and how far ahead it looks (`--within`).
 * Both return luxon's invalid values for text they do not understand; the command turns that into
 * a usage error, and checkDeadlines refuses invalid values rather than report nothing.
 */
import { DateTime, Duration, IANAZone } from 'luxon';

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/u;
const RU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/u;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/iu;

export function isValidTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

/**
 * `--as-of` → an instant, expressed in the campaign's zone.
 * - A bare date (`2018-02-17`, `17.02.2018`) is the END of that day in `tz`: the batch "as of the
 *   17th" has seen the whole 17th, so a stage due «до 16 февраля» is overdue and one due on the 17th
 *   is not yet (it is overdue only strictly after its own end of day).
 * - A date and time without an offset (`2018-02-16T23:30`) is local time in `tz`.
 * - With `Z` or an offset (`2018-02-16T20:30:00Z`, `…+04:00`) it is that instant.
 */
export function parseAsOf(s: string, tz: string): DateTime {
  const text = s.trim();
  if (!isValidTimeZone(tz)) return DateTime.invalid('unsupported zone', `unknown time zone ${tz}`);
  const ru = RU_DATE.exec(text);
  const iso = ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : text;
  if (BARE_DATE.test(iso)) {
    const d = DateTime.fromISO(iso, { zone: tz });
    return d.isValid ? d.endOf('day') : d;
  }
  if (DATE_TIME.test(iso)) return DateTime.fromISO(iso.replace(' ', 'T'), { zone: tz });
  return DateTime.invalid('unparsable', `not a date or a date and time: ${s}`);
}

const UNITS: Record<string, 'weeks' | 'days' | 'hours' | 'minutes'> = { w: 'weeks', d: 'days', h: 'hours', m: 'minutes' };

/** `--within` → a duration: `3d`, `12h`, `1w`, `90m`, or ISO 8601 (`P3D`, `PT12H`). */
export function parseWithin(s: string): Duration {
  const text = s.trim();
  const m = /^(\d+)\s*([wdhm])$/iu.exec(text);
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (m && unit) return Duration.fromObject({ [unit]: Number(m[1]) });
  if (/^P/iu.test(text)) return Duration.fromISO(text.toUpperCase());
  return Duration.invalid('unparsable', `not a duration such as 3d, 12h or 1w: ${s}`);
}
