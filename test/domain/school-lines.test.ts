import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchoolLines } from '../../src/domain/school-lines.js';

function all(lines: SchoolLines, filter?: (school: number) => boolean): number[][] {
  const out: number[][] = [];
  lines.forEach((row, school, quantity, sum) => out.push([row, school, quantity, sum]), filter);
  return out;
}

describe('SchoolLines', () => {
  it('keeps lines as added, grows past its first capacity, and sorts by row rank, then school rank, stably', () => {
    const lines = new SchoolLines();
    const added: number[][] = [];
    for (let i = 0; i < 5000; i++) {
      const l = [i % 7, i % 13, i, i * 100];
      lines.push(l[0]!, l[1]!, l[2]!, l[3]!);
      added.push(l);
    }
    expect(lines.length).toBe(5000);
    expect(all(lines)).toEqual(added);
    // ranks reverse the rows and put school 12 first
    const rowRank = [6, 5, 4, 3, 2, 1, 0];
    const schoolRank = Array.from({ length: 13 }, (_, s) => (s === 12 ? 0 : s + 1));
    lines.sort(rowRank, schoolRank);
    const expected = [...added].sort((a, b) => rowRank[a[0]!]! - rowRank[b[0]!]! || schoolRank[a[1]!]! - schoolRank[b[1]!]! || a[2]! - b[2]!);
    expect(all(lines)).toEqual(expected);
    expect(all(lines, (s) => s === 3)).toEqual(expected.filter((l) => l[1] === 3));
    expect(() => lines.push(0, 0, 1, 1)).toThrow(/after sorting/);
  });

  it('sorts as a stable comparison sort would (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(20), fc.nat(1000)), { maxLength: 300 }), fc.array(fc.nat(50), { minLength: 10, maxLength: 10 }), (ls, rowRank) => {
        const lines = new SchoolLines();
        for (const [row, school, q] of ls) lines.push(row, school, q, q * 3);
        const schoolRank = Array.from({ length: 21 }, (_, s) => 20 - s);
        lines.sort(rowRank, schoolRank);
        const expected = ls.map(([row, school, q]) => [row, school, q, q * 3]).sort((a, b) => rowRank[a[0]!]! - rowRank[b[0]!]! || schoolRank[a[1]!]! - schoolRank[b[1]!]!);
        expect(all(lines)).toEqual(expected);
      }),
    );
  });
});
