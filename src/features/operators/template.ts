/**
 * The register a municipality sends to its schools (plan 003, stage 5), or fills itself for its own
 * responsible staff (stage 4): one sheet, the municipality as a labelled cell above the header
 * («Муниципалитет:» | 01, read back by `operators validate`), and for each unit two rows ready to
 * fill — the chief operator's and an operator's — with the role already chosen from a list. More
 * rows may be inserted anywhere; the column titles are the first synonyms of OPERATOR_FIELDS, so the
 * sheet is read back by the same header matching as any list a school makes itself.
 */
import type { Worksheet } from 'exceljs';
import { columnLetter } from '../../core/finding.js';
import type { Registry } from '../../core/model/registry.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { addDataSheet } from '../../io/sheets/data-sheet.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles } from '../../io/sheets/xlsx-write.js';
import { ROLE_WORDS, TITLE, unitsOf, type OperatorField, type Unit } from './check.js';

export const MUNICIPALITY_LABEL = 'Муниципалитет:';

// Column A is wide enough for the «Муниципалитет:» label above it (checked in print: test/print/print-quality.test.ts).
const WIDTH: Record<OperatorField, number> = { school_code: 16, school_name: 36, municipality: 16, full_name: 32, position: 30, role: 20, email: 28, phone: 20 };

export function templateColumns(unit: Unit): OperatorField[] {
  return [...(unit === 'school' ? (['school_code', 'school_name'] as const) : (['municipality'] as const)), 'full_name', 'position', 'role', 'email', 'phone'];
}

const HEADER_ROW = 4;

/** The role as the template writes it: the first word of ROLE_WORDS, with a capital letter. */
const roleText = (role: 'chief' | 'operator') => ROLE_WORDS[role][0]!.replace(/^./u, (c) => c.toUpperCase());

export async function writeOperatorTemplate(
  input: { registry: Registry; municipality: string; unit: Unit; campaign: { id: string; year: number }; lang: Lang },
  out: string,
): Promise<{ units: number }> {
  const { registry, municipality, unit, campaign, lang } = input;
  const columns = templateColumns(unit);
  const units = unitsOf(registry, unit, municipality).sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
  const nameOf = new Map(registry.schools.map((s) => [s.code, s.short_name]));
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(t(lang, unit === 'school' ? 'operators.template-sheet' : 'operators.template-sheet-staff'), {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  const last = columns.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = t(lang, unit === 'school' ? 'operators.template-title' : 'operators.template-title-staff', { year: campaign.year, next: campaign.year + 1 });
  ws.getCell(1, 1).style = styles.title;
  ws.getCell(2, 1).value = MUNICIPALITY_LABEL;
  ws.getCell(2, 1).style = styles.label;
  ws.getCell(2, 2).value = municipality;
  ws.getCell(2, 3).value = registry.municipalities.find((m) => m.code === municipality)?.name ?? '';
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = t(lang, 'operators.template-hint');
  ws.getCell(3, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(3).height = 45;
  columns.forEach((f, i) => {
    ws.getColumn(i + 1).width = WIDTH[f];
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = TITLE[f];
    cell.style = styles.header;
  });

  let r = HEADER_ROW + 1;
  for (const id of units)
    for (const role of ['chief', 'operator'] as const) {
      columns.forEach((f, i) => {
        const cell = ws.getCell(r, i + 1);
        // Codes as text: «0101» typed as a number would lose its leading zero.
        if (f === 'school_code' || f === 'municipality') cell.value = id;
        else if (f === 'school_name') cell.value = nameOf.get(id) ?? '';
        else if (f === 'role') cell.value = roleText(role);
        cell.style = f === 'school_code' || f === 'school_name' || f === 'municipality' ? styles.plain : styles.input;
      });
      r++;
    }
  if (units.length) addRoleList(ws, columns.indexOf('role'), HEADER_ROW + 1, r - 1 + 50, lang);
  setPrintA4(ws, { landscape: true, repeatRows: [HEADER_ROW, HEADER_ROW] });
  addDataSheet(wb, { kind: unit === 'school' ? 'operators-template' : 'municipal-staff-template', campaign: campaign.id, extra: { municipality } }, ['unit'], units.map((u) => [u]));
  await saveWorkbook(wb, out);
  return { units: units.length };
}

/** The role column offers the two roles; rows inserted below the schools' rows (up to 50) too. */
function addRoleList(ws: Worksheet, col: number, from: number, to: number, lang: Lang): void {
  const letter = columnLetter(col);
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  validations.add(`${letter}${from}:${letter}${to}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${roleText('chief')},${roleText('operator')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: t(lang, 'operators.template-role-title'),
    error: t(lang, 'operators.template-role'),
  });
}
