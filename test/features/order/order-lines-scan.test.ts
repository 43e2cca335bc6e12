/**
 * The order file's lines read straight from the text (src/features/order/order-lines-scan.ts): the
 * same orders as JSON.parse and the general checks give, and anything not written exactly as
 * formatOrder writes it left to the general path, which accepts or refuses it as before.
 */
import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../../src/core/model/order.js';
import type { OrderRecord } from '../../../src/core/model/order-lifecycle.js';
import { formatOrder, parseOrder } from '../../../src/features/order/order-file.js';
import { scanLines } from '../../../src/features/order/order-lines-scan.js';

function record(lines: OrderLine[][]): OrderRecord {
  return {
    school: '0101',
    municipality: '01',
    versions: lines.map((l, i) => ({
      version: i + 1,
      state: 'draft',
      submitted_at: '2026-02-01T10:00:00.000+04:00',
      source: { file: 'f.xlsx', sha256: 'a'.repeat(64), stored: 'inputs/a.xlsx' },
      lines: l,
      totals: { copies: 0, sum_kopecks: 0 },
      errors: 0,
    })),
  };
}

const line = (over: Partial<OrderLine> = {}): OrderLine => ({ publisher: 'Дрофа', item_key: 'code:D1', grade: 5, quantity: 3, price_kopecks: 12_345, row: 7, ...over });

/** The general path: JSON whitespace the scan does not take (\r before every line break). */
const general = (text: string): OrderRecord => parseOrder(text.replaceAll('\n', '\r\n'), 'F');

describe('scanLines', () => {
  it('gives what the general path gives for every kind of line formatOrder writes', () => {
    const cases: OrderLine[][][] = [
      [[line()]],
      [[], [line()], []],
      [[line({ row: undefined }), line({ publisher: 'Просвещение', item_key: 'isbn:978-5-09-012345-6', grade: -1, quantity: 0, price_kopecks: -5, row: 0 })]],
      [[line({ item_key: 'Ёлка «ёж» 1/2 𝔘', quantity: 999_999_999_999_999, price_kopecks: -999_999_999_999_999 })]],
      [Array.from({ length: 400 }, (_, i) => line({ publisher: ['А', 'Б', 'В'][i % 3]!, item_key: `code:${i}`, quantity: i, row: 6 + i }))],
    ];
    for (const lines of cases) {
      const text = formatOrder(record(lines));
      expect(parseOrder(text, 'F')).toEqual(record(lines));
      expect(general(text)).toEqual(record(lines));
      expect(scanLines(text, text.indexOf('"lines":') + '"lines":'.length, [...new Set(lines.flat().map((l) => l.publisher))])).toBeDefined();
    }
  });

  it('leaves to the general path what it does not read exactly, and the general path decides', () => {
    const at = (text: string) => scanLines(text, 0, ['Дрофа']);
    expect(at('[\n[[0,"k",1,2,3,4]]\n]')).toEqual({ lines: [[{ publisher: 'Дрофа', item_key: 'k', grade: 1, quantity: 2, price_kopecks: 3, row: 4 }]], end: 21 });
    for (const text of [
      '[\n[[0,"k",1,-2,3]]\n]', // a negative quantity: refused by the general path
      '[\n[[1,"k",1,2,3]]\n]', // no such publisher
      '[\n[[0,"k\\"q",1,2,3]]\n]', // an escape in the key
      '[\n[[0,"k",1.5,2,3]]\n]',
      '[\n[[0,"k",1e2,2,3]]\n]',
      '[\n[[0,"k",01,2,3]]\n]',
      '[\n[[0,"k",1,2,1234567890123456]]\n]', // 16 digits: JSON.parse decides about precision
      '[\n[[0,"k",1,2]]\n]',
      '[\n[[0,"k",1,2,3,4,5]]\n]',
      '[\n[[0, "k",1,2,3]]\n]',
      '[\n[[0,"k",1,2,3],[0,"k",1,2,3]]\n]', // two lines on one text line
      '[\n[[0,"k",1,2,3]]]',
      '[\n[[0,"k",1,2,3]',
    ]) {
      expect(at(text), text).toBeUndefined();
    }
  });

  it('is not used for a file whose text differs from formatOrder’s, which reads as before', () => {
    const text = formatOrder(record([[line()]]));
    expect(() => parseOrder(text.replace('"lines":[', '"lines": ['), 'F')).not.toThrow();
    expect(() => parseOrder(text.replace(',3,12345,7]', ',-3,12345,7]'), 'F')).toThrow(
      expect.objectContaining({ key: 'workspace.damaged', params: { file: 'F', reason: 'lines.0.0.3 (quantity): expected a whole number ≥ 0' } }),
    );
    expect(() => parseOrder(`${text}x`, 'F')).toThrow(expect.objectContaining({ key: 'workspace.damaged' }));
    expect(() => parseOrder(text.replace('{"schema":2,', '{"schema":2,"schema":3,'), 'F')).toThrow(expect.objectContaining({ key: 'workspace.newer-schema' }));
  });
});
