/**
 * The first-grade vacancy sheet schools fill (docs/file-formats.md#vacancies; plan 003, stage 7): one row per school
 * with its code, name and municipality filled in, and the counts to type in pale blue cells that only
 * take whole numbers ≥ 0. The column titles are the first synonyms of VACANCY_FIELDS, so the sheet is
 * read back by the same header matching as any sheet a school makes itself, and the municipality is a
 * labelled cell above the header («Муниципалитет:» | 01), which `vacancies validate` takes as the
 * municipality the sheet is for.
 */
import type { Worksheet } from 'exceljs';
import { columnLetter } from '../../core/finding.js';
import type { Registry, School } from '../../core/model/registry.js';
import { VACANCY_FIELDS, type VacancyField, type VacancySettings } from './check.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { addDataSheet } from '../../io/sheets/data-sheet.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles } from '../../io/sheets/xlsx-write.js';

/** The label the template writes before the municipality's code; the reader accepts any municipality synonym. */
const MUNICIPALITY_LABEL = 'Муниципалитет:';

const COLUMNS: { field: VacancyField; width: number }[] = [
  // wide enough for the «Муниципалитет:» label above it (checked in print: test/print/print-quality.test.ts)
  { field: 'school_code', width: 16 },
  { field: 'school_name', width: 42 },
  { field: 'municipality', width: 17 },
  { field: 'classes', width: 14 },
  { field: 'places', width: 14 },
  { field: 'territory', width: 18 },
  { field: 'applications', width: 14 },
  { field: 'vacancies', width: 14 },
];

const TITLE = Object.fromEntries(VACANCY_FIELDS.map((f) => [f.key, f.synonyms[0]!])) as Record<VacancyField, string>;
const INPUT_FIELDS: VacancyField[] = ['classes', 'places', 'territory', 'applications', 'vacancies'];
/** 0-based columns of the typed-in counts, which stand next to each other. */
const INPUT_COLUMNS = INPUT_FIELDS.map((f) => COLUMNS.findIndex((c) => c.field === f));

/** Rows of the layout (1-based): the header, and the first school under it. */
const TEMPLATE_HEADER_ROW = 5;
const FIRST_ROW = TEMPLATE_HEADER_ROW + 1;

export interface VacancyTemplateInput {
  registry: Registry;
  /** one municipality's schools, or the whole region's when absent */
  municipality?: string;
  campaign: { id: string; year: number; region: string };
  settings: VacancySettings;
  lang: Lang;
}

function schoolsFor(registry: Registry, municipality: string | undefined): School[] {
  return registry.schools
    .filter((s) => municipality === undefined || s.municipality === municipality)
    .sort((a, b) => a.municipality.localeCompare(b.municipality, 'ru', { numeric: true }) || a.code.localeCompare(b.code, 'ru', { numeric: true }));
}

/** Writes the template to `out` (atomically); returns how many schools it lists. */
export async function writeVacancyTemplate(input: VacancyTemplateInput, out: string): Promise<{ schools: number }> {
  const { registry, municipality, campaign, settings, lang } = input;
  const year = campaign.year;
  const schools = schoolsFor(registry, municipality);
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(t(lang, 'vacancies.template-sheet'), { views: [{ state: 'frozen', xSplit: 2, ySplit: TEMPLATE_HEADER_ROW }] });
  const last = COLUMNS.length;

  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = t(lang, 'vacancies.template-title', { year, next: year + 1 });
  ws.getCell(1, 1).style = styles.title;
  if (municipality !== undefined) {
    ws.getCell(2, 1).value = MUNICIPALITY_LABEL;
    ws.getCell(2, 1).style = styles.label;
    ws.getCell(2, 2).value = municipality;
    ws.getCell(2, 3).value = registry.municipalities.find((m) => m.code === municipality)?.name ?? '';
  } else {
    ws.getCell(2, 1).value = campaign.region;
    ws.getCell(2, 1).style = styles.label;
  }
  ws.mergeCells(3, 1, 3, last);
  const required = [settings.require_territory ? TITLE.territory : '', settings.require_applications ? TITLE.applications : ''].filter(Boolean);
  ws.getCell(3, 1).value = [
    t(lang, 'vacancies.template-hint', { max: settings.max_class_size }),
    required.length ? t(lang, 'vacancies.template-required', { columns: required.map((c) => `«${c}»`).join(', ') }) : t(lang, 'vacancies.template-optional'),
  ].join(' ');
  ws.getCell(3, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(3).height = 45;

  COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const cell = ws.getCell(TEMPLATE_HEADER_ROW, i + 1);
    cell.value = TITLE[c.field];
    cell.style = styles.header;
  });
  ws.getRow(TEMPLATE_HEADER_ROW).height = 48;

  schools.forEach((s, i) => {
    const r = FIRST_ROW + i;
    // Codes as text: «0101» typed as a number would lose its leading zero.
    ws.getCell(r, 1).value = s.code;
    ws.getCell(r, 1).style = styles.plain;
    ws.getCell(r, 2).value = s.short_name;
    ws.getCell(r, 2).style = styles.text;
    ws.getCell(r, 3).value = s.municipality;
    ws.getCell(r, 3).style = styles.plain;
    for (const c of INPUT_COLUMNS) ws.getCell(r, c + 1).style = styles.input;
  });
  const lastRow = FIRST_ROW + schools.length - 1;
  const [from, to] = [columnLetter(Math.min(...INPUT_COLUMNS)), columnLetter(Math.max(...INPUT_COLUMNS))];
  if (schools.length) addCountValidation(ws, `${from}${FIRST_ROW}:${to}${lastRow}`, lang);

  setPrintA4(ws, { landscape: true, repeatRows: [TEMPLATE_HEADER_ROW, TEMPLATE_HEADER_ROW] });
  addDataSheet(
    wb,
    { kind: 'vacancy-template', campaign: campaign.id, extra: { ...(municipality === undefined ? {} : { municipality }), year: String(year) } },
    ['school', 'municipality'],
    schools.map((s) => [s.code, s.municipality]),
  );
  await saveWorkbook(wb, out);
  return { schools: schools.length };
}

function addCountValidation(ws: Worksheet, range: string, lang: Lang): void {
  // One range entry instead of one per cell; exceljs's typings lack the collection.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  validations.add(range, {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: t(lang, 'vacancies.template-invalid-title'),
    error: t(lang, 'vacancies.template-invalid'),
  });
}
