/**
 * Print quality of every workbook uchebnik writes (issue 17): a consolidation of a municipality and of
 * the region, a specification, the specification a contract has as its annex, an annotated copy of an
 * order, and the order, vacancy and operators templates — each converted to PDF by LibreOffice (all
 * in one run) and read back with pdftotext. From the PDF's text:
 *   - every page is A4;
 *   - every text of a visible sheet that is one long word — an item code like DRF000000000412069, an
 *     ISBN, a label like «Муниципалитет:» — is printed whole: not clipped by its column or the next
 *     cell, not broken over two lines;
 *   - every page carries the whole header of a sheet (the rows its print titles repeat), each header
 *     word whole («Муниципалитет», not «Муниципалите» and «т»): the header repeats on every page and
 *     the columns fit the page's width. A sheet without print titles must fit on one page.
 * Without soffice or pdftotext the test says so and does not run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../../src/io/sheets/convert.js';
import { FIXTURES, run, tempDir } from '../support/cli.js';
import { formedRegion } from '../support/formed-region.js';

const SOFFICE = findSoffice();
const PDFTOTEXT = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!SOFFICE) console.warn('print quality: LibreOffice (soffice) is not installed; the workbooks are not rendered to PDF and not checked');
else if (!PDFTOTEXT) console.warn('print quality: pdftotext (poppler-utils) is not installed; the PDFs cannot be read and are not checked');

/** A visible cell's text that must print whole: one word (no space) of 8 characters or more. */
const LONG_WORD = /^\S{8,}$/u;

interface Expected {
  /** the header words of each visible sheet with print titles */
  headers: { sheet: string; words: string[] }[];
  /** visible sheets without print titles: each may take one page */
  untitled: number;
  codes: Set<string>;
}

const words = (text: string) => text.split(/[\s,.:;()«»"/№%-]+/u).filter((w) => /^\p{L}{3,}$/u.test(w));

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return typeof v === 'object' ? '' : String(v);
}

async function expected(file: string): Promise<Expected> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Expected = { headers: [], untitled: 0, codes: new Set() };
  for (const sheet of wb.worksheets) {
    if (sheet.state !== 'visible') continue;
    const titles = /^(\d+):(\d+)$/u.exec(sheet.pageSetup.printTitlesRow ?? '');
    if (!titles) out.untitled++;
    const header: string[] = [];
    sheet.eachRow((row, r) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const text = cellText(cell.value);
        if (titles && r >= Number(titles[1]) && r <= Number(titles[2])) header.push(...words(text));
        if (typeof cell.value !== 'number' && LONG_WORD.test(text)) out.codes.add(text);
      }),
    );
    if (titles) out.headers.push({ sheet: sheet.name, words: [...new Set(header)] });
  }
  return out;
}

/** What to check a PDF against, and its pages: their sizes and their text as tokens. */
function pages(pdf: string): { sizes: string[]; tokens: Set<string>[] } {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gmu)].map((m) => m[1]!);
  const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  const tokens = text
    .split('\f')
    .slice(0, sizes.length)
    .map((page) => new Set(page.split(/\s+/u).flatMap((t) => [t, ...t.split(/[,.:;()«»"/№%-]+/u)])));
  return { sizes, tokens };
}

/** The order form with a quantity on every line and one that is not a number. */
async function fillOrder(template: string, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const sheet = wb.worksheets.find((w) => w.state === 'visible')!;
  const head = Number(/^(\d+)/u.exec(sheet.pageSetup.printTitlesRow ?? '')![1]);
  const qty = sheet.getRow(head).values as ExcelJS.CellValue[];
  const column = qty.findIndex((v) => cellText(v) === 'Количество');
  for (let r = head + 1; r <= sheet.rowCount; r++) if (cellText(sheet.getCell(r, 1).value)) sheet.getCell(r, column).value = r === head + 2 ? 'много' : 10;
  await wb.xlsx.writeFile(file);
}

describe.runIf(SOFFICE && PDFTOTEXT)('every workbook uchebnik writes prints whole on A4', () => {
  const docs = new Map<string, string>();
  let pdfDir: string;

  beforeAll(async () => {
    const ws = await formedRegion();
    const out = tempDir();
    const R = path.join(FIXTURES, 'requisites');
    // Municipality 02: Дрофа's 18-character item codes (fixtures/region/orders/0205.csv).
    const steps = [
      ['consolidate', 'municipality', '02', '--out', path.join(out, 'cons')],
      ['consolidate', 'region', '--out', path.join(out, 'cons')],
      ['export', 'specifications', '--out', path.join(out, 'spec'), '--municipality', '02', '--publisher', 'Дрофа'],
      ['registry', 'requisites', path.join(R, 'schools.csv')],
      ['publisher', 'import', path.join(R, 'publishers.csv')],
      ['export', 'contracts', '--out', path.join(out, 'contracts'), '--municipality', '02', '--publisher', 'Дрофа'],
      ['order', 'template', '--school', '0205', '--out', path.join(out, 'order-template.xlsx')],
      // The annotated copy keeps its source's layout: here the order form uchebnik wrote, a line filled with a mistake.
      ['order', 'validate', path.join(out, 'order-filled.xlsx'), '--annotate', path.join(out, 'checked')],
      ['vacancies', 'template', '--municipality', '02', '--out', path.join(out, 'vacancies-template.xlsx')],
      ['operators', 'template', '--municipality', '02', '--out', path.join(out, 'operators-template.xlsx')],
    ];
    for (const s of steps) {
      if (s[1] === 'validate') await fillOrder(path.join(out, 'order-template.xlsx'), path.join(out, 'order-filled.xlsx'));
      const r = await run([...s, '-w', ws]);
      if (r.code > 1) throw new Error(`${s.join(' ')} → ${r.code}\n${r.stderr}`);
    }
    const given: Record<string, string> = {
      'consolidation-municipality': path.join(out, 'cons', '02_Дрофа.xlsx'),
      'consolidation-region': path.join(out, 'cons', 'region_Дрофа.xlsx'),
      specification: path.join(out, 'spec', '02', '0205', 'Дрофа.xlsx'),
      'contract-annex': path.join(out, 'contracts', '02', '0205', 'Дрофа-спецификация.xlsx'),
      'annotated-order': path.join(out, 'checked', 'order-filled.checked.xlsx'),
      'order-template': path.join(out, 'order-template.xlsx'),
      'vacancies-template': path.join(out, 'vacancies-template.xlsx'),
      'operators-template': path.join(out, 'operators-template.xlsx'),
    };
    // Plain names: LibreOffice names each PDF after its source.
    const src = tempDir();
    for (const [kind, file] of Object.entries(given)) {
      docs.set(kind, path.join(src, `${kind}.xlsx`));
      fs.copyFileSync(file, docs.get(kind)!);
    }
    pdfDir = tempDir();
    const profile = pathToFileURL(path.join(tempDir(), 'profile')).href;
    execFileSync(SOFFICE!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', pdfDir, ...docs.values()], { stdio: 'pipe', timeout: 170_000 });
  }, 240_000);

  for (const kind of ['consolidation-municipality', 'consolidation-region', 'specification', 'contract-annex', 'annotated-order', 'order-template', 'vacancies-template', 'operators-template']) {
    it(`${kind}: A4 pages, long codes whole, a whole header on every page`, async () => {
      const want = await expected(docs.get(kind)!);
      const pdf = pages(path.join(pdfDir, `${kind}.pdf`));
      expect(pdf.sizes.length).toBeGreaterThan(0);
      for (const size of pdf.sizes) expect(size, kind).toMatch(/\(A4\)/u);
      const all = new Set(pdf.tokens.flatMap((p) => [...p]));
      const broken = [...want.codes].filter((c) => !all.has(c));
      expect(broken, `${kind}: words and codes not printed whole`).toEqual([]);
      expect(want.headers.length, `${kind}: no sheet has print titles`).toBeGreaterThan(0);
      const headless = pdf.tokens
        .map((page, i) => ({ page: i + 1, missing: want.headers.map((h) => ({ sheet: h.sheet, missing: h.words.filter((w) => !page.has(w)) })) }))
        .filter((p) => p.missing.every((h) => h.missing.length > 0));
      // A page with no whole header is a sheet without print titles on its one page, or a fault: shown with the words it lacks.
      expect(headless.length <= want.untitled ? [] : headless, `${kind}: pages without a whole header`).toEqual([]);
    });
  }
});
