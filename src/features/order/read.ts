/**
 * Reads one school order file into what the order domain checks: the rows with their cell addresses,
 * the totals row, and which school the file is for — from `--school`, else the labelled header cell of
 * uchebnik's template («Код ОО:» and the code beside it), else a file name that is a school code.
 */
import path from 'node:path';
import { columnLetter, type CellAddress, type Finding } from '../../core/finding.js';
import { ORDER_FIELDS, ORDER_REQUIRED, type OrderField } from '../../core/model/order.js';
import type { OrderRowInput, OrderTotalRowInput, RawValue } from './check.js';
import type { Registry } from '../../core/model/registry.js';
import { normalizeHeader } from '../../core/text.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { cellText, findTable } from '../../io/sheets/table.js';
import type { OpenOptions, SheetCell, SheetRow, SourceFormat } from '../../io/sheets/types.js';

export const ORDER_SPEC = { fields: ORDER_FIELDS, required: ORDER_REQUIRED };

/** The label uchebnik's template writes in A2; the validator looks for it in any preamble cell. */
export const SCHOOL_LABEL = 'Код ОО:';

export interface OrderFile {
  file: string;
  format: SourceFormat;
  sheet?: string;
  school?: string;
  schoolAt?: CellAddress;
  /** how the school was found */
  schoolFrom?: 'option' | 'label' | 'file-name';
  rows: OrderRowInput[];
  totalRow?: OrderTotalRowInput;
  /** data rows read (blank rows not counted) */
  dataRows: number;
  /** reader findings (e.g. an unclosed quote in a CSV) */
  findings: Finding[];
}

/** A row of the sheet with the address of each of its fields' cells (one method, not a closure per row). */
class RowAt<V> {
  constructor(
    private readonly place: { file: string; sheet: string | undefined; columnOf: (field: string) => string | undefined },
    readonly row: number,
    readonly values: V,
  ) {}

  at(field: string): CellAddress {
    return { file: this.place.file, sheet: this.place.sheet, row: this.row, column: this.place.columnOf(field) };
  }
}

function raw(cell: SheetCell | undefined): RawValue {
  if (!cell || cell.value === null || cell.value === undefined) return null;
  return typeof cell.value === 'boolean' ? String(cell.value) : cell.value;
}

function labelledSchool(preamble: SheetRow[], file: string, sheet: string | undefined): { code: string; at: CellAddress } | undefined {
  const label = normalizeHeader(SCHOOL_LABEL);
  for (const r of preamble) {
    for (let c = 0; c < r.cells.length; c++) {
      const text = cellText(r.cells[c]).trim();
      if (!text || !normalizeHeader(text).startsWith(label)) continue;
      // «Код ОО: 0412» in one cell, or the label with the code in the next non-empty cell.
      const inline = text.split(':').slice(1).join(':').trim();
      if (inline) return { code: inline, at: { file, sheet, row: r.row, column: columnLetter(c) } };
      for (let n = c + 1; n < r.cells.length; n++) {
        const value = cellText(r.cells[n]).trim();
        if (value) return { code: value, at: { file, sheet, row: r.row, column: columnLetter(n) } };
      }
    }
  }
  return undefined;
}

export async function readOrderFile(
  file: string,
  opts: { school?: string; registry: Registry; sheet?: string; map?: Record<string, string>; read?: OpenOptions },
): Promise<OrderFile> {
  const wb = await openWorkbook(file, opts.read);
  try {
    const table = await findTable(wb, ORDER_SPEC, { sheet: opts.sheet, map: opts.map });
    const sheet = wb.format === 'csv' ? undefined : table.sheet;
    const rows: OrderRowInput[] = [];
    let totalRow: OrderTotalRowInput | undefined;
    let dataRows = 0;
    const place = { file, sheet, columnOf: (field: string) => table.column(field) };
    // The fields the sheet has and their columns, looked up once rather than on every row.
    const present = ORDER_FIELDS.flatMap((f) => (table.has(f.key) ? [[f.key, table.columns.get(f.key)!] as const] : []));
    for await (const r of table.rows()) {
      if (r.kind === 'blank') continue;
      if (r.kind === 'total') {
        totalRow = new RowAt(place, r.row, { quantity: raw(table.cell(r, 'quantity')), sum: raw(table.cell(r, 'sum')) });
        continue;
      }
      dataRows++;
      const values: Partial<Record<OrderField, RawValue>> = {};
      for (const [key, col] of present) values[key] = raw(r.cells[col]);
      rows.push(new RowAt(place, r.row, values));
    }

    let school: string | undefined;
    let schoolAt: CellAddress | undefined;
    let schoolFrom: OrderFile['schoolFrom'];
    if (opts.school) {
      school = opts.school;
      schoolFrom = 'option';
    } else {
      const labelled = labelledSchool(table.preamble, file, sheet);
      if (labelled) {
        school = labelled.code;
        schoolAt = labelled.at;
        schoolFrom = 'label';
      } else {
        const base = path.basename(file).replace(/\.[^.]+$/, '');
        const known = new Set(opts.registry.schools.map((s) => s.code));
        const candidate = [base, ...base.split(/[\s_.-]+/)].find((p) => known.has(p));
        if (candidate) {
          school = candidate;
          schoolFrom = 'file-name';
        }
      }
    }
    return { file, format: wb.format, sheet, school, schoolAt, schoolFrom, rows, totalRow, dataRows, findings: table.findings };
  } finally {
    await wb.close();
  }
}
