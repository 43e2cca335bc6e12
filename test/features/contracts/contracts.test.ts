/**
 * `export contracts` (src/features/contracts/) on the example region: a contract per school × publisher
 * naming both parties with their requisites, its total the specification's and the consolidation's to
 * the kopeck, the amount in words reading back as the total; templates refused before anything is
 * written; PDFs through LibreOffice when soffice is installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../../../src/io/sheets/convert.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { loadOrders } from '../../../src/features/order/store.js';
import { loadCatalogue } from '../../../src/features/pricelist/store.js';
import { loadRegistry } from '../../../src/features/registry/store.js';
import { consolidateRegion } from '../../support/consolidation.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';
import { csvRows } from '../../support/csv-out.js';
import { parseAmountInWords } from '../../support/words.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { SPECIFICATION_SHEET } from '../../../src/features/specifications/workbook.js';

const F = path.join(FIXTURES, 'region');
const R = path.join(FIXTURES, 'requisites');

async function ok(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await run(args);
  if (r.code !== 0) throw new Error(`${args.join(' ')} → ${r.code}\n${r.stderr}${r.stdout}`);
  return r;
}

/** The example region with its orders formed (as `demo` does) and, unless told, the requisites of both parties. */
async function formedRegion(requisites = true): Promise<string> {
  const ws = await newWorkspace();
  await ok(['registry', 'import', path.join(F, 'registry.csv'), '-w', ws]);
  await ok(['pricelist', 'load', path.join(F, 'pricelists/prosveshchenie.xlsx'), '--publisher', 'Просвещение', '-w', ws]);
  await ok(['pricelist', 'load', path.join(F, 'pricelists/drofa.csv'), '--publisher', 'Дрофа', '-w', ws]);
  await ok(['pricelist', 'load', path.join(F, 'pricelists/russkoe-slovo.xlsx'), '--publisher', 'Русское слово', '-w', ws]);
  const orders = fs.readdirSync(path.join(F, 'orders')).filter((n) => /\.(xlsx|csv)$/.test(n)).map((n) => path.join(F, 'orders', n));
  await run(['order', 'submit', ...orders, '-w', ws]); // the files with planted mistakes are refused (exit 1)
  for (const m of ['01', '02', '03']) {
    await ok(['order', 'agree', '--municipality', m, '-w', ws]);
    await ok(['order', 'form', '--municipality', m, '-w', ws]);
  }
  if (requisites) {
    await ok(['registry', 'requisites', path.join(R, 'schools.csv'), '-w', ws]);
    await ok(['publisher', 'import', path.join(R, 'publishers.csv'), '-w', ws]);
  }
  return ws;
}

/** The example region with and without the requisites, each made once for the tests that need it. */
let full: Promise<string> | undefined;
const fullRegion = () => (full ??= formedRegion(true));
let bare: Promise<string> | undefined;
const bareRegion = () => (bare ??= formedRegion(false));

/** The text of a .docx, a line per paragraph. */
function docxText(file: string): string {
  const xml = new PizZip(fs.readFileSync(file)).file('word/document.xml')!.asText();
  return xml
    .replace(/<\/w:p>/gu, '\n')
    .replace(/<[^>]+>/gu, '')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&');
}

/** A fixture file of fixtures/requisites (UTF-8 without BOM, «;», no quoted fields). */
const fixtureRows = (file: string) => fs.readFileSync(file, 'utf8').trim().split(/\r?\n/u).map((l) => l.split(';'));

/** «1 234,56» (no-break spaces between thousands) → kopecks. */
const kopecks = (rubles: string) => Number(rubles.replace(/[\s\u00A0]/gu, '').replace(',', ''));

/** A sheet's text, a line per row, its cells joined by «|». */
async function sheetText(file: string, sheet: string): Promise<string> {
  const wb = await openWorkbook(file);
  try {
    const lines: string[] = [];
    for await (const row of (await wb.sheet(sheet)).rows()) lines.push(Array.from(row.cells, (c) => (c?.value == null ? '' : String(c.value))).join('|'));
    return lines.join('\n');
  } finally {
    await wb.close();
  }
}

type Row = Record<string, string>;
function manifest(file: string): Row[] {
  const [head, ...rows] = csvRows(file);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}

describe('export contracts on the example region', () => {
  let ws: string;
  let out: string;
  let rows: Row[];
  let json: { findings: unknown[]; contracts: { school: string; publisher: string; sum_kopecks: number }[] };
  beforeAll(async () => {
    ws = await fullRegion();
    out = path.join(tempDir(), 'contracts');
    const r = await ok(['export', 'contracts', '--out', out, '--contract-number', '{school}/{n}-У', '--date', '01.03.2018', '--json', '-w', ws]);
    json = JSON.parse(r.stdout);
    rows = manifest(path.join(out, 'manifest.csv'));
  });

  it('a contract and its specification for every school × publisher the specification package has, each listed with its sha256', async () => {
    const specs = path.join(tempDir(), 'specs');
    await ok(['export', 'specifications', '--out', specs, '-w', ws]);
    const specRows = manifest(path.join(specs, 'manifest.csv'));
    const contracts = rows.filter((r) => r.kind === 'contract');
    expect(contracts.map((r) => `${r.school} ${r.publisher} ${r.sum_kopecks}`).sort()).toEqual(specRows.map((r) => `${r.school} ${r.publisher} ${r.sum_kopecks}`).sort());
    expect(rows.filter((r) => r.kind === 'specification')).toHaveLength(contracts.length);
    for (const r of rows) {
      const data = fs.readFileSync(path.join(out, ...r.file!.split('/')));
      expect(r.sha256).toBe((await import('node:crypto')).createHash('sha256').update(data).digest('hex'));
    }
    // No warning of missing requisites: the fixture gives every school and publisher all of them.
    expect(json.findings).toEqual([]);
  });

  it('each contract names both parties with their requisites, and its total and words are the specification\'s to the kopeck', () => {
    const schools = fixtureRows(path.join(R, 'schools.csv'));
    const publishers = fixtureRows(path.join(R, 'publishers.csv'));
    for (const r of rows.filter((x) => x.kind === 'contract')) {
      const text = docxText(path.join(out, ...r.file!.split('/')));
      expect(text, r.file).not.toMatch(/\{|____________________/u);
      const school = schools.find((s) => s[0] === r.school)!;
      const publisher = publishers.find((p) => p[0] === r.publisher)!;
      // legal address, head, basis, bank, БИК, account, ЕКС, personal account, e-mail, phone of the school
      for (const v of school.slice(1)) expect(text, `${r.file}: ${v}`).toContain(v);
      // legal name, ИНН, КПП, address, head, basis, bank, БИК, accounts, e-mail, phone of the publisher
      for (const v of publisher.slice(1)) expect(text, `${r.file}: ${v}`).toContain(v);
      expect(text).toContain(`ДОГОВОР ПОСТАВКИ № ${r.contract_number}`);
      expect(text).toContain('«1» марта 2018');
      const m = /Цена Договора составляет ([\d\s\u00A0]+,\d\d) руб\. \(([^)]+)\)/u.exec(text);
      expect(m, r.file).not.toBeNull();
      expect(kopecks(m![1]!)).toBe(Number(r.sum_kopecks));
      expect(parseAmountInWords(m![2]!)).toBe(Number(r.sum_kopecks));
    }
  });

  it('each specification beside its contract names the supplier by its legal name, with both parties\' requisites and signatories', async () => {
    const schools = fixtureRows(path.join(R, 'schools.csv'));
    const publishers = fixtureRows(path.join(R, 'publishers.csv'));
    const r = rows.find((x) => x.kind === 'specification' && x.school === '0101' && x.publisher === 'Просвещение')!;
    const text = await sheetText(path.join(out, ...r.file!.split('/')), SPECIFICATION_SHEET);
    const school = schools.find((s) => s[0] === '0101')!;
    const publisher = publishers.find((p) => p[0] === 'Просвещение')!;
    expect(text).toContain(`Поставщик:|||${publisher[1]}`);
    // ИНН, КПП, address, БИК, accounts of the publisher; address, БИК, accounts of the school
    for (const v of [publisher[2], publisher[3], publisher[4], publisher[9], publisher[10], publisher[11], school[1], school[6], school[7], school[8], school[9]]) expect(text).toContain(v);
    expect(text).toContain('/ Иванова И.\u00A0П. /');
    expect(text).toContain('/ Белова Е.\u00A0С. /');
    expect(text).toContain('Генеральный директор');
  });

  it('the same data and date give the same bytes: every sha256 of the manifest is the same on a second run', async () => {
    const again = path.join(tempDir(), 'contracts');
    await ok(['export', 'contracts', '--out', again, '--contract-number', '{school}/{n}-У', '--date', '01.03.2018', '-w', ws]);
    expect(manifest(path.join(again, 'manifest.csv'))).toEqual(rows);
  });

  it('the contracts add up per publisher to the regional consolidation', async () => {
    const w = await openWorkspace(ws);
    const consolidation = consolidateRegion(loadOrders(w), loadCatalogue(w), loadRegistry(w));
    const byPublisher = new Map<string, number>();
    for (const c of json.contracts) byPublisher.set(c.publisher, (byPublisher.get(c.publisher) ?? 0) + c.sum_kopecks);
    expect([...byPublisher].sort()).toEqual(consolidation.publishers.map((p) => [p.publisher, p.total.sum_kopecks]).sort());
  });

  it('a school or publisher without requisites: a warning naming what is missing, blanks in the contract, exit 0', async () => {
    const dir = path.join(tempDir(), 'c');
    // The building folder of an export killed half-way (its process is gone) is cleared away.
    const stale = path.join(path.dirname(dir), '.c.export-999999999-0123abcd');
    fs.mkdirSync(path.join(stale, '03'), { recursive: true });
    const r = await run(['export', 'contracts', '--out', dir, '--municipality', '03', '--publisher', 'Дрофа', '--json', '-w', await bareRegion()]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['c']);
    const findings = JSON.parse(r.stdout).findings as { code: string; severity: string; school?: string }[];
    expect(findings.length).toBeGreaterThan(1);
    expect(findings.every((f) => f.code === 'requisites-missing' && f.severity === 'warning')).toBe(true);
    const first = manifest(path.join(dir, 'manifest.csv')).find((x) => x.kind === 'contract')!;
    expect(docxText(path.join(dir, ...first.file!.split('/')))).toContain('____________________');
  });
});

describe('templates', () => {
  let ws: string;
  let template: string;
  beforeAll(async () => {
    ws = await newWorkspace();
    template = path.join(tempDir(), 'contract.docx');
    await ok(['export', 'contracts', '--save-template', template, '-w', ws]);
  });

  it('a user template with a misspelt placeholder is refused with its name and where it is, before anything is written (exit 3)', async () => {
    const zip = new PizZip(fs.readFileSync(template));
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml).toContain('{customer_inn}');
    zip.file('word/document.xml', xml.replace('{customer_inn}', '{customer_inm}').replace('{title}', '{titel}'));
    const bad = path.join(tempDir(), 'bad.docx');
    fs.writeFileSync(bad, zip.generate({ type: 'nodebuffer' }));
    const out = path.join(tempDir(), 'never');
    const r = await run(['export', 'contracts', '--out', out, '--template', bad, '-w', ws, '--lang', 'en']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('{customer_inm}');
    expect(r.stderr).toContain('{titel}');
    expect(r.stderr).toContain('word/document.xml {#lines}');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--placeholders lists every name the built-in template uses, and the misspelt one is not among them', async () => {
    const r = await ok(['export', 'contracts', '--placeholders', '-w', ws]);
    const names = new Set([...r.stdout.matchAll(/\{[#/]?(\w+)\}/gu)].map((m) => m[1]));
    const used = [...new PizZip(fs.readFileSync(template)).file('word/document.xml')!.asText().matchAll(/\{[#/]?(\w+)\}/gu)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(40);
    for (const u of used) expect(names.has(u), u).toBe(true);
    expect(names.has('customer_inm')).toBe(false);
  });

  it('a package inside the workspace\'s state or inputs is refused (exit 2)', async () => {
    for (const out of [path.join(ws, 'state', 'contracts'), path.join(ws, 'inputs', 'contracts')]) {
      const r = await run(['export', 'contracts', '--out', out, '-w', ws, '--lang', 'en']);
      expect(r.code, out).toBe(2);
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  it('a template that is not a .docx is exit 3: a text file, and a workbook', async () => {
    const txt = path.join(tempDir(), 'contract.docx');
    fs.writeFileSync(txt, 'Договор № {contract_number}');
    const xlsx = path.join(F, 'pricelists', 'prosveshchenie.xlsx');
    for (const file of [txt, xlsx]) {
      const out = path.join(tempDir(), 'never');
      const r = await run(['export', 'contracts', '--out', out, '--template', file, '-w', ws, '--lang', 'en']);
      expect(r.code, file).toBe(3);
      expect(r.stderr).toMatch(/is not a Word document/);
      expect(fs.existsSync(out)).toBe(false);
    }
  });
});

describe('--pdf', () => {
  const soffice = findSoffice();
  // A LibreOffice with Calc only (as on some build machines) opens workbooks but not .docx.
  const writer = soffice !== undefined && fs.readdirSync(path.dirname(fs.realpathSync(soffice))).some((n) => /^libsw.*\.(so|dylib|dll)$/u.test(n));

  it('without LibreOffice: exit 3 with a clear message, nothing written', async () => {
    const ws = await newWorkspace();
    const out = path.join(tempDir(), 'never');
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      const r = await run(['export', 'contracts', '--out', out, '--pdf', '-w', ws, '--lang', 'en']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/--pdf needs LibreOffice/);
    } finally {
      process.env.PATH = saved;
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it.runIf(writer)('with LibreOffice: a PDF of every contract and specification, listed in the manifest', async () => {
    const ws = await fullRegion();
    const out = path.join(tempDir(), 'pdf');
    const r = await run(['export', 'contracts', '--out', out, '--pdf', '--municipality', '03', '--publisher', 'Дрофа', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const rows = manifest(path.join(out, 'manifest.csv'));
    const pdfs = rows.filter((x) => x.kind.endsWith('-pdf'));
    expect(pdfs.length).toBe(rows.length / 2);
    expect(new Set(pdfs.map((p) => p.file)).size).toBe(pdfs.length);
    for (const p of pdfs) expect(fs.readFileSync(path.join(out, ...p.file!.split('/'))).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it.runIf(soffice !== undefined && !writer)('LibreOffice here has no Writer: exit 3 naming it, nothing written (the PDFs themselves are not tested here)', async () => {
    const ws = await bareRegion();
    const out = path.join(tempDir(), 'pdf');
    const r = await run(['export', 'contracts', '--out', out, '--pdf', '--municipality', '03', '--publisher', 'Дрофа', '-w', ws, '--lang', 'en']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/LibreOffice could not make a PDF .*need LibreOffice Writer/su);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  }, 180_000);

  it.runIf(soffice === undefined)('LibreOffice (soffice) is not installed here: the PDF conversion is not tested', () => {
    expect(soffice).toBeUndefined();
  });
});
