import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchoolLines } from '../../../src/features/consolidate/school-lines.js';

function all(lines: SchoolLines, wanted?: boolean[]): number[][] {
  const out: number[][] = [];
  const visit = (row: number, school: number, quantity: number) => void out.push([row, school, quantity]);
  if (wanted) lines.forEachAt(lines.positions(wanted), visit);
  else lines.forEach(visit);
  return out;
}

describe('SchoolLines', () => {
  it('keeps lines as added across chunks, and sorts by row rank, then school rank, stably', () => {
    const lines = new SchoolLines();
    const added: number[][] = [];
    for (let i = 0; i < 140_000; i++) {
      const l = [i % 7, i % 13, i];
      lines.push(l[0]!, l[1]!, l[2]!);
      added.push(l);
    }
    expect(lines.length).toBe(140_000); // three chunks of 65,536
    expect(all(lines)).toEqual(added);
    // ranks reverse the rows and put school 12 first
    const rowRank = [6, 5, 4, 3, 2, 1, 0];
    const schoolRank = Array.from({ length: 13 }, (_, s) => (s === 12 ? 0 : s + 1));
    lines.sort(rowRank, schoolRank);
    const expected = [...added].sort((a, b) => rowRank[a[0]!]! - rowRank[b[0]!]! || schoolRank[a[1]!]! - schoolRank[b[1]!]! || a[2]! - b[2]!);
    expect(all(lines)).toEqual(expected);
    expect(all(lines, schoolRank.map((_, s) => s === 3))).toEqual(expected.filter((l) => l[1] === 3));
    expect(all(lines, schoolRank.map((_, s) => s % 4 === 1))).toEqual(expected.filter((l) => l[1]! % 4 === 1));
    // the digest's columns are the lines as added: asked after sorting, they would not be
    expect(() => [...lines.columns()]).toThrow(/after sorting/);
    expect(() => lines.push(0, 0, 1)).toThrow(/after sorting/);
  });

  it('sorts as a stable comparison sort would (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(20), fc.nat(1000)), { maxLength: 300 }), fc.array(fc.nat(50), { minLength: 10, maxLength: 10 }), (ls, rowRank) => {
        const lines = new SchoolLines();
        for (const [row, school, q] of ls) lines.push(row, school, q);
        const schoolRank = Array.from({ length: 21 }, (_, s) => 20 - s);
        lines.sort(rowRank, schoolRank);
        const expected = ls.map(([row, school, q]) => [row, school, q]).sort((a, b) => rowRank[a[0]!]! - rowRank[b[0]!]! || schoolRank[a[1]!]! - schoolRank[b[1]!]!);
        expect(all(lines)).toEqual(expected);
        expect(all(lines, schoolRank.map((_, s) => s % 3 === 0))).toEqual(expected.filter((l) => l[1]! % 3 === 0));
      }),
    );
  });
});

describe('SchoolLines quantities', () => {
  it('refuses a quantity a line cannot hold rather than wrapping it', () => {
    const lines = new SchoolLines();
    lines.push(0, 0, 0xffffffff);
    expect(() => lines.push(0, 0, 2 ** 32)).toThrow(RangeError);
    expect(() => lines.push(0, 0, -1)).toThrow(RangeError);
  });
});
