/**
 * Deadlines as Russian plans write them — «до 16 февраля», «До 27.12.2019», «не позднее 5 марта»,
 * «с 1 по 15 марта», «в течение всего периода …» — and the instant a deadline ends.
 */
import { DateTime } from 'luxon';

export type DeadlinePhraseError = 'unrecognised' | 'no-such-date';

export type DeadlinePhrase = { date: string } | { none: true } | { invalid: DeadlinePhraseError };

const MONTHS: Record<string, number> = {
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
};

// A stage that runs all the time or on demand has no deadline to miss; an empty cell or a dash
// (how tables mark "not this executor") likewise.
const NO_DATE = /^(?:в течение|постоянно|ежедневно|еженедельно|по мере|[-–—]+$)/u;
const PREFIX = /^(?:до|не позднее|не позже|по)\s+/u;
/** A period «с 1 по 15 марта», «с 01.02 до 15.02.2018» is due at its end. */
const PERIOD_START = /^с\s+.+?\s+(?=(?:по|до)\s)/u;
const SUFFIX = /(?:\s*\(?включительно\)?|\s*г\.?|\s*года|[\s.,;]+)$/u;
const NUMERIC = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?$/u;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/u;
const WORDS = /^(\d{1,2})\s+(\p{L}+)(?:\s+(\d{4}))?$/u;

/**
 * A plan's deadline phrase → an ISO date. A phrase without a year («до 16 февраля») is dated in
 * `campaignYear`; a two-digit year is 20yy. `invalid` says whether the phrase was not understood or
 * names a day that does not exist (31.02).
 */
export function parseDeadlinePhrase(text: string, campaignYear: number): DeadlinePhrase {
  let s = text.replace(/\s+/gu, ' ').trim().toLowerCase().replace(/ё/gu, 'е');
  if (s === '' || NO_DATE.test(s)) return { none: true };
  s = s.replace(PERIOD_START, '').replace(PREFIX, '');
  // Suffixes combine («5 марта 2018 г. (включительно)»), so strip until nothing changes.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(SUFFIX, '');
  }

  let year: number;
  let month: number;
  let day: number;
  let m: RegExpExecArray | null;
  if ((m = NUMERIC.exec(s))) {
    day = Number(m[1]);
    month = Number(m[2]);
    year = m[3] === undefined ? campaignYear : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  } else if ((m = ISO.exec(s))) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  } else if ((m = WORDS.exec(s)) && MONTHS[m[2] ?? ''] !== undefined) {
    day = Number(m[1]);
    month = MONTHS[m[2] ?? ''] ?? 0;
    year = m[3] === undefined ? campaignYear : Number(m[3]);
  } else {
    return { invalid: 'unrecognised' };
  }
  const d = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  if (!d.isValid) return { invalid: 'no-such-date' };
  return { date: d.toFormat('yyyy-MM-dd') };
}

/**
 * The last instant of a deadline day in the campaign's IANA time zone. A deadline «до 16 февраля»
 * is met by anything done at or before 2018-02-16T23:59:59.999 local time and missed from
 * 2018-02-17T00:00 local: overdue means strictly after this instant.
 */
export function deadlineInstant(date: string, tz: string): DateTime<true> {
  const d = DateTime.fromISO(date, { zone: tz });
  // Plans and time zones are validated when they enter the workspace; reaching here with a bad one is a bug.
  if (!d.isValid) throw new RangeError(`deadline ${date} in zone ${tz}: ${d.invalidExplanation ?? d.invalidReason}`);
  return d.endOf('day');
}

/** dd.mm.yyyy, as Russian plans and officials write a date. */
export function formatRuDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
