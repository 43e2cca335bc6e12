import { describe, expect, it } from 'vitest';
import { cellRef, columnLetter, type Finding } from '../../../src/core/finding.js';
import type { Registry } from '../../../src/core/model/registry.js';
import { normalizeHeader } from '../../../src/core/text.js';
import {
  DEFAULT_VACANCY_SETTINGS,
  VACANCY_FIELDS,
  VACANCY_REQUIRED,
  labelledFormRow,
  parseLabelledForm,
  validateVacancies,
  type FormCell,
  type VacancyField,
  type VacancyRowInput,
  type VacancySettings,
} from '../../../src/features/vacancies/check.js';
import { canApprove, vacancyReport, type SubmittedVacancy } from '../../../src/features/vacancies/report.js';
import { vacancies as messages } from '../../../src/core/findings/vacancies.js';
import { readTable } from '../../../src/io/sheets/table.js';
import type { SheetHandle, SheetRow, Workbook } from '../../../src/io/sheets/types.js';

const registry: Registry = {
  municipalities: [
    { code: '01', name: 'Рыбинский район' },
    { code: '02', name: 'город Ярославль' },
  ],
  schools: [
    { code: '0101', short_name: 'МБОУ СОШ № 1', full_name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»', municipality: '01' },
    { code: '0102', short_name: 'МБОУ СОШ № 2', full_name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 2»', municipality: '01' },
    { code: '0103', short_name: 'МБОУ Лицей № 5', full_name: 'Муниципальное бюджетное общеобразовательное учреждение «Лицей № 5»', municipality: '01' },
    { code: '0201', short_name: 'МБОУ СОШ № 1', full_name: 'Муниципальное общеобразовательное учреждение «Средняя школа № 1» г. Ярославля', municipality: '02' },
  ],
};

type Cell = string | number | null;

/** A sheet as the table layer hands it over: the header in row 1, these fields in columns A, B, …. */
function sheet(fields: VacancyField[], data: Cell[][]): VacancyRowInput[] {
  return data.map((cells, i) => {
    const row = i + 2;
    const values: VacancyRowInput['values'] = {};
    fields.forEach((f, c) => (values[f] = cells[c] ?? null));
    return {
      row,
      values,
      at: (field) => {
        const c = fields.indexOf(field);
        return { file: 'mo-01.xlsx', sheet: 'Вакансии', row, ...(c >= 0 ? { column: columnLetter(c) } : {}) };
      },
    };
  });
}

const FULL: VacancyField[] = ['school_code', 'school_name', 'municipality', 'classes', 'places', 'territory', 'applications', 'vacancies'];
const settings: VacancySettings = { max_class_size: 25, require_territory: false, require_applications: false };

function check(rows: VacancyRowInput[], opts: { sheetMunicipality?: string; settings?: Partial<VacancySettings> } = {}) {
  return validateVacancies({ rows, registry, sheetMunicipality: opts.sheetMunicipality, settings: { ...settings, ...opts.settings } });
}

const brief = (f: Finding) => `${f.code}@${cellRef(f) ?? `row ${f.row}`}`;

describe('validateVacancies', () => {
  it('finds nothing in a clean municipality sheet and reads every school', () => {
    const rows = sheet(FULL, [
      ['0101', 'МБОУ СОШ № 1', '01', 3, 75, 60, 40, 35],
      ['0102', 'МБОУ СОШ № 2', '01', '2', '50', '50', '50', '50'],
      // A school that opens no first class this year writes zeros or dashes.
      ['0103', 'МБОУ Лицей № 5', '01', '-', '-', null, null, '—'],
    ]);
    const { findings, lines } = check(rows, { sheetMunicipality: '01' });
    expect(findings).toEqual([]);
    expect(lines).toEqual([
      { school: '0101', municipality: '01', classes: 3, places: 75, territory: 60, applications: 40, vacancies: 35, row: 2 },
      { school: '0102', municipality: '01', classes: 2, places: 50, territory: 50, applications: 50, vacancies: 50, row: 3 },
      { school: '0103', municipality: '01', classes: 0, places: 0, vacancies: 0, row: 4 },
    ]);
  });

  // One minimal row per rule; columns: A code, B name, C municipality, D classes, E places,
  // F territory, G applications, H vacancies.
  const cases: { code: string; why: string; before?: Cell[][]; row: Cell[]; cell: string; opts?: Parameters<typeof check>[1]; expect?: Partial<Finding> }[] = [
    { code: 'vacancy-school-unknown', why: 'code not in the registry', row: ['0999', 'МБОУ СОШ № 9', '01', 1, 25, null, null, 5], cell: 'A2', expect: { actual: '0999' } },
    { code: 'vacancy-school-unknown', why: 'name not in the registry', row: [null, 'МБОУ Гимназия № 3', '01', 1, 25, null, null, 5], cell: 'B2' },
    { code: 'vacancy-school-ambiguous', why: 'a name two municipalities share, no municipality', row: [null, 'МБОУ СОШ № 1', null, 1, 25, null, null, 5], cell: 'B2' },
    { code: 'vacancy-duplicate-school', why: 'the same school again', before: [['0101', null, '01', 3, 75, null, null, 5]], row: ['0101', null, '01', 3, 75, null, null, 5], cell: 'A3', expect: { params: expect.objectContaining({ first: 2 }) } },
    { code: 'vacancy-value-invalid', why: 'text', row: ['0101', null, '01', 'три', 75, null, null, 5], cell: 'D2', expect: { actual: 'три', params: expect.objectContaining({ reason: 'text' }) } },
    { code: 'vacancy-value-invalid', why: 'fraction', row: ['0101', null, '01', 3, '72,5', null, null, 5], cell: 'E2', expect: { params: expect.objectContaining({ reason: 'fraction' }) } },
    { code: 'vacancy-value-invalid', why: 'negative', row: ['0101', null, '01', 3, 75, null, null, -2], cell: 'H2', expect: { params: expect.objectContaining({ reason: 'negative' }) } },
    { code: 'vacancy-value-invalid', why: 'fraction in territory', row: ['0101', null, '01', 3, 75, 0.5, null, 5], cell: 'F2' },
    { code: 'vacancy-value-invalid', why: 'text in applications', row: ['0101', null, '01', 3, 75, null, 'много', 5], cell: 'G2' },
    { code: 'vacancy-value-missing', why: 'vacancies empty while places are planned', row: ['0101', null, '01', 3, 75, null, null, null], cell: 'H2' },
    { code: 'vacancy-value-missing', why: 'figures without a school', row: [null, null, '01', 3, 75, null, null, 5], cell: 'A2' },
    { code: 'vacancy-value-missing', why: 'a school row left empty', row: ['0101', 'МБОУ СОШ № 1', '01', null, null, null, null, null], cell: 'D2' },
    { code: 'vacancy-value-missing', why: 'territory required by the campaign', row: ['0101', null, '01', 3, 75, null, 40, 5], cell: 'F2', opts: { settings: { require_territory: true } } },
    { code: 'vacancy-value-missing', why: 'applications required by the campaign', row: ['0101', null, '01', 3, 75, 60, null, 5], cell: 'G2', opts: { settings: { require_applications: true } } },
    { code: 'vacancy-exceeds-places', why: 'more vacant than planned', row: ['0101', null, '01', 3, 75, null, null, 76], cell: 'H2', expect: { expected: 75, actual: 76 } },
    { code: 'vacancy-exceeds-places', why: 'vacancies with neither classes nor places', row: ['0101', null, '01', null, null, null, null, 5], cell: 'H2', expect: { expected: 0, actual: 5 } },
    { code: 'vacancy-places-exceed-classes', why: 'more places than classes of 25 take', row: ['0101', null, '01', 2, 51, null, null, 5], cell: 'E2', expect: { expected: 50, actual: 51 } },
    { code: 'vacancy-places-exceed-classes', why: 'a campaign maximum of 20', row: ['0101', null, '01', 2, 50, null, null, 5], cell: 'E2', opts: { settings: { max_class_size: 20 } }, expect: { expected: 40 } },
    { code: 'vacancy-classes-missing', why: 'places without classes', row: ['0101', null, '01', 0, 25, null, null, 5], cell: 'D2' },
    { code: 'vacancy-classes-missing', why: 'classes without places', row: ['0101', null, '01', 2, null, null, null, null], cell: 'E2' },
    { code: 'vacancy-municipality-mismatch', why: 'the row names another municipality', row: ['0201', null, '01', 1, 25, null, null, 5], cell: 'C2', expect: { expected: '01', actual: '02', school: '0201' } },
    { code: 'vacancy-municipality-mismatch', why: 'the sheet is of another municipality', row: ['0201', null, '02', 1, 25, null, null, 5], cell: 'C2', opts: { sheetMunicipality: '01' } },
    { code: 'vacancy-municipality-mismatch', why: 'a municipality the registry does not know', row: ['0101', null, 'Угличский район', 1, 25, null, null, 5], cell: 'C2' },
    { code: 'vacancy-territory-exceeds-places', why: 'territory is a part of the places', row: ['0101', null, '01', 3, 75, 80, null, 5], cell: 'F2', expect: { expected: 75, actual: 80 } },
    { code: 'vacancy-applications-exceed-places', why: 'more applications than places', row: ['0101', null, '01', 3, 75, null, 90, 0], cell: 'G2', expect: { severity: 'warning', expected: 75, actual: 90 } },
  ];

  for (const c of cases)
    it(`${c.code} (${c.why}) at ${c.cell}`, () => {
      const { findings } = check(sheet(FULL, [...(c.before ?? []), c.row]), c.opts);
      expect(findings.map(brief)).toEqual([`${c.code}@${c.cell}`]);
      expect(findings[0]).toMatchObject({ file: 'mo-01.xlsx', sheet: 'Вакансии', severity: 'error', ...c.expect });
      const message = messages[c.code as keyof typeof messages].message;
      for (const template of [message.ru, message.en])
        for (const [, name] of template.matchAll(/\{(\w+)\}/g)) expect(findings[0]!.params).toHaveProperty(name!);
    });

  it('has a case for every code of the vacancies in the findings registry', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(Object.keys(messages)));
  });

  it('reports the second occurrence of a school at its school cell, naming the first row', () => {
    const { findings, lines } = check(
      sheet(FULL, [
        ['0101', null, '01', 3, 75, null, null, 5],
        ['0102', null, '01', 2, 50, null, null, 5],
        [101, null, '01', 1, 25, null, null, 5],
      ]),
    );
    expect(findings.map(brief)).toEqual(['vacancy-duplicate-school@A4']);
    expect(findings[0]).toMatchObject({ school: '0101', params: { first: 2 } });
    expect(lines.map((l) => l.row)).toEqual([2, 3]);
  });

  it('knows a school by a code that lost its leading zero, or by its short or full name however spelt', () => {
    const { findings, lines } = check(
      sheet(FULL, [
        [102, null, null, 2, 50, null, null, 5],
        [null, 'мбоу лицей №5', null, 1, 25, null, null, 5],
        [null, 'Муниципальное бюджетное общеобразовательное учреждение "Средняя школа № 1"', null, 1, 25, null, null, 5],
      ]),
    );
    expect(findings).toEqual([]);
    expect(lines.map((l) => l.school)).toEqual(['0102', '0103', '0101']);
  });

  it('tells schools of the same name apart by the municipality of the row or of the sheet', () => {
    const byRow = check(sheet(FULL, [[null, 'МБОУ СОШ № 1', 'город Ярославль', 1, 25, null, null, 5]]));
    expect(byRow.findings).toEqual([]);
    expect(byRow.lines[0]!.school).toBe('0201');
    const bySheet = check(sheet(['school_name', 'classes', 'places', 'vacancies'], [['МБОУ СОШ № 1', 1, 25, 5]]), { sheetMunicipality: '01' });
    expect(bySheet.findings).toEqual([]);
    expect(bySheet.lines[0]!.school).toBe('0101');
  });

  it('points a mismatch with --municipality at the school when the sheet has no municipality column', () => {
    const { findings } = check(sheet(['school_code', 'classes', 'places', 'vacancies'], [['0201', 1, 25, 5]]), { sheetMunicipality: '01' });
    expect(findings.map(brief)).toEqual(['vacancy-municipality-mismatch@A2']);
  });

  it('reports every unreadable count of a row and keeps the row out of the lines', () => {
    const { findings, lines } = check(sheet(FULL, [['0101', null, '01', 'три', '7.5', null, null, 'нет']]));
    expect(findings.map(brief)).toEqual(['vacancy-value-invalid@D2', 'vacancy-value-invalid@E2', 'vacancy-value-invalid@H2']);
    expect(lines).toEqual([]);
  });

  it('keeps a row whose figures disagree, since its findings already hold the sheet back', () => {
    const { lines } = check(sheet(FULL, [['0101', null, '01', 3, 75, null, null, 80]]));
    expect(lines).toEqual([{ school: '0101', municipality: '01', classes: 3, places: 75, vacancies: 80, row: 2 }]);
  });

  it('skips empty rows, dashes alone included, and allows places up to the campaign maximum', () => {
    const { findings, lines } = check(sheet(FULL, [[null, null, null, null, null, null, null, null], [null, null, null, '-', '-', '-', '-', '-'], ['0101', null, null, 2, 60, null, null, 5]]), {
      settings: { max_class_size: 30 },
    });
    expect(findings).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(DEFAULT_VACANCY_SETTINGS.max_class_size).toBe(25);
  });
});

// ---------------------------------------------------------------------------------------------

/** Cells of a sheet given as rows of texts; '' is an empty cell, which readers do not hand over. */
function cells(rows: Cell[][], firstRow = 1): FormCell[] {
  return rows.flatMap((r, i) =>
    r.flatMap((v, col) => (v === null || v === '' ? [] : [{ row: firstRow + i, col, text: String(v), value: v }])),
  );
}

describe('parseLabelledForm', () => {
  it('reads labels with the value after a colon in the same cell', () => {
    const form = parseLabelledForm(
      cells([
        ['Сведения о количестве вакантных мест в 1-х классах на 2020/2021 учебный год'],
        [''],
        ['Код ОО: 0101'],
        ['Наименование ОО: МБОУ СОШ № 1'],
        ['Количество 1-х классов: 3'],
        ['Плановое количество мест: 75'],
        ['Количество вакантных мест: 70'],
        ['Директор ____________ / Иванова И. И.'],
      ]),
    );
    expect(form).toEqual({
      fields: {
        school_code: { value: '0101', row: 3, column: 'A' },
        school_name: { value: 'МБОУ СОШ № 1', row: 4, column: 'A' },
        classes: { value: '3', row: 5, column: 'A' },
        places: { value: '75', row: 6, column: 'A' },
        vacancies: { value: '70', row: 7, column: 'A' },
      },
    });
  });

  it('reads labels with the value in the next filled cell to the right', () => {
    const form = parseLabelledForm(
      cells([
        ['Код ОО', '', 101],
        ['Школа', '', 'Школа № 5 имени Пушкина'],
        ['Муниципалитет:', '', '01'],
        ['Количество 1-х классов (комплектов)', '', 3],
        ['Плановое количество мест', '', 75],
        ['из них для закреплённой территории', '', ''],
        ['Количество вакантных мест', '', 20],
      ]),
    );
    expect(form?.fields).toEqual({
      school_code: { value: 101, row: 1, column: 'C' },
      school_name: { value: 'Школа № 5 имени Пушкина', row: 2, column: 'C' },
      municipality: { value: '01', row: 3, column: 'C' },
      classes: { value: 3, row: 4, column: 'C' },
      places: { value: 75, row: 5, column: 'C' },
      // unfilled: the cell just right of the label is where it belongs
      territory: { value: null, row: 6, column: 'B' },
      vacancies: { value: 20, row: 7, column: 'C' },
    });
  });

  it('puts the form’s findings at the cells of the form', () => {
    const form = parseLabelledForm(
      cells([
        ['Код ОО', '0101'],
        ['Количество 1-х классов', 3],
        ['Плановое количество мест', 75],
        ['Количество вакантных мест', 80],
      ]),
    )!;
    const row = labelledFormRow(form, { file: 'school-0101.xlsx', sheet: 'Лист1' });
    const { findings, lines } = validateVacancies({ rows: [row], registry, sheetMunicipality: '01', settings });
    expect(findings.map(brief)).toEqual(['vacancy-exceeds-places@B4']);
    expect(findings[0]).toMatchObject({ file: 'school-0101.xlsx', sheet: 'Лист1', school: '0101' });
    expect(lines).toEqual([{ school: '0101', municipality: '01', classes: 3, places: 75, vacancies: 80, row: 1 }]);
  });

  it('prefers a label that has a value to a title that begins like it', () => {
    const form = parseLabelledForm(
      cells([
        ['Количество вакантных мест в 1-х классах на 2020/2021 учебный год'],
        ['Код ОО: 0101'],
        ['Количество 1-х классов: 3'],
        ['Плановое количество мест: 75'],
        ['Количество вакантных мест в 1-х классах: 20'],
      ]),
    );
    expect(form?.fields.vacancies).toEqual({ value: '20', row: 5, column: 'A' });
  });

  it('reads a form written along one row, and takes a dash for «none»', () => {
    const form = parseLabelledForm(cells([['Код ОО: 0101', 'Количество 1-х классов: 0', 'Плановое количество мест:', '-', 'Вакантных мест: 0']]));
    expect(form?.fields).toEqual({
      school_code: { value: '0101', row: 1, column: 'A' },
      classes: { value: '0', row: 1, column: 'B' },
      places: { value: '-', row: 1, column: 'D' },
      vacancies: { value: '0', row: 1, column: 'E' },
    });
  });

  it('is not a form: a table header, a sheet with too few labels, a sheet without a school', () => {
    const header = ['Код ОО', 'Наименование ОО', 'Количество 1-х классов', 'Плановое количество мест', 'Вакантных мест'];
    expect(parseLabelledForm(cells([header, ['0101', 'МБОУ СОШ № 1', 3, 75, 20]]))).toBeNull();
    // a title that begins like a label does not turn a table into a form
    expect(parseLabelledForm(cells([['Количество вакантных мест в 1-х классах по району'], [''], header, ['0101', 'МБОУ СОШ № 1', 3, 75, 20]]))).toBeNull();
    expect(parseLabelledForm(cells([['Код ОО: 0101'], ['Количество 1-х классов: 3']]))).toBeNull();
    expect(parseLabelledForm(cells([['Количество 1-х классов: 3'], ['Плановое количество мест: 75'], ['Вакантных мест: 5']]))).toBeNull();
    expect(parseLabelledForm([])).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

/** The table layer's rule: equal after normalising, else starting with a synonym and a space; longest wins. */
function claims(header: string): VacancyField[] {
  const label = normalizeHeader(header);
  let best = { q: 0, len: 0 };
  let fields: VacancyField[] = [];
  for (const f of VACANCY_FIELDS)
    for (const s of f.synonyms.map(normalizeHeader)) {
      const q = label === s ? 3 : f.prefix !== false && label.startsWith(s + ' ') ? 2 : 0;
      if (q === 0 || q < best.q || (q === best.q && s.length < best.len)) continue;
      if (q > best.q || s.length > best.len) fields = [];
      best = { q, len: s.length };
      if (!fields.includes(f.key)) fields.push(f.key);
    }
  return fields;
}

const REALISTIC: [string, VacancyField][] = [
  ['Код ОО', 'school_code'],
  ['Код школы', 'school_code'],
  ['Код ОО (по АИС «Е-услуги. Образование»)', 'school_code'],
  ['Наименование ОО', 'school_name'],
  ['Наименование ОО (кратко)', 'school_name'],
  ['Школа', 'school_name'],
  ['Полное наименование', 'school_name'],
  ['Муниципалитет', 'municipality'],
  ['Код МО', 'municipality'],
  ['Код муниципалитета', 'municipality'],
  ['Наименование муниципалитета', 'municipality'],
  ['Муниципальное образование', 'municipality'],
  ['МО', 'municipality'],
  ['Количество 1-х классов', 'classes'],
  ['Кол-во 1-х классов', 'classes'],
  ['Количество 1-ых классов', 'classes'],
  ['Количество первых классов (комплектов)', 'classes'],
  ['Кол-во\n1 классов', 'classes'],
  ['Плановое количество мест', 'places'],
  ['Плановое количество мест в 1-х классах', 'places'],
  ['Количество мест', 'places'],
  ['Мест всего', 'places'],
  ['из них для закреплённой территории', 'territory'],
  ['Из них для закрепленной\nтерритории', 'territory'],
  ['Количество мест для закрепленной территории', 'territory'],
  ['Подано заявлений', 'applications'],
  ['Количество заявлений', 'applications'],
  ['Количество поданных заявлений на 20.01.2020', 'applications'],
  ['Количество вакантных мест', 'vacancies'],
  ['Количество  вакантных  мест для зачисления в 1-ые классы', 'vacancies'],
  ['Вакантные места', 'vacancies'],
];

describe('VACANCY_FIELDS', () => {
  it.each(REALISTIC)('«%s» is %s, and no other field claims it as well', (header, field) => {
    expect(claims(header)).toEqual([field]);
  });

  it('leaves unrelated columns alone', () => {
    for (const h of ['№ п/п', 'Примечание', 'ФИО директора', 'Телефон']) expect(claims(h)).toEqual([]);
  });

  it('requires a school, classes, places and vacancies', () => {
    expect(VACANCY_REQUIRED).toEqual(['school_code|school_name', 'classes', 'places', 'vacancies']);
  });

  it('lets the table layer read a sheet with a title, a two-row header and columns in any order', async () => {
    const rows: SheetRow[] = [
      ['Вакантные места в 1-х классах, Рыбинский район'],
      ['Количество вакантных мест', 'Количество мест', '', 'Наименование ОО', 'Код ОО', 'Количество 1-х классов', 'Код МО'],
      ['', 'всего', 'из них для закреплённой территории', '', '', '', ''],
      [5, 75, 60, 'МБОУ СОШ № 1', '0101', 3, '01'],
    ].map((texts, i) => ({ row: i + 1, cells: texts.map((value) => (value === '' ? undefined : { value })) }));
    const handle: SheetHandle = {
      name: 'Лист1',
      merges: [
        { top: 2, left: 1, bottom: 2, right: 2 },
        ...[0, 3, 4, 5, 6].map((c) => ({ top: 2, left: c, bottom: 3, right: c })),
      ],
      findings: [],
      rows: async function* () {
        yield* rows;
      },
    };
    const wb = { file: 'mo-01.xlsx', format: 'xlsx', sheets: [], sheet: async () => handle, close: async () => {} } as Workbook;
    const table = await readTable(wb, handle, { fields: VACANCY_FIELDS, required: VACANCY_REQUIRED });
    expect(Object.fromEntries([...table.columns].map(([f, c]) => [f, columnLetter(c)]))).toEqual({
      vacancies: 'A',
      places: 'B',
      territory: 'C',
      school_name: 'D',
      school_code: 'E',
      classes: 'F',
      municipality: 'G',
    });
  });
});

// ---------------------------------------------------------------------------------------------

const sub = (school: string, municipality: string, classes: number, places: number, vacancies: number, submitted_at = '2020-01-15T10:00:00+03:00'): SubmittedVacancy => ({
  school,
  municipality,
  classes,
  places,
  vacancies,
  submitted_at,
});

describe('vacancyReport', () => {
  it('sums each municipality and the region, and lists the schools still missing', () => {
    const report = vacancyReport({
      registry,
      submitted: [
        sub('0101', '01', 3, 75, 70),
        sub('0102', '01', 2, 50, 10),
        // a corrected sheet replaces the earlier one
        sub('0101', '01', 3, 75, 60, '2020-01-16T09:00:00+03:00'),
        sub('0201', '02', 4, 100, 100),
      ],
      approvals: { '02': { approved_at: '2020-01-20T12:00:00+03:00' } },
    });
    expect(report.municipalities).toEqual([
      { code: '01', name: 'Рыбинский район', schools: 3, submitted: 2, classes: 5, places: 125, vacancies: 70, missing: 1, missing_schools: ['0103'] },
      { code: '02', name: 'город Ярославль', schools: 1, submitted: 1, classes: 4, places: 100, vacancies: 100, missing: 0, missing_schools: [], approved_at: '2020-01-20T12:00:00+03:00' },
    ]);
    expect(report.total).toEqual({ schools: 4, submitted: 3, classes: 9, places: 225, vacancies: 170, missing: 1, approved: 1 });
  });

  it('shows a forced approval with its reason, and a municipality nobody has submitted for', () => {
    const report = vacancyReport({
      registry,
      submitted: [],
      approvals: { '01': { approved_at: '2020-01-20', forced: true, reason: 'лицей закрыт на ремонт' } },
    });
    expect(report.municipalities[0]).toMatchObject({ code: '01', submitted: 0, missing: 3, missing_schools: ['0101', '0102', '0103'], forced: true, reason: 'лицей закрыт на ремонт' });
    expect(report.municipalities[1]).not.toHaveProperty('approved_at');
    expect(report.total).toMatchObject({ schools: 4, submitted: 0, classes: 0, missing: 4, approved: 1 });
  });
});

describe('canApprove', () => {
  const all01 = [sub('0101', '01', 3, 75, 70), sub('0102', '01', 2, 50, 10), sub('0103', '01', 1, 25, 25)];

  it('approves a municipality whose schools have all submitted without errors', () => {
    expect(canApprove('01', { registry, submitted: all01, openErrors: 0 })).toEqual({ ok: true });
  });

  it('refuses while sheets have errors or schools are missing, and says which', () => {
    expect(canApprove('01', { registry, submitted: all01, openErrors: 2 })).toEqual({ ok: false, reasons: ['errors'], missing: [] });
    expect(canApprove('01', { registry, submitted: all01.slice(1), openErrors: 0 })).toEqual({ ok: false, reasons: ['missing-schools'], missing: ['0101'] });
    expect(canApprove('02', { registry, submitted: all01, openErrors: 1 })).toEqual({ ok: false, reasons: ['errors', 'missing-schools'], missing: ['0201'] });
  });
});
