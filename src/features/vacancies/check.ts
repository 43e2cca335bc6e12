/**
 * First-grade vacancy sheets (docs/file-formats.md#vacancies; plan 003, stage 7): per school, the first classes it
 * opens, the places planned in them and how many are vacant. Schools send either a table (one row per
 * school, a whole municipality in one sheet) or a single school's form of labelled cells
 * («Количество 1-х классов: 3»); both end up as VacancyRowInput and are checked by validateVacancies.
 */
import { columnLetter, finding, type CellAddress, type Finding, type FindingCode } from '../../core/finding.js';
import type { Registry, School } from '../../core/model/registry.js';
import { cleanText, isBlankText, normalizeHeader } from '../../core/text.js';
import { parseWholeNumber } from '../../core/values.js';

export type VacancyField =
  | 'school_code'
  | 'school_name'
  | 'municipality'
  | 'classes'
  | 'places'
  | 'territory'
  | 'applications'
  | 'vacancies';

/** Structurally a sheets/table FieldSpec; the domain cannot import the sheets layer. */
export interface VacancyFieldSpec {
  key: VacancyField;
  /** the first synonym is the column title the template writes and messages quote */
  synonyms: string[];
  prefix?: boolean;
}

/*
 * Header matching takes exact names before prefixes, then the longest synonym. The extra synonyms
 * below exist so that a column whose title begins like another field's synonym is claimed by its own
 * field exactly: «Код МО» and «Наименование муниципалитета» start like the school's «Код» and
 * «Наименование», «Количество мест для закрепленной территории» like «Количество мест».
 */
export const VACANCY_FIELDS: VacancyFieldSpec[] = [
  { key: 'school_code', synonyms: ['Код ОО', 'Код школы', 'Код', 'Код организации', 'Код учреждения'] },
  { key: 'school_name', synonyms: ['Наименование ОО', 'Школа', 'ОО', 'Наименование', 'Краткое наименование', 'Полное наименование'] },
  {
    key: 'municipality',
    synonyms: [
      'Муниципалитет',
      'Код МО',
      'МО',
      'Муниципальное образование',
      'Код муниципалитета',
      'Код муниципального образования',
      'Наименование муниципалитета',
      'Наименование МО',
      'Наименование муниципального образования',
      'Муниципальный район',
    ],
  },
  {
    key: 'classes',
    synonyms: [
      'Количество 1-х классов',
      'Количество первых классов',
      'Кол-во 1 классов',
      'Классов',
      'Количество 1-ых классов',
      'Количество 1 классов',
      'Кол-во 1-х классов',
      'Кол-во первых классов',
      'Количество классов',
      'Число 1-х классов',
    ],
  },
  { key: 'places', synonyms: ['Плановое количество мест', 'Количество мест', 'Мест всего', 'Планируемое количество мест'] },
  {
    key: 'territory',
    synonyms: [
      'из них для закреплённой территории',
      'Для закрепленной территории',
      'Места для закрепленной территории',
      'Количество мест для закрепленной территории',
      'Количество мест для детей, проживающих на закрепленной территории',
      'Для проживающих на закрепленной территории',
      'Закрепленная территория',
    ],
  },
  {
    key: 'applications',
    synonyms: ['Подано заявлений', 'Заявлений', 'Количество заявлений', 'Количество поданных заявлений', 'Принято заявлений'],
  },
  {
    key: 'vacancies',
    synonyms: ['Количество вакантных мест', 'Вакантных мест', 'Вакантные места', 'Количество свободных мест', 'Свободных мест'],
  },
];

/** `a|b`: either will do (the table layer's convention). */
export const VACANCY_REQUIRED: string[] = ['school_code|school_name', 'classes', 'places', 'vacancies'];

const COUNT_FIELDS = ['classes', 'places', 'territory', 'applications', 'vacancies'] as const;
type CountField = (typeof COUNT_FIELDS)[number];

const TITLE = Object.fromEntries(VACANCY_FIELDS.map((f) => [f.key, f.synonyms[0]!])) as Record<VacancyField, string>;

const NORMALIZED = VACANCY_FIELDS.map((f) => ({ key: f.key, synonyms: f.synonyms.map(normalizeHeader), prefix: f.prefix !== false }));

/** How well a label names a field: 3 exact, 2 starts with a synonym and a space, 0 not at all. */
interface LabelMatch {
  field: VacancyField;
  quality: number;
  length: number;
}

function matchLabel(text: string): LabelMatch | undefined {
  const label = normalizeHeader(text);
  if (!label) return undefined;
  let best: LabelMatch | undefined;
  for (const f of NORMALIZED)
    for (const s of f.synonyms) {
      const quality = label === s ? 3 : f.prefix && label.startsWith(s + ' ') ? 2 : 0;
      if (quality === 0) continue;
      if (!best || quality > best.quality || (quality === best.quality && s.length > best.length))
        best = { field: f.key, quality, length: s.length };
    }
  return best;
}

// ---------------------------------------------------------------------------------------------
// A single school's form with labelled cells

export interface FormCell {
  row: number;
  /** 0-based */
  col: number;
  text: string;
  value: string | number | null;
}

export interface FormValue {
  value: string | number | null;
  row: number;
  /** column letter */
  column: string;
}

export interface LabelledForm {
  fields: Partial<Record<VacancyField, FormValue>>;
}

interface FormLabel extends LabelMatch {
  at: FormValue;
  hasValue: boolean;
  row: number;
  order: number;
}

/**
 * Reads a sheet that is a form, not a table: «Код ОО: 0101» (label and value in one cell after a
 * colon) or «Плановое количество мест | 75» (the value in the nearest filled cell to the right).
 * It is a form when it names the school and at least two of the counts, and no row holds three or
 * more labels without values — such a row is a table's header, and tables are read elsewhere.
 * A label whose value is missing still counts, so an unfilled form gets findings at its empty cells.
 */
export function parseLabelledForm(cells: FormCell[]): LabelledForm | null {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  // A dash is a value («none»), so it is kept for the label on its left to take.
  const filled = sorted.filter((c) => cleanText(c.text) !== '');
  const consumed = new Set<FormCell>();
  const labels: FormLabel[] = [];

  filled.forEach((cell, i) => {
    if (consumed.has(cell)) return;
    const text = cleanText(cell.text);
    const colon = text.indexOf(':');
    const head = colon >= 0 ? text.slice(0, colon) : text;
    const match = matchLabel(head);
    if (!match) return;
    const here = { row: cell.row, column: columnLetter(cell.col) };
    const inlineValue = colon >= 0 ? cleanText(text.slice(colon + 1)) : '';
    let at: FormValue;
    if (inlineValue !== '') {
      at = { value: inlineValue, ...here };
    } else {
      const next = filled[i + 1];
      const right = next && next.row === cell.row && !isLabelCell(next) ? next : undefined;
      if (right) {
        consumed.add(right);
        at = { value: right.value, row: right.row, column: columnLetter(right.col) };
      } else {
        // The empty cell a school was meant to fill is the one just right of the label.
        at = { value: null, row: cell.row, column: columnLetter(cell.col + 1) };
      }
    }
    labels.push({ ...match, at, hasValue: at.value !== null, row: cell.row, order: i });
  });

  const best = new Map<VacancyField, FormLabel>();
  for (const l of labels) {
    const prev = best.get(l.field);
    if (!prev || better(l, prev)) best.set(l.field, l);
  }
  const chosen = [...best.values()];
  const names = best.has('school_code') || best.has('school_name');
  const counts = COUNT_FIELDS.filter((f) => best.has(f)).length;
  const bare = new Map<number, number>();
  for (const l of labels) if (!l.hasValue) bare.set(l.row, (bare.get(l.row) ?? 0) + 1);
  if (!names || counts < 2 || [...bare.values()].some((n) => n >= 3)) return null;

  const fields: LabelledForm['fields'] = {};
  for (const l of chosen) fields[l.field] = l.at;
  return { fields };
}

function better(a: FormLabel, b: FormLabel): boolean {
  if (a.quality !== b.quality) return a.quality > b.quality;
  if (a.hasValue !== b.hasValue) return a.hasValue;
  if (a.length !== b.length) return a.length > b.length;
  return a.order < b.order;
}

/**
 * A label standing where a value would be: exact names only, or a text ending in a colon, since a
 * value such as «Школа № 5» begins like the synonym «Школа».
 */
function isLabelCell(cell: FormCell): boolean {
  if (typeof cell.value === 'number') return false;
  const text = cleanText(cell.text);
  const match = matchLabel(text.replace(/:$/u, ''));
  return match !== undefined && (match.quality === 3 || text.endsWith(':'));
}

/** The form as the one row of a sheet; a field the form lacks is addressed to the school's row. */
export function labelledFormRow(form: LabelledForm, where: { file?: string; sheet?: string } = {}): VacancyRowInput {
  const f = form.fields;
  const row = (f.school_code ?? f.school_name)?.row ?? Math.min(...Object.values(f).map((v) => v.row));
  const values: VacancyRowInput['values'] = {};
  for (const [k, v] of Object.entries(f) as [VacancyField, FormValue][]) values[k] = v.value;
  return {
    row,
    values,
    at: (field) => {
      const v = f[field];
      return v ? { ...where, row: v.row, column: v.column } : { ...where, row };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface VacancyRowInput {
  /** 1-based row of the sheet */
  row: number;
  values: Partial<Record<VacancyField, string | number | null>>;
  /** where a field's cell is in this row (no column when the sheet has no such column) */
  at(field: VacancyField): CellAddress & { row: number };
}

export interface VacancySettings {
  /** the most children one first class may take (campaign setting, default 25) */
  max_class_size: number;
  require_territory: boolean;
  require_applications: boolean;
}

export const DEFAULT_VACANCY_SETTINGS: VacancySettings = { max_class_size: 25, require_territory: false, require_applications: false };

/** One school's first-grade figures, as a sheet states them once they could be read. */
export interface VacancyLine {
  /** registry code */
  school: string;
  /** registry municipality code */
  municipality: string;
  classes: number;
  places: number;
  territory?: number;
  applications?: number;
  vacancies: number;
  row: number;
}

export interface VacancyValidation {
  lines: VacancyLine[];
  findings: Finding[];
}

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : cleanText(String(v)));

/** Codes typed as numbers lose their leading zeros in Excel: 101 is the school «0101». */
function sameCode(a: string, b: string): boolean {
  return a === b || (/^\d+$/u.test(a) && /^\d+$/u.test(b) && Number(a) === Number(b));
}

type SchoolLookup = { kind: 'found'; school: School } | { kind: 'unknown' } | { kind: 'ambiguous'; candidates: School[] };

function findSchool(registry: Registry, code: string, name: string, municipality: string | undefined): SchoolLookup {
  if (code) {
    const exact = registry.schools.find((s) => s.code === code);
    const loose = registry.schools.filter((s) => sameCode(s.code, code));
    const school = exact ?? (loose.length === 1 ? loose[0] : undefined);
    return school ? { kind: 'found', school } : { kind: 'unknown' };
  }
  const key = normalizeHeader(name);
  let matches = registry.schools.filter((s) => normalizeHeader(s.short_name) === key || normalizeHeader(s.full_name) === key);
  // «МБОУ СОШ № 1» exists in many municipalities; the sheet's own municipality tells them apart.
  if (matches.length > 1 && municipality) {
    const local = matches.filter((s) => s.municipality === municipality);
    if (local.length) matches = local;
  }
  if (matches.length === 1) return { kind: 'found', school: matches[0]! };
  return matches.length ? { kind: 'ambiguous', candidates: matches } : { kind: 'unknown' };
}

/** A municipality as a sheet names it (code, code without its leading zeros, or name) → its code. */
function findMunicipality(registry: Registry, stated: string): string | undefined {
  const key = normalizeHeader(stated);
  return registry.municipalities.find(
    (m) => sameCode(m.code, stated) || normalizeHeader(m.code) === key || normalizeHeader(m.name) === key,
  )?.code;
}

/**
 * Checks vacancy rows against the registry and the campaign's settings (docs/file-formats.md#vacancies), every
 * finding at the cell that holds the offending value:
 *
 * - `vacancy-value-invalid` — a count that is not a whole number ≥ 0 (text, fraction, negative);
 * - `vacancy-value-missing` — an empty cell that must be filled: the school of a row with figures,
 *   the vacant places when there are planned places, territory/applications when the campaign
 *   requires them and there are places, and the classes of a school's row left entirely empty.
 *   A code of its own because the fix differs from an invalid value (fill in, not correct) and an
 *   unfilled row is what a municipality chases schools for;
 * - `vacancy-school-unknown` / `vacancy-school-ambiguous` — the school is not in the registry, or its
 *   name (with no code) fits several schools of the municipality;
 * - `vacancy-duplicate-school` — the second and later rows of one school (params: the first row);
 * - `vacancy-municipality-mismatch` — the school belongs to another municipality than the row or the
 *   sheet says;
 * - `vacancy-classes-missing` — places but no classes (at classes), or classes but no places (at places);
 * - `vacancy-places-exceed-classes` — planned places above classes × the maximum class size;
 * - `vacancy-exceeds-places` — more vacant places than planned;
 * - `vacancy-territory-exceeds-places` — the places «of them» for the assigned territory are a part of
 *   the planned places and cannot be more;
 * - `vacancy-applications-exceed-places` (warning) — more applications than places.
 *
 * A blank count or a dash is «none» (0), except where it must be filled. Lines are the rows of known
 * schools, first occurrences only, whose counts could all be read; relation errors (more vacancies
 * than places…) do not drop a line, since the findings already stop the sheet from being submitted.
 */
export function validateVacancies(input: {
  rows: VacancyRowInput[];
  registry: Registry;
  sheetMunicipality?: string;
  settings: VacancySettings;
}): VacancyValidation {
  const { registry, settings } = input;
  const findings: Finding[] = [];
  const lines: VacancyLine[] = [];
  const firstRow = new Map<string, number>();
  const sheetMunicipality = input.sheetMunicipality ? text(input.sheetMunicipality) : '';
  const sheetMuniCode = sheetMunicipality ? (findMunicipality(registry, sheetMunicipality) ?? sheetMunicipality) : undefined;

  for (const r of input.rows) {
    const code = text(r.values.school_code);
    const name = text(r.values.school_name);
    const statedMuni = isBlankText(text(r.values.municipality)) ? '' : text(r.values.municipality);
    const hasFigures = COUNT_FIELDS.some((f) => !isBlankText(text(r.values[f])));
    // A school that writes dashes everywhere has answered «none»; one that wrote nothing has not answered.
    const answered = COUNT_FIELDS.some((f) => text(r.values[f]) !== '');
    const hasSchool = !isBlankText(code) || !isBlankText(name);
    if (!hasSchool && !hasFigures) continue;

    const schoolField: VacancyField = !isBlankText(code)
      ? 'school_code'
      : !isBlankText(name)
        ? 'school_name'
        : r.at('school_code').column !== undefined || r.at('school_name').column === undefined
          ? 'school_code'
          : 'school_name';
    const schoolAt = r.at(schoolField);
    const given = schoolField === 'school_code' ? code : name;
    let school: School | undefined;
    let rowUsable = true;
    const push = (
      id: FindingCode,
      severity: 'error' | 'warning',
      at: CellAddress,
      params: Record<string, string | number | undefined>,
      extra: Pick<Finding, 'expected' | 'actual'> = {},
    ) => {
      const who = school?.code ?? (given || undefined);
      findings.push(finding(id, severity, at, { school: who, ...params }, { school: who, ...extra }));
    };

    if (!hasSchool) {
      push('vacancy-value-missing', 'error', schoolAt, { field: schoolField, title: TITLE[schoolField] });
      rowUsable = false;
    } else {
      const muniHint = (statedMuni && findMunicipality(registry, statedMuni)) || sheetMuniCode;
      const found = findSchool(registry, isBlankText(code) ? '' : code, name, muniHint);
      if (found.kind === 'found') school = found.school;
      else if (found.kind === 'ambiguous')
        push('vacancy-school-ambiguous', 'error', schoolAt, { name, candidates: found.candidates.map((s) => s.code).join(', ') }, { actual: name });
      else push('vacancy-school-unknown', 'error', schoolAt, { field: schoolField, value: given }, { actual: given });
    }

    if (school) {
      const first = firstRow.get(school.code);
      if (first !== undefined) {
        push('vacancy-duplicate-school', 'error', schoolAt, { first });
        rowUsable = false;
      } else firstRow.set(school.code, r.row);

      // The row's own municipality cell first, then what the sheet as a whole is said to be.
      const muniAt = r.at('municipality');
      const claims: { text: string; code: string | undefined; at: CellAddress }[] = [];
      if (statedMuni) claims.push({ text: statedMuni, code: findMunicipality(registry, statedMuni), at: muniAt });
      if (sheetMunicipality) claims.push({ text: sheetMunicipality, code: sheetMuniCode, at: muniAt.column !== undefined ? muniAt : schoolAt });
      const home = school.municipality;
      const wrong = claims.find((c) => c.code !== home);
      if (wrong) push('vacancy-municipality-mismatch', 'error', wrong.at, { stated: wrong.text, belongs: home }, { expected: wrong.text, actual: home });
    }

    if (!answered) {
      push('vacancy-value-missing', 'error', r.at('classes'), { field: 'classes', title: TITLE.classes });
      continue;
    }

    // number: read; null: blank; undefined: unreadable (already reported)
    const n = {} as Record<CountField, number | null | undefined>;
    for (const f of COUNT_FIELDS) {
      const raw = r.values[f];
      const parsed = parseWholeNumber(raw ?? null);
      if (parsed === null || typeof parsed === 'number') {
        n[f] = parsed;
        continue;
      }
      n[f] = undefined;
      rowUsable = false;
      push('vacancy-value-invalid', 'error', r.at(f), { field: f, title: TITLE[f], value: text(raw), reason: parsed.invalid }, { actual: text(raw) });
    }

    const classes = n.classes === undefined ? undefined : (n.classes ?? 0);
    const places = n.places === undefined ? undefined : (n.places ?? 0);
    const missing = (f: CountField) => {
      rowUsable = false;
      push('vacancy-value-missing', 'error', r.at(f), { field: f, title: TITLE[f] });
    };

    if (classes !== undefined && places !== undefined) {
      if (places > 0 && classes === 0) push('vacancy-classes-missing', 'error', r.at('classes'), { classes, places }, { actual: classes });
      else if (classes > 0 && places === 0) push('vacancy-classes-missing', 'error', r.at('places'), { classes, places }, { actual: places });
      else if (places > classes * settings.max_class_size) {
        const limit = classes * settings.max_class_size;
        push('vacancy-places-exceed-classes', 'error', r.at('places'), { places, classes, max: settings.max_class_size, limit }, { expected: limit, actual: places });
      }
    }
    const hasPlaces = places !== undefined && places > 0;
    if (n.vacancies === null && hasPlaces) missing('vacancies');
    if (n.territory === null && hasPlaces && settings.require_territory) missing('territory');
    if (n.applications === null && hasPlaces && settings.require_applications) missing('applications');

    // Blank places under stated classes are already `vacancy-classes-missing`; comparing other counts
    // with that blank would only repeat it. With no classes either, the school plans no places: 0.
    const cap = places !== undefined && (n.places !== null || classes === 0) ? places : undefined;
    if (cap !== undefined) {
      if (typeof n.vacancies === 'number' && n.vacancies > cap)
        push('vacancy-exceeds-places', 'error', r.at('vacancies'), { vacancies: n.vacancies, places: cap }, { expected: cap, actual: n.vacancies });
      if (typeof n.territory === 'number' && n.territory > cap)
        push('vacancy-territory-exceeds-places', 'error', r.at('territory'), { territory: n.territory, places: cap }, { expected: cap, actual: n.territory });
      if (typeof n.applications === 'number' && n.applications > cap)
        push('vacancy-applications-exceed-places', 'warning', r.at('applications'), { applications: n.applications, places: cap }, { expected: cap, actual: n.applications });
    }

    if (school && rowUsable && classes !== undefined && places !== undefined) {
      const line: VacancyLine = { school: school.code, municipality: school.municipality, classes, places, vacancies: n.vacancies ?? 0, row: r.row };
      if (typeof n.territory === 'number') line.territory = n.territory;
      if (typeof n.applications === 'number') line.applications = n.applications;
      lines.push(line);
    }
  }
  return { lines, findings };
}
