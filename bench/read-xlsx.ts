/**
 * Speed and memory of the xlsx reader on a 300,000-row × 10-column Cyrillic workbook (see README.md).
 * Each measurement runs in a fresh child process so that its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { openXlsx } from '../src/io/sheets/xlsx-read.js';
import { SheetScanner } from '../src/io/sheets/xml-scan.js';
import type { SheetRow } from '../src/io/sheets/types.js';

const ROWS = 300_000;
const here = path.dirname(fileURLToPath(import.meta.url));
// compiled to bench/out/js/bench/, run from there or by vite-node from bench/
const benchDir = here.includes(`${path.sep}out${path.sep}`) ? path.resolve(here, '../../..') : here;
const bigFile = path.join(benchDir, 'out', `cyrillic-${ROWS}.xlsx`);

const PUBLISHERS = ['Просвещение', 'Издательство "Русское слово — учебник"', 'ДРОФА', 'БИНОМ. Лаборатория знаний', 'Мнемозина'];
const WORDS = ['Русский', 'язык', 'литература', 'математика', 'алгебра', 'геометрия', 'история', 'России', 'всеобщая', 'учебник', 'часть', 'класс', 'ёлка', 'объём', 'щука'];

function phrase(seed: number, words: number): string {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[x % WORDS.length]!);
  }
  return out.join(' ');
}

async function generate(): Promise<void> {
  fs.mkdirSync(path.dirname(bigFile), { recursive: true });
  const tmp = `${bigFile}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Заказ');
  for (let i = 0; i < ROWS; i++) {
    const row = ws.addRow([
      `1.1.${i % 9}.${i % 97}.${i}`,
      PUBLISHERS[i % PUBLISHERS.length],
      phrase(i % 3000, 3),
      phrase(i, 4 + (i % 7)),
      1 + (i % 11),
      243.98000000000002 + (i % 100),
      i % 40,
      { formula: `F${i + 1}*G${i + 1}`, result: (243.98 + (i % 100)) * (i % 40) },
      new Date(Date.UTC(2017, i % 12, 1 + (i % 28))),
      i % 5 === 0 ? phrase(i * 7, 12) : null,
    ]);
    row.getCell(9).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, bigFile);
}

function sheetEntry(file: string): Promise<{ zf: yauzl.ZipFile; entry: yauzl.Entry }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zf) => {
      if (err) return reject(err);
      zf.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName === 'xl/worksheets/sheet1.xml') resolve({ zf, entry });
        else zf.readEntry();
      });
      zf.on('error', reject);
      zf.readEntry();
    });
  });
}

/** The floor: yauzl + zlib inflate of the sheet part, optionally decoded to text, nothing parsed. */
async function bareInflate(decode: boolean): Promise<Record<string, number>> {
  const { zf, entry } = await sheetEntry(bigFile);
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zf.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
  );
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let chars = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (decode) chars += decoder.decode(chunk, { stream: true }).length;
  }
  zf.close();
  return { bytes, chars };
}

/**
 * The tokenizer alone, on the sheet part already decoded in memory and fed in 64 KiB pieces, timed
 * per quarter: a V8 optimisation cliff (PITFALLS #14) shows as quarters after the first running slower.
 */
async function scanOnly(): Promise<Record<string, number>> {
  const { zf, entry } = await sheetEntry(bigFile);
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zf.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
  );
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pieces: string[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) pieces.push(decoder.decode(chunk, { stream: true }));
  zf.close();
  const text = pieces.join('');
  pieces.length = 0;
  const scanner = new SheetScanner({ sst: new Array<string>(2_000_000).fill('x'), dateStyles: [false, true], date1904: false });
  const out: SheetRow[] = [];
  const quarter = Math.ceil(text.length / 4);
  const result: Record<string, number> = { chars: text.length };
  let rows = 0;
  for (let q = 0; q < 4; q++) {
    const t = performance.now();
    for (let i = q * quarter; i < Math.min(text.length, (q + 1) * quarter); i += 65536) {
      scanner.push(text.slice(i, Math.min(i + 65536, (q + 1) * quarter)), out);
      rows += out.length;
      out.length = 0;
    }
    result[`q${q + 1}Ms`] = performance.now() - t;
  }
  result.rows = rows;
  return result;
}

async function readAll(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const wb = await openXlsx(bigFile);
  const tOpen = performance.now();
  const sheet = await wb.sheet();
  const tSheet = performance.now();
  let rows = 0;
  let cells = 0;
  for await (const row of sheet.rows()) {
    rows++;
    for (const c of row.cells) if (c) cells++;
  }
  await wb.close();
  const tEnd = performance.now();
  return { rows, cells, openMs: tOpen - t0, mergePassMs: tSheet - tOpen, rowsMs: tEnd - tSheet };
}

async function child(mode: string): Promise<void> {
  const t0 = performance.now();
  const result =
    mode === 'inflate'
      ? await bareInflate(false)
      : mode === 'decode'
        ? await bareInflate(true)
        : mode === 'scan'
          ? await scanOnly()
          : await readAll();
  const wallMs = performance.now() - t0;
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(JSON.stringify({ ...result, wallMs, cpuMs, maxRssMB: usage.maxRSS / 1024 }));
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode) return child(mode);
  if (!fs.existsSync(bigFile)) {
    console.log(`generating ${bigFile} (once; exceljs streaming writer, shared strings)…`);
    const t = performance.now();
    await generate();
    console.log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(`${bigFile}: ${(fs.statSync(bigFile).size / 2 ** 20).toFixed(1)} MiB`);
  const run = (m: string) =>
    JSON.parse(execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, m], { encoding: 'utf8' })) as Record<
      string,
      number
    >;
  const fmt = (n: number | undefined, d = 0) => (n ?? NaN).toFixed(d);
  for (const [label, mode] of [
    ['bare unzip + inflate of the sheet part', 'inflate'],
    ['unzip + inflate + UTF-8 decode', 'decode'],
    ['tokenizer alone (decoded text in memory)', 'scan'],
    ['openXlsx: every row', 'read'],
  ] as const) {
    const r = run(mode);
    console.log(`${label}: ${fmt(r.wallMs)} ms, peak RSS ${fmt(r.maxRssMB)} MB`);
    if (mode === 'inflate') console.log(`  sheet part: ${fmt(r.bytes! / 2 ** 20, 1)} MiB unpacked`);
    if (mode === 'scan') {
      const quarters = [r.q1Ms, r.q2Ms, r.q3Ms, r.q4Ms].map((q) => fmt(q)).join(' / ');
      const scanMs = r.q1Ms! + r.q2Ms! + r.q3Ms! + r.q4Ms!;
      console.log(`  ${r.rows} rows in ${fmt(scanMs)} ms (${fmt(r.chars! / 1e3 / scanMs, 0)} M chars/s); by quarter ${quarters} ms`);
    }
    if (mode === 'read') {
      console.log(
        `  ${r.rows} rows, ${r.cells} cells, ${fmt((r.rows! / r.wallMs!) * 1000)} rows/s; ` +
          `open (workbook, styles, shared strings) ${fmt(r.openMs)} ms, merge pre-pass ${fmt(r.mergePassMs)} ms, ` +
          `rows ${fmt(r.rowsMs)} ms`,
      );
    }
  }
}

await main();
