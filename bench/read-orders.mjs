// The xlsx reader's own cost per file on the campaign bench's order workbooks: each file opened with
// openWorkbook (src/io/sheets/open.ts), its first sheet's merges and every row read, nothing
// interpreted. One thread, so processor time is the reader's (see bench/README.md, issue 20 session 6).
//
//   node bench/read-orders.mjs [--dist DIR] [--limit N] [--checksum] [DIR_OF_XLSX]
//
// DIR defaults to dist/ (run `npm run build` first), the files to bench/out/region-700x400/files.
// Prints one JSON line: files, rows, cells, wall and cpu ms, ms of cpu per file; with --checksum also a
// hash of every value, so that two builds can be shown to read the same cells (the hashing costs
// about as much as the reading, so it is left out of the timed runs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const dist = path.resolve(option('dist') ?? path.join(here, '..', 'dist'));
const limit = Number(option('limit') ?? Infinity);
const checksum = args.includes('--checksum');
if (checksum) args.splice(args.indexOf('--checksum'), 1);
const dir = args[0] ?? path.join(here, 'out', 'region-700x400', 'files');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .slice(0, limit)
  .map((f) => path.join(dir, f));

const { openWorkbook } = await import(pathToFileURL(path.join(dist, 'io', 'sheets', 'open.js')).href);

/** A 32-bit FNV-1a over the values, in order: equal for two readers that read the same cells. */
let hash = 0x811c9dc5;
const mix = (s) => {
  for (let i = 0; i < s.length; i++) hash = Math.imul(hash ^ s.charCodeAt(i), 16777619);
};

const acc = { files: 0, rows: 0, cells: 0, merges: 0 };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const file of files) {
  const wb = await openWorkbook(file);
  try {
    const sheet = await wb.sheet();
    acc.merges += sheet.merges.length;
    for await (const row of sheet.rows()) {
      acc.rows++;
      if (checksum) mix(String(row.row));
      for (let c = 0; c < row.cells.length; c++) {
        const cell = row.cells[c];
        if (!cell) continue;
        acc.cells++;
        if (checksum) mix(`${c}:${typeof cell.value}:${cell.value}:${cell.formula ?? ''}:${cell.date ? 'd' : ''}:${cell.error ?? ''}`);
      }
    }
  } finally {
    await wb.close();
  }
  acc.files++;
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  JSON.stringify({
    ...acc,
    ...(checksum ? { checksum: (hash >>> 0).toString(16) } : {}),
    wallMs: Math.round(wall),
    cpuMs: Math.round(cpuMs),
    cpuMsPerFile: Math.round((cpuMs / acc.files) * 100) / 100,
  }),
);
