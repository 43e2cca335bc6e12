/**
 * Parents' meetings of the preschool institutions (plan 003, stage 3): each meeting is kept by its
 * protocol and must cover the three topics the plan names — the order and dates of enrolment in first
 * grade, permission to enrol a child younger than six and a half or older than eight, and
 * registration in ЕСИА. A row per meeting; each rule is a small function below.
 */
import { finding, type CellAddress, type Finding, type FindingCode } from '../../core/finding.js';
import { cleanText, isBlankText, normalizeHeader } from '../../core/text.js';
import { parseDate } from '../../core/dates.js';
import { parseWholeNumber } from '../../core/values.js';

export type MeetingField = 'institution' | 'municipality' | 'date' | 'parents' | 'topic_enrolment' | 'topic_age' | 'topic_esia' | 'protocol';

export const TOPICS = ['topic_enrolment', 'topic_age', 'topic_esia'] as const;

/** Structurally a sheets/table FieldSpec; the first synonym is the column title the template writes. */
export const MEETING_FIELDS: { key: MeetingField; synonyms: string[] }[] = [
  { key: 'institution', synonyms: ['Дошкольное учреждение', 'ДОО', 'ДОУ', 'Учреждение', 'Наименование ДОО', 'Наименование ДОУ', 'Организация'] },
  { key: 'municipality', synonyms: ['Код МО', 'Муниципалитет', 'МО', 'Муниципальное образование'] },
  { key: 'date', synonyms: ['Дата собрания', 'Дата', 'Дата проведения'] },
  { key: 'parents', synonyms: ['Присутствовало родителей', 'Количество родителей', 'Присутствовало', 'Родителей'] },
  { key: 'topic_enrolment', synonyms: ['Порядок и сроки записи в 1 класс', 'Порядок и сроки записи', 'Порядок и сроки приема'] },
  { key: 'topic_age', synonyms: ['Приём до 6,5 или после 8 лет', 'Прием до 6,5 или после 8 лет', 'Разрешение на приём до 6,5 или после 8 лет', 'До 6,5 или после 8 лет'] },
  { key: 'topic_esia', synonyms: ['Регистрация в ЕСИА', 'ЕСИА'] },
  { key: 'protocol', synonyms: ['Номер протокола', '№ протокола', 'Протокол', 'Протокол №'] },
];

export const MEETING_REQUIRED = ['institution', 'date', 'protocol', 'topic_enrolment', 'topic_age', 'topic_esia'];

export const MEETING_TITLE = Object.fromEntries(MEETING_FIELDS.map((f) => [f.key, f.synonyms[0]!])) as Record<MeetingField, string>;

/** What a ticked topic cell holds, after normalizeHeader: yes, a plus, a tick, a cross, 1. */
const TICKED = new Set(['да', 'yes', 'true', '1', 'v', 'x', 'х', 'обсуждено', 'рассмотрено']);
const TICK_MARKS = /^[+✓✔☑✗✘]+$/u;

export interface MeetingRowInput {
  row: number;
  values: Partial<Record<MeetingField, string | number | null>>;
  /** fields whose cell is date-formatted */
  dates: Set<MeetingField>;
  at(field: MeetingField): CellAddress;
}

export interface Meeting {
  institution: string;
  municipality: string;
  /** ISO yyyy-mm-dd */
  date: string;
  parents: number;
  protocol: string;
}

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : cleanText(String(v)));

/** Rule: a topic is ticked. */
export function topicTicked(value: string | number | null | undefined): boolean {
  const s = text(value);
  return TICK_MARKS.test(s) || TICKED.has(normalizeHeader(s));
}

/** Rule: the meeting took place by the stage's deadline (both ISO dates). */
export function inTime(date: string, deadline: string | undefined): boolean {
  return deadline === undefined || date <= deadline;
}

/**
 * Checks the meetings of one municipality (`municipality`: the code the sheet or the flag states,
 * or each row's own). Findings (errors):
 * - `meeting-value-missing` — institution, date, parents present or protocol number left empty;
 * - `meeting-date-invalid`, `meeting-parents-invalid` — a date or a count that cannot be read;
 * - `meeting-topic-missing` — one of the three required topics not ticked (at its cell);
 * - `meeting-late` — held after the stage's deadline;
 * - `meeting-municipality-unknown` — no municipality of the registry for the row.
 * A row without findings is a meeting to store.
 */
export function validateMeetings(input: {
  rows: MeetingRowInput[];
  municipality?: string;
  findMunicipality: (stated: string) => string | undefined;
  deadline?: string;
}): { meetings: Meeting[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const meetings: Meeting[] = [];
  for (const r of input.rows) {
    const before = findings.length;
    const push = (code: FindingCode, field: MeetingField, params: Record<string, string | number> = {}) =>
      findings.push(finding(code, 'error', r.at(field), { title: MEETING_TITLE[field], ...params }));
    const value = (f: MeetingField) => text(r.values[f]);
    for (const f of ['institution', 'date', 'parents', 'protocol'] as const) if (isBlankText(value(f))) push('meeting-value-missing', f);

    const stated = value('municipality');
    const municipality = stated ? input.findMunicipality(stated) : input.municipality;
    if (municipality === undefined) push('meeting-municipality-unknown', 'municipality', { value: stated || '—' });

    let date: string | undefined;
    if (!isBlankText(value('date'))) {
      const raw = r.values.date;
      const parsed = parseDate(typeof raw === 'number' || typeof raw === 'string' ? raw : null, { date: r.dates.has('date') });
      if (parsed === 'invalid' || parsed === null) push('meeting-date-invalid', 'date', { value: value('date') });
      else {
        date = parsed;
        if (!inTime(date, input.deadline)) push('meeting-late', 'date', { date: ruDate(date), deadline: ruDate(input.deadline!) });
      }
    }
    let parents: number | undefined;
    if (!isBlankText(value('parents'))) {
      const n = parseWholeNumber(r.values.parents ?? null);
      if (typeof n === 'number' && n > 0) parents = n;
      else push('meeting-parents-invalid', 'parents', { value: value('parents') });
    }
    for (const topic of TOPICS) if (!topicTicked(r.values[topic])) push('meeting-topic-missing', topic, { topic: MEETING_TITLE[topic] });

    if (findings.length === before && date !== undefined && parents !== undefined && municipality !== undefined)
      meetings.push({ institution: value('institution'), municipality, date, parents, protocol: value('protocol') });
  }
  return { meetings, findings };
}

function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
