/**
 * Reading a register of people (operators or municipal staff) with the one reader
 * (src/io/sheets/open.ts, table.ts), so that a school's own header words («Ф.И.О.», «Эл. почта»)
 * are recognised like the template's. Also the tables of parents' meetings use `readRows` below.
 */
import type { CellAddress, Finding } from '../../core/finding.js';
import { normalizeHeader } from '../../core/text.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { cellText, findTable, type TableSpec } from '../../io/sheets/table.js';
import type { OpenOptions, SheetRow, SourceFormat } from '../../io/sheets/types.js';

export interface ReadRow<F extends string> {
  row: number;
  values: Partial<Record<F, string | number | null>>;
  /** the fields whose cell has a date format (its number is an Excel serial date) */
  dates: Set<F>;
  at(field: F): CellAddress;
}

export interface ReadFile<F extends string> {
  file: string;
  format: SourceFormat;
  rows: ReadRow<F>[];
  /** the value of a labelled cell above the header («Муниципалитет: 01») */
  stated?: string;
  findings: Finding[];
}

/** «Муниципалитет: 01» in one cell, or the label with the value in the next filled cell of its row. */
function statedValue(preamble: SheetRow[], labels: Set<string>): string | undefined {
  for (const r of preamble)
    for (let c = 0; c < r.cells.length; c++) {
      const text = cellText(r.cells[c]).trim();
      const colon = text.indexOf(':');
      if (!labels.has(normalizeHeader(colon >= 0 ? text.slice(0, colon) : text))) continue;
      const inline = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (inline) return inline;
      const next = r.cells.slice(c + 1).map((cell) => cellText(cell).trim()).find(Boolean);
      if (next) return next;
    }
  return undefined;
}

/**
 * The data rows of the first sheet whose header fits `spec` (`sheet` names one), blank rows and
 * totals left out. Throws the reader's InputError (exit 3) when no sheet fits.
 */
export async function readRows<F extends string>(
  file: string,
  spec: TableSpec,
  opts: { sheet?: string; map?: Record<string, string>; read?: OpenOptions; statedLabels?: string[] },
): Promise<ReadFile<F>> {
  const wb = await openWorkbook(file, opts.read);
  try {
    const table = await findTable(wb, spec, { sheet: opts.sheet, map: opts.map });
    const sheet = wb.format === 'csv' ? undefined : table.sheet;
    const fields = spec.fields.map((f) => f.key as F).filter((f) => table.has(f));
    const out: ReadFile<F> = { file, format: wb.format, rows: [], findings: [] };
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      const values: ReadRow<F>['values'] = {};
      const dates = new Set<F>();
      for (const f of fields) {
        const cell = table.cell(r, f);
        const v = cell?.value;
        values[f] = v === undefined || v === null ? null : typeof v === 'boolean' ? String(v) : v;
        if (cell?.date) dates.add(f);
      }
      if (Object.values(values).every((v) => v === null || String(v).trim() === '')) continue;
      const row = r.row;
      out.rows.push({ row, values, dates, at: (f) => ({ file, sheet, row, ...(table.column(f) === undefined ? {} : { column: table.column(f) }) }) });
    }
    if (opts.statedLabels) out.stated = statedValue(table.preamble, new Set(opts.statedLabels.map(normalizeHeader)));
    out.findings.push(...table.findings);
    return out;
  } finally {
    await wb.close();
  }
}
