/**
 * The chunked scanners must cost time linear in the size of one element however it is cut: a giant
 * shared string, row or unclosed comment used to be searched again from its start at every chunk
 * (issue 22: 8 MB → 15 s, 32 MB → minutes). 16 MB fed in 16 KB chunks is a thousand chunks: with the
 * rescanning that is gigabytes of searching, without it a few tens of milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { SharedStringsScanner, SheetScanner } from '../../../src/io/sheets/xml-scan.js';

const SIZE = 16 * 1024 * 1024;
const CHUNK = 16 * 1024;

function feed(push: (text: string) => void, head: string, body: string, tail: string): number {
  const text = head + body + tail;
  const started = performance.now();
  for (let i = 0; i < text.length; i += CHUNK) push(text.slice(i, i + CHUNK));
  return performance.now() - started;
}

const body = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'.repeat(Math.ceil(SIZE / 33)).slice(0, SIZE);
const NS = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

describe('scanning a giant element costs time linear in its size', () => {
  it('a 16 MB shared string', () => {
    const s = new SharedStringsScanner();
    const ms = feed((t) => s.push(t), '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', body, '</t></si><si><t>два</t></si></sst>');
    s.finish();
    expect(s.strings.map((x) => x.length)).toEqual([SIZE, 3]);
    expect(ms).toBeLessThan(3000);
  });

  it('a 16 MB inline string in one row', () => {
    const rows: { row: number }[] = [];
    const s = new SheetScanner({ sst: [], dateStyles: [], date1904: false });
    const ms = feed((t) => s.push(t, rows as never), `${NS}<row r="1"><c r="A1" t="inlineStr"><is><t>`, body, '</t></is></c></row><row r="2"><c r="A2"><v>5</v></c></row></sheetData></worksheet>');
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(ms).toBeLessThan(3000);
  });

  it('a 16 MB comment between rows', () => {
    const rows: { row: number }[] = [];
    const s = new SheetScanner({ sst: [], dateStyles: [], date1904: false });
    const ms = feed((t) => s.push(t, rows as never), `${NS}<row r="1"><c r="A1"><v>1</v></c></row><!-- `, body, ' --><row r="2"><c r="A2"><v>5</v></c></row></sheetData></worksheet>');
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(ms).toBeLessThan(3000);
  });
});
