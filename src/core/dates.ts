/**
 * Dates as cells hold them: Excel serials (the streaming reader gives 45691, not a date), «03.02.2025»,
 * «03.02.25», ISO dates with or without a time. Apart from values.ts so
 * that the readers of amounts and counts (every worker checking order files) do not load luxon
 * (issue 20: start-up).
 */
import { DateTime } from 'luxon';
import { cleanText } from './text.js';

// Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is 29 February 1900, a day that
// never was (kept for compatibility with Lotus 1-2-3); from serial 61 on, serial n is 1899-12-30 + n.
const FAKE_LEAP_DAY = 60;
const LAST_SERIAL = 2958465; // 9999-12-31
// Made on first use: luxon's first DateTime sets up its Intl formatter, ≈20 ms of every start
// (`uchebnik --help` loads this module through the messages' money formatting; bench/README.md).
let epoch: DateTime | undefined;

function fromSerial(day: number): DateTime {
  epoch ??= DateTime.utc(1899, 12, 30);
  return day < FAKE_LEAP_DAY ? epoch.plus({ days: day + 1 }) : epoch.plus({ days: day });
}

// A bare number in a cell not known to be a date is taken for one only when it falls in years a
// campaign can mean; otherwise a stray 5 would become 1900-01-05.
const PLAUSIBLE_FROM = 32874; // 1990-01-01
const PLAUSIBLE_TO = 73415; // 2100-12-31

const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s?г(?:\.|ода)?)?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u;

/**
 * A date → ISO `yyyy-mm-dd`. Numbers are Excel serials (time of day ignored); with `date: true`
 * (the reader knows the cell is date-formatted) any serial counts, without it only 1990–2100.
 * A two-digit year is 20yy. The time, when written, is checked and dropped; an ISO offset is
 * ignored so that the date is the one written. Days that do not exist are 'invalid'.
 */
export function parseDate(
  v: string | number | Date | null | undefined,
  opts: { date?: boolean } = {},
): string | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return 'invalid';
    return DateTime.fromJSDate(v, { zone: 'utc' }).toISODate() ?? 'invalid';
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'invalid';
    const day = Math.floor(v);
    const [from, to] = opts.date ? [1, LAST_SERIAL] : [PLAUSIBLE_FROM, PLAUSIBLE_TO];
    if (day < from || day > to || day === FAKE_LEAP_DAY) return 'invalid';
    return fromSerial(day).toISODate() ?? 'invalid';
  }
  const s = cleanText(v);
  if (s === '') return null;
  let m = RU_DATE.exec(s);
  let fields: (string | undefined)[];
  if (m) fields = [m[3]!.length === 2 ? `20${m[3]}` : m[3], m[2], m[1], m[4], m[5], m[6]];
  else if ((m = ISO_DATE.exec(s))) fields = m.slice(1, 7);
  else return 'invalid';
  const [year, month, day, hour, minute, second] = fields.map((f) => (f === undefined ? undefined : Number(f)));
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: 'utc' });
  return dt.isValid ? (dt.toISODate() ?? 'invalid') : 'invalid';
}
