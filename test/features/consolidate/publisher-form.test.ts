import { describe, expect, it } from 'vitest';
import type { ConsolidatedRow, PublisherConsolidation, Totals } from '../../../src/features/consolidate/consolidate.js';
import { planForm, recipientLabel, type FormRow } from '../../../src/features/consolidate/publisher-form.js';

const PRICE = 25_000;

function row(item_key: string, grade: number, schools: Record<string, number>, price_kopecks = PRICE): ConsolidatedRow {
  const map = new Map<string, Totals>(Object.entries(schools).map(([s, q]) => [s, { copies: q, sum_kopecks: q * price_kopecks }]));
  const copies = Object.values(schools).reduce((a, b) => a + b, 0);
  return {
    key: `Дрофа\u0000${item_key}\u0000${grade}\u0000${price_kopecks}`,
    publisher: 'Дрофа',
    item_key,
    grade,
    price_kopecks,
    item: { known: true, item_code: item_key, authors: 'Рамзаева Т.Г.', title: `Учебник ${item_key}` },
    cells: map,
    schools: map,
    total: { copies, sum_kopecks: copies * price_kopecks },
  };
}

function consolidation(rows: ConsolidatedRow[], columns = ['0101', '0102']): PublisherConsolidation {
  return { publisher: 'Дрофа', columns, rows, columnTotals: new Map(), bySchool: new Map(), byMunicipality: new Map(), total: { copies: 0, sum_kopecks: 0 }, lines: [] };
}

const school = (code: string) => ({ name: `Школа ${code}`, inn: code === '0102' ? undefined : '1800000001' });
const at = { file: 'форма.xlsx', sheet: '2015 2016' };

describe('planForm', () => {
  const form: FormRow[] = [
    { row: 7, key: 'A', grade: 1, price_kopecks: PRICE },
    { row: 8, key: 'B', grade: 2, price_kopecks: PRICE },
    { row: 9, key: 'B', grade: 3, price_kopecks: PRICE },
    { row: 10, key: 'C', grade: 4, price_kopecks: 30_000 },
    { row: 11, grade: 5, price_kopecks: PRICE },
  ];

  it('puts each school\'s quantity in the form row of the item and grade', () => {
    const plan = planForm(consolidation([row('A', 1, { '0101': 5, '0102': 7 }), row('B', 3, { '0102': 4 })]), form, school, at, 'Z');
    expect(plan.recipients.map((r) => [r.school, r.label, [...r.quantities]])).toEqual([
      ['0101', 'Школа 0101, ИНН 1800000001', [[7, 5]]],
      ['0102', 'Школа 0102', [[7, 7], [9, 4]]],
    ]);
    expect(plan.placed).toEqual({ copies: 16, sum_kopecks: 16 * PRICE });
  });

  it('reports an ordered item the form lacks as an error, with its copies and schools, and does not place it', () => {
    const plan = planForm(consolidation([row('A', 1, { '0101': 5 }), row('X', 6, { '0101': 2, '0102': 3 })]), form, school, at, 'Z');
    const absent = plan.findings.filter((f) => f.code === 'form-item-absent');
    expect(absent).toEqual([
      expect.objectContaining({ severity: 'error', file: 'форма.xlsx', item: 'X', actual: 5, params: expect.objectContaining({ copies: 5, schools: '0101, 0102', grade: 6 }) }),
    ]);
    expect(plan.placed.copies).toBe(5);
  });

  it('reports a price in the form that differs from the ordered price at the form\'s price cell, once per row and price', () => {
    const plan = planForm(consolidation([row('C', 4, { '0101': 2, '0102': 1 })]), form, school, at, 'Z');
    expect(plan.findings.filter((f) => f.code === 'form-order-price-differs')).toEqual([
      expect.objectContaining({ severity: 'warning', row: 10, column: 'Z', expected: PRICE, actual: 30_000, params: expect.objectContaining({ form_sum_kopecks: 90000, order_sum_kopecks: 75000 }) }),
    ]);
    expect(plan.recipients[0]!.quantities.get(10)).toBe(2);
  });

  it('adds up two ordered prices of one item in its one form row', () => {
    const plan = planForm(consolidation([row('A', 1, { '0101': 5 }), row('A', 1, { '0101': 2 }, 24_000)]), form, school, at, 'Z');
    expect(plan.recipients[0]!.quantities.get(7)).toBe(7);
    expect(plan.findings.filter((f) => f.code === 'form-order-price-differs')).toHaveLength(1);
  });

  it('takes an item\'s only row whatever its grade, but does not guess between two rows of other grades', () => {
    const single = planForm(consolidation([row('A', 2, { '0101': 1 })]), form, school, at);
    expect(single.recipients[0]!.quantities.get(7)).toBe(1);
    const ambiguous = planForm(consolidation([row('B', 5, { '0101': 1 })]), form, school, at);
    expect(ambiguous.findings.map((f) => f.code)).toContain('form-item-absent');
  });

  it('warns of a recipient without an ИНН', () => {
    const plan = planForm(consolidation([row('A', 1, { '0102': 1 })]), form, school, at);
    expect(plan.findings.filter((f) => f.code === 'form-recipient-inn-missing')).toEqual([expect.objectContaining({ school: '0102', severity: 'warning' })]);
  });

  it('labels a recipient with its name and ИНН', () => {
    expect(recipientLabel({ name: 'МБОУ СОШ № 1', inn: '7017012345' })).toBe('МБОУ СОШ № 1, ИНН 7017012345');
  });
});
