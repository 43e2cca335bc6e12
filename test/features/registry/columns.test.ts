/**
 * The content recogniser of header-less registries (src/features/registry/columns.ts; issue 16,
 * pattern 11) as a pure function: rows of cell texts in, roles, evidence and doubts out.
 */
import { describe, expect, it } from 'vitest';
import { codeShape, headerLooksLikeData, recogniseRegistryColumns } from '../../../src/features/registry/columns.js';

const roles = (rows: string[][]) => recogniseRegistryColumns(rows).columns.map((c) => c.role);
const doubts = (rows: string[][]) => recogniseRegistryColumns(rows).doubts.map((d) => d.kind);

const short = (i: number) => `МБОУ СОШ № ${i}`;
const full = (i: number) => `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${i}»`;

/** municipality code; short name; full name — the shape of the Томск list */
const tomskLike = Array.from({ length: 12 }, (_, i) => [String(124 + (i % 3) * 9), short(i + 1), full(i + 1)]);
/** municipality; login; short; full; then 40 empty columns */
const kemLike = Array.from({ length: 12 }, (_, i) => [i < 6 ? 'KEM' : 'NOV', `${i < 6 ? 'KEM' : 'NOV'}_${String(i + 1).padStart(4, '0')}`, short(i + 1), full(i + 1), ...Array<string>(40).fill('')]);

describe('pattern 11: registry columns by content', () => {
  it('pattern 11: the Томск shape is municipality code, short name, full name, without doubt', () => {
    const guess = recogniseRegistryColumns(tomskLike);
    expect(guess.columns.map((c) => [c.role, c.reason])).toEqual([
      ['municipality_code', 'repeated-codes'],
      ['short_name', 'shorter-names'],
      ['full_name', 'longer-names'],
    ]);
    expect(guess.doubts).toEqual([]);
    expect(guess.columns[0]).toMatchObject({ filled: 12, distinct: 3, sample: '124' });
  });

  it('pattern 11: the KEM_0001 shape: municipality, unique login codes, names; trailing empty columns are not columns', () => {
    const guess = recogniseRegistryColumns(kemLike);
    expect(guess.columns.map((c) => c.role)).toEqual(['municipality_code', 'code', 'short_name', 'full_name']);
    expect(guess.columns[1]).toMatchObject({ reason: 'unique-codes', distinct: 12, sample: 'KEM_0001' });
    expect(guess.doubts).toEqual([]);
  });

  it('pattern 11: a municipality written as a name is the municipality name; empty columns between are skipped', () => {
    const rows = kemLike.map((r) => [r[0] === 'KEM' ? 'Кемеровский городской округ' : 'г. Новокузнецк', '', r[1]!, r[2]!, r[3]!]);
    const guess = recogniseRegistryColumns(rows);
    expect(guess.columns.map((c) => [c.role, c.reason])).toEqual([
      ['municipality_name', 'repeated-texts'],
      ['skip', 'empty'],
      ['code', 'unique-codes'],
      ['short_name', 'shorter-names'],
      ['full_name', 'longer-names'],
    ]);
    expect(guess.doubts).toEqual([]);
  });

  it('pattern 11: ИНН and КПП are told by their digits', () => {
    const rows = tomskLike.map((r, i) => [...r, `70170${String(10000 + i)}`, `7017010${String(10 + i)}`]);
    expect(roles(rows)).toEqual(['municipality_code', 'short_name', 'full_name', 'inn', 'kpp']);
  });

  it('pattern 11: doubts — too few rows, no municipality, names alike, an unknown column, a first row unlike the rest', () => {
    expect(doubts(kemLike.slice(0, 2))).toContain('few-rows');
    // every school in its own municipality: nothing repeats
    expect(doubts(kemLike.map((r, i) => [`M${i}`, ...r.slice(1)]))).toContain('no-municipality');
    // short and full swapped row by row: the average says nothing
    const swapped = tomskLike.map((r, i) => (i % 2 ? [r[0]!, r[2]!, r[1]!] : r));
    expect(doubts(swapped)).toContain('names-alike');
    expect(doubts(tomskLike.map((r, i) => [...r, i % 2 ? '+' : '=']))).toContain('unrecognised');
    // a repeated text that does not go with the municipality code is no municipality name
    expect(doubts(tomskLike.map((r, i) => [...r, i % 2 ? 'бюджетное' : 'казённое']))).toContain('municipalities');
    expect(roles(tomskLike.map((r) => [...r, `район ${r[0]}`]))).toEqual(['municipality_code', 'short_name', 'full_name', 'municipality_name']);
    const header = [['Код МО', 'Логин', 'Краткое', 'Полное'], ...kemLike.map((r) => r.slice(0, 4))];
    expect(recogniseRegistryColumns(header).doubts).toContainEqual({ kind: 'first-row', columns: [0, 1] });
  });

  it('pattern 11: a column filled in fewer than half the rows is skipped, not a doubt', () => {
    const rows = tomskLike.map((r, i) => [...r, i === 3 ? 'примечание' : '']);
    const guess = recogniseRegistryColumns(rows);
    expect(guess.columns[3]).toMatchObject({ role: 'skip', reason: 'sparse', filled: 1 });
    expect(guess.doubts).toEqual([]);
  });

  it('codeShape writes digits as 9 and letters as A', () => {
    expect(codeShape('KEM_0001')).toBe('AAA_9999');
    expect(codeShape('Код МО')).toBe('AAA AA');
  });
});

describe('pattern 11: a guess even when there is doubt', () => {
  it('pattern 11: with too few rows to see repeats, the column of short tokens is still guessed as the municipality, with the doubt kept', () => {
    const guess = recogniseRegistryColumns(kemLike.slice(5, 7));
    expect(guess.columns.map((c) => c.role)).toEqual(['municipality_code', 'code', 'short_name', 'full_name']);
    expect(guess.columns[0]!.reason).toBe('guessed-municipality');
    expect(guess.doubts.map((d) => d.kind)).toEqual(['few-rows', 'no-municipality']);
  });
});

describe('pattern 11: a row taken for the header that is data', () => {
  it('pattern 11: a header row holding a municipality of the rows below, or a code of their shape, is data; a real header is not', () => {
    const data = kemLike.slice(1).map((r) => r.slice(0, 4));
    expect(headerLooksLikeData(kemLike[0]!.slice(0, 4), data)).toEqual([0, 1]);
    expect(headerLooksLikeData(['Код МО', 'Код ОО', 'Краткое наименование', 'Полное наименование'], data)).toEqual([]);
  });
});
