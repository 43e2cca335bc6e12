/**
 * A returned card (cards-write.ts) read with the one reader (src/io/sheets/open.ts, table.ts): the
 * school from the «Код ОО:» cell above the table, and each row's corrected value by the field's key.
 * A card whose school cannot be found above the table is refused (exit 3): it is not a card.
 */
import { columnLetter, type CellAddress } from '../../core/finding.js';
import { InputError } from '../../core/errors.js';
import { normalizeHeader } from '../../core/text.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { cellText, findTable, type TableSpec } from '../../io/sheets/table.js';
import type { SheetRow } from '../../io/sheets/types.js';
import { isCardField, type CardCorrection, type CardInput } from './cards.js';
import { CARD_SCHOOL_LABEL, CARD_TITLES } from './cards-write.js';
import { requisiteCellText } from './requisite-cell.js';

const CARD_SPEC: TableSpec = {
  fields: [
    { key: 'field', synonyms: [CARD_TITLES.field], prefix: false },
    { key: 'label', synonyms: [CARD_TITLES.label], prefix: false },
    { key: 'value', synonyms: [CARD_TITLES.value, 'Значение'], prefix: false },
    { key: 'corrected', synonyms: [CARD_TITLES.corrected, 'Исправление', 'Верное значение'], prefix: false },
  ],
  required: ['field', 'corrected'],
};

/** «Код ОО: 0101» in one cell, or the label with the value in the next filled cell of its row, with that cell's address. */
function statedSchool(preamble: SheetRow[]): { code: string; column: number; row: number } | undefined {
  const label = normalizeHeader(CARD_SCHOOL_LABEL.replace(':', ''));
  for (const r of preamble)
    for (let c = 0; c < r.cells.length; c++) {
      const text = cellText(r.cells[c]).trim();
      const colon = text.indexOf(':');
      if (normalizeHeader(colon >= 0 ? text.slice(0, colon) : text) !== label) continue;
      const inline = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (inline) return { code: inline, column: c, row: r.row };
      for (let n = c + 1; n < r.cells.length; n++) {
        const next = cellText(r.cells[n]).trim();
        if (next) return { code: next, column: n, row: r.row };
      }
    }
  return undefined;
}

export async function readCard(file: string): Promise<CardInput & { rows: number }> {
  const wb = await openWorkbook(file);
  try {
    const table = await findTable(wb, CARD_SPEC);
    const sheet = wb.format === 'csv' ? undefined : table.sheet;
    const stated = statedSchool(table.preamble);
    if (!stated) throw new InputError('cards.school-missing', { file, label: CARD_SCHOOL_LABEL });
    const corrections: CardCorrection[] = [];
    let rows = 0;
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      rows++;
      const field = cellText(table.cell(r, 'field')).trim();
      if (!isCardField(field)) continue;
      const cell = table.cell(r, 'corrected');
      const value = typeof cell?.value === 'number' && !field.startsWith('students_') ? requisiteCellText(cell, field) : cell?.value;
      if (value === undefined || value === null || typeof value === 'boolean') continue;
      const at: CellAddress = { file, sheet, row: r.row, column: table.column('corrected') };
      corrections.push({ field, value, at });
    }
    return { file, school: stated.code, schoolAt: { file, sheet, row: stated.row, column: columnLetter(stated.column) }, corrections, rows };
  } finally {
    await wb.close();
  }
}
