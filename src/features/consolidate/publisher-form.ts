/**
 * A municipality's consolidation for one publisher laid onto the publisher's own form
 * (docs/file-formats.md#forms): which form row each ordered item goes to, each school's quantity there, and
 * findings for what the form cannot carry — an ordered item the form lacks (error: the filled form would undercount it),
 * an item whose price in the form differs from the price it was ordered at (warning: the form's own
 * formulas will compute a different sum), a recipient without an ИНН (warning: the publisher asks for
 * it in the header). Nothing ordered is ever dropped silently.
 */
import { finding, type CellAddress, type Finding } from '../../core/finding.js';
import { sumKopecks } from '../../core/money.js';
import type { PublisherConsolidation } from './consolidate.js';

/** A form row with the catalogue key it was matched to (undefined when the catalogue lacks it). */
export interface FormRow {
  row: number;
  key?: string;
  grade?: number;
  price_kopecks?: number;
}

export interface SchoolLabel {
  name: string;
  inn?: string;
}

export interface RecipientPlan {
  school: string;
  label: string;
  /** form row → quantity */
  quantities: Map<number, number>;
}

export interface FormPlan {
  recipients: RecipientPlan[];
  findings: Finding[];
  /** copies and kopecks that went into the form, at the order's prices */
  placed: { copies: number; sum_kopecks: number };
}

export function recipientLabel(school: SchoolLabel): string {
  return school.inn ? `${school.name}, ИНН ${school.inn}` : school.name;
}

/**
 * `p` is a municipality's consolidation, whose columns (and row cells) are its schools: the form's
 * recipients. `at` is where findings point: the filled form's file and sheet; `priceColumn` the form's price
 * column letter (a differing price is reported at that cell of the item's row).
 */
export function planForm(p: PublisherConsolidation, rows: readonly FormRow[], schools: (code: string) => SchoolLabel, at: CellAddress, priceColumn?: string): FormPlan {
  const byKey = new Map<string, FormRow[]>();
  for (const r of rows) {
    if (r.key === undefined) continue;
    if (!byKey.has(r.key)) byKey.set(r.key, []);
    byKey.get(r.key)!.push(r);
  }
  const findings: Finding[] = [];
  const quantities = new Map<string, Map<number, number>>(p.columns.map((s) => [s, new Map()]));
  const placed: number[] = [];
  let copies = 0;
  const priceReported = new Set<string>();

  for (const line of p.rows) {
    const candidates = byKey.get(line.item_key) ?? [];
    // A form may list an item once per grade: the row of the line's grade, else the item's only row.
    const target = candidates.find((r) => r.grade === line.grade) ?? (candidates.length === 1 || candidates.every((r) => r.grade === undefined) ? candidates[0] : undefined);
    const code = line.item.item_code ?? line.item.fpu_code ?? line.item_key;
    if (!target) {
      findings.push(
        finding(
          'form-item-absent',
          'error',
          { file: at.file, sheet: at.sheet },
          { item: code, title: line.item.title, grade: line.grade, copies: line.total.copies, sum_kopecks: line.total.sum_kopecks, schools: [...line.cells.keys()].join(', ') },
          { item: line.item_key, actual: line.total.copies },
        ),
      );
      continue;
    }
    for (const [school, t] of line.cells) {
      const q = quantities.get(school)!;
      q.set(target.row, (q.get(target.row) ?? 0) + t.copies);
    }
    copies += line.total.copies;
    placed.push(line.total.sum_kopecks);
    const reportKey = `${target.row}\u0000${line.price_kopecks}`;
    if (target.price_kopecks !== undefined && target.price_kopecks !== line.price_kopecks && !priceReported.has(reportKey)) {
      priceReported.add(reportKey);
      findings.push(
        finding(
          'form-order-price-differs',
          'warning',
          { ...at, row: target.row, column: priceColumn },
          {
            item: code,
            form_price_kopecks: target.price_kopecks,
            order_price_kopecks: line.price_kopecks,
            copies: line.total.copies,
            form_sum_kopecks: target.price_kopecks * line.total.copies,
            order_sum_kopecks: line.total.sum_kopecks,
          },
          { item: line.item_key, expected: line.price_kopecks, actual: target.price_kopecks },
        ),
      );
    }
  }

  const recipients = p.columns.map((school) => {
    const label = schools(school);
    if (!label.inn) findings.push(finding('form-recipient-inn-missing', 'warning', { file: at.file, sheet: at.sheet }, { school, name: label.name }, { school }));
    return { school, label: recipientLabel(label), quantities: quantities.get(school)! };
  });
  return { recipients, findings, placed: { copies, sum_kopecks: sumKopecks(placed) } };
}

/** A filled row whose own total formula leaves out some of what was filled (src/features/forms/fill.ts `NotExtended`). */
export interface TotalGap {
  row: number;
  column: string;
  formula: string;
  columns: string[];
  copies: number;
}

/**
 * One error per total cell the filling could not make add every filled quantity (issue 16, pattern
 * 10): recalculated, the form's total would say fewer copies than were filled, and the publisher reads
 * that total. The cell is named so that a person can correct the formula.
 */
export function totalGapFindings(gaps: readonly TotalGap[], at: CellAddress): Finding[] {
  return gaps.map((g) =>
    finding(
      'form-total-not-extended',
      'error',
      { file: at.file, sheet: at.sheet, row: g.row, column: g.column },
      { cell: `${g.column}${g.row}`, formula: g.formula ? `=${g.formula}` : '—', columns: g.columns.join(', ') || '—', copies: g.copies },
      { actual: g.copies },
    ),
  );
}
