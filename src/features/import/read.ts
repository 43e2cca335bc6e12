/**
 * Reading a consolidation uchebnik wrote (a municipality's or the region's) back from its hidden data
 * sheet (docs/file-formats.md#data-sheet): the lines, the meta, whether the checksum holds. `import`
 * stores them; `diff` compares two of them.
 */
import { finding, type Finding } from '../../core/finding.js';
import { InputError } from '../../core/errors.js';
import { DATA_SCHEMA, DATA_SHEET_NAME, readDataSheet, type DataValue } from '../../io/sheets/data-sheet.js';
import { openWorkbook } from '../../io/sheets/open.js';
import type { SheetRow } from '../../io/sheets/types.js';
import { KIND_MUNICIPALITY, KIND_REGION } from '../consolidate/index.js';

/** One school line of a consolidation file. */
export interface FileLine {
  school: string;
  municipality: string;
  publisher: string;
  item_key: string;
  grade: number;
  quantity: number;
  price_kopecks: number;
  /** describing columns, when the file has them */
  fpu_code?: string;
  item_code?: string;
  title?: string;
  /** the data sheet's row */
  row: number;
}

/** A workbook's data sheet, read and checked row by row. */
export interface ConsolidationFile {
  file: string;
  /** the sheet the lines come from (the hidden data sheet) */
  sheet: string;
  meta: Record<string, string>;
  kind: string;
  checksumOk: boolean;
  lines: FileLine[];
  /** rows or columns that cannot be read */
  findings: Finding[];
}

const REQUIRED = ['school', 'municipality', 'publisher', 'item_key', 'grade', 'quantity', 'price_kopecks'] as const;

function text(v: DataValue | undefined): string {
  return v === undefined ? '' : String(v).trim();
}

function whole(v: DataValue | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/**
 * The data sheet of a workbook uchebnik wrote. A file without one (or not a workbook) is an InputError
 * (exit 3); so is a sheet of a newer schema than this uchebnik reads.
 */
export async function readConsolidationFile(file: string): Promise<ConsolidationFile> {
  const wb = await openWorkbook(file);
  let rows: SheetRow[] = [];
  try {
    if (!wb.sheets.some((s) => s.name === DATA_SHEET_NAME)) throw new InputError('import.no-data-sheet', { file });
    for await (const r of (await wb.sheet(DATA_SHEET_NAME)).rows()) rows.push(r);
  } finally {
    await wb.close();
  }
  const sheet = readDataSheet(rows);
  if (!sheet) throw new InputError('import.no-data-sheet', { file });
  const schema = Number(sheet.meta['schema']);
  if (!(schema <= DATA_SCHEMA)) throw new InputError('import.newer-schema', { file, found: sheet.meta['schema'], supported: DATA_SCHEMA });

  // The data rows follow the header, which follows `checksum` (readDataSheet's layout).
  const checksumAt = rows.findIndex((r) => text(r.cells[0]?.value as DataValue) === 'checksum');
  rows = rows.slice(checksumAt + 2);
  const at = (i: number) => ({ file, sheet: DATA_SHEET_NAME, row: rows[i]?.row });

  const findings: Finding[] = [];
  const col = new Map(sheet.columns.map((c, i) => [c, i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  const lines: FileLine[] = [];
  if (missing.length) {
    findings.push(finding('import-columns-missing', 'error', { file, sheet: DATA_SHEET_NAME }, { columns: missing.join(', ') }));
  } else {
    sheet.rows.forEach((r, i) => {
      const get = (c: string) => (col.has(c) ? r[col.get(c)!] : undefined);
      const grade = whole(get('grade'), 1, 11);
      const quantity = whole(get('quantity'), 0);
      const price = whole(get('price_kopecks'), 0);
      const line = { school: text(get('school')), municipality: text(get('municipality')), publisher: text(get('publisher')), item_key: text(get('item_key')) };
      const bad = Object.entries(line).find(([, v]) => v === '')?.[0] ?? (grade === undefined ? 'grade' : quantity === undefined ? 'quantity' : price === undefined ? 'price_kopecks' : undefined);
      if (bad) {
        findings.push(finding('import-row-invalid', 'error', at(i), { reason: `${bad} = «${text(get(bad))}»` }));
        return;
      }
      const l: FileLine = { ...line, grade: grade!, quantity: quantity!, price_kopecks: price!, row: rows[i]?.row ?? 0 };
      for (const k of ['fpu_code', 'item_code', 'title'] as const) if (text(get(k))) l[k] = text(get(k));
      lines.push(l);
    });
  }
  return { file, sheet: DATA_SHEET_NAME, meta: sheet.meta, kind: sheet.meta['kind'] ?? '', checksumOk: sheet.checksumOk, lines, findings };
}

export const CONSOLIDATION_KINDS = [KIND_MUNICIPALITY, KIND_REGION];

/** The municipalities whose order from the file's publisher the file is complete for. */
export function coveredMunicipalities(f: ConsolidationFile): string[] {
  const listed = (f.meta['municipalities'] ?? f.meta['municipality'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return [...new Set([...listed, ...f.lines.map((l) => l.municipality)])];
}
