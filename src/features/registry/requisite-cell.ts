/**
 * A requisite's cell as text (the registry's requisites, the publishers' cards). Apart from the
 * commands that read them, so that the registry's index does not load a command and the sheet readers
 * for every feature that imports it (consolidate, export: issue 20, start-up).
 */
import { cellText } from '../../io/sheets/cell-text.js';
import type { SheetCell } from '../../io/sheets/types.js';

/**
 * Widths of the numbers a spreadsheet stores as a number and so without their leading zeros: a БИК
 * typed into Excel as 044525225 is the number 44525225, a ИНН of Адыгея 0105… loses its 0.
 */
const WIDTH: Partial<Record<string, number>> = { inn: 10, kpp: 9, bik: 9 };

/** A requisite cell's text, a number of a БИК, ИНН or КПП with its leading zeros put back. */
export function requisiteCellText(cell: SheetCell | undefined, field: string): string {
  const width = WIDTH[field];
  if (width !== undefined && typeof cell?.value === 'number' && Number.isInteger(cell.value)) return String(cell.value).padStart(width, '0');
  return cellText(cell);
}
