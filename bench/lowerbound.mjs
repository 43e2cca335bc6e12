// The lower bound of reading order workbooks, in two modes.
//
// --floor (what bench/run.mjs calls the lower bound): only what any validation of these files must do
// before looking at a cell — read each file, find the order sheet and the shared strings through the
// zip's central directory and the workbook's relationships, inflate both with zlib and decode them
// from UTF-8 into strings. Nothing else: no tokenizing, no shared-strings table. With --threads N the
// N worker threads take the next file from one shared counter (Atomics), so every thread stays busy
// until the last file, whatever the files' sizes: this is the floor that `order validate` on its two
// worker threads is measured against.
//
// default (the scan): the floor plus a minimal tokenizer — build the shared-strings table and scan the
// sheet with indexOf over `<c …>` elements (reference, type, value), counting value cells and summing
// quantity × price of every row whose price (H) and quantity (I) are numbers. The layout of the form
// (price in H, quantity in I) is known in advance; no validation, no objects per cell. Its counts are
// checked against the generator's, which proves the files hold what the bench says they hold.
//
// bench/run.mjs runs both as processes of their own like every uchebnik command, so their wall times
// include Node's start-up (and the workers') as the commands' do.
//
//   node bench/lowerbound.mjs [--floor] [--threads N] (--list FILE | FILE…)
//
// Prints one JSON line: files, inflated bytes, decoded characters, ms; the scan adds rows, cells,
// strings, copies, kopecks.
import fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

function zipEntries(buf) {
  let e = buf.length - 22;
  while (e >= 0 && buf.readUInt32LE(e) !== 0x06054b50) e--;
  if (e < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(e + 10);
  let p = buf.readUInt32LE(e + 16);
  const map = new Map();
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    map.set(buf.toString('utf8', p + 46, p + 46 + nameLen), { method: buf.readUInt16LE(p + 10), size: buf.readUInt32LE(p + 20), offset: buf.readUInt32LE(p + 42) });
    p += 46 + skip;
  }
  return map;
}

function part(buf, entries, name) {
  const e = entries.get(name);
  if (!e) return undefined;
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.size);
  return e.method === 8 ? zlib.inflateRawSync(data) : data;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s) => (s.includes('&') ? s.replace(/&(#x?[0-9a-fA-F]+|\w+);/g, (m, e) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m))) : s);

/** Texts of <si> elements, runs concatenated. */
function sharedStrings(xml) {
  const out = [];
  let i = 0;
  for (;;) {
    const si = xml.indexOf('<si>', i);
    if (si < 0) break;
    const end = xml.indexOf('</si>', si);
    let text = '';
    let j = si;
    for (;;) {
      const t = xml.indexOf('<t', j);
      if (t < 0 || t > end) break;
      const open = xml.indexOf('>', t);
      if (xml.charCodeAt(open - 1) === 47) {
        j = open;
        continue;
      }
      const close = xml.indexOf('</t>', open);
      text += xml.slice(open + 1, close);
      j = close + 4;
    }
    out.push(unescape(text));
    i = end + 5;
  }
  return out;
}

/** The order sheet's and the shared strings' parts of one workbook, inflated. */
function orderParts(file) {
  const buf = fs.readFileSync(file);
  const entries = zipEntries(buf);
  // the first sheet of the workbook, through its relationship
  const wb = part(buf, entries, 'xl/workbook.xml').toString('utf8');
  const sheetTag = wb.slice(wb.indexOf('<sheet '), wb.indexOf('>', wb.indexOf('<sheet ')));
  const rid = /r:id="([^"]+)"/.exec(sheetTag)[1];
  const rels = part(buf, entries, 'xl/_rels/workbook.xml.rels').toString('utf8');
  const target = new RegExp(`<Relationship[^>]*Id="${rid}"[^>]*Target="([^"]+)"|<Relationship[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  const sheetPath = (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, 'xl/');
  return { sstBytes: part(buf, entries, 'xl/sharedStrings.xml'), sheetBytes: part(buf, entries, sheetPath) };
}

/** The floor: inflate and decode, nothing more (the lengths are kept so the work cannot be optimised away). */
function floorFile(file, acc) {
  const { sstBytes, sheetBytes } = orderParts(file);
  acc.inflated += (sstBytes?.length ?? 0) + sheetBytes.length;
  acc.chars += (sstBytes ? sstBytes.toString('utf8').length : 0) + sheetBytes.toString('utf8').length;
  acc.files++;
}

function scanFile(file, acc) {
  const { sstBytes, sheetBytes } = orderParts(file);
  acc.inflated += (sstBytes?.length ?? 0) + sheetBytes.length;
  const sst = sstBytes ? sharedStrings(sstBytes.toString('utf8')) : [];
  acc.strings += sst.length;
  const xml = sheetBytes.toString('utf8');

  let row = -1;
  let price = NaN;
  let qty = NaN;
  const flush = () => {
    if (!Number.isNaN(price)) {
      acc.rows++;
      if (!Number.isNaN(qty)) {
        acc.copies += qty;
        acc.kopecks += Math.round(qty * Math.round(price * 100));
      }
    }
    price = qty = NaN;
  };
  let i = xml.indexOf('<sheetData');
  for (;;) {
    i = xml.indexOf('<c ', i);
    if (i < 0) break;
    const end = xml.indexOf('>', i);
    if (xml.charCodeAt(end - 1) === 47) {
      i = end;
      continue;
    }
    // reference: letters then the row number
    const r = xml.indexOf(' r="', i) + 4;
    let k = r;
    while (xml.charCodeAt(k) >= 65) k++;
    const col = xml.slice(r, k);
    const q = xml.indexOf('"', k);
    const rowNo = +xml.slice(k, q);
    if (rowNo !== row) {
      flush();
      row = rowNo;
    }
    const tAt = xml.indexOf(' t="', i);
    const type = tAt > 0 && tAt < end ? xml.slice(tAt + 4, xml.indexOf('"', tAt + 4)) : '';
    const close = xml.indexOf('</c>', end);
    let value;
    const v = xml.indexOf('<v>', end);
    if (v >= 0 && v < close) value = xml.slice(v + 3, xml.indexOf('</v>', v));
    else {
      const t = xml.indexOf('<t', end);
      if (t >= 0 && t < close) value = unescape(xml.slice(xml.indexOf('>', t) + 1, xml.indexOf('</t>', t)));
    }
    i = close + 4;
    if (value === undefined) continue;
    acc.cells++;
    if (type === 's') value = sst[+value];
    if (col === 'H' || col === 'I') {
      const n = type === 'e' || value.trim() === '' ? NaN : Number(value);
      if (col === 'H') price = n;
      else qty = n;
    }
  }
  flush();
  acc.files++;
}

const newAcc = (floor) => (floor ? { files: 0, inflated: 0, chars: 0 } : { files: 0, rows: 0, cells: 0, strings: 0, copies: 0, kopecks: 0, inflated: 0 });

/** Every file whose index `next()` hands out, until it runs past the end. */
function work(files, floor, next) {
  const acc = newAcc(floor);
  for (let i = next(); i < files.length; i = next()) (floor ? floorFile : scanFile)(files[i], acc);
  return acc;
}

if (!isMainThread) {
  const counter = new Int32Array(workerData.counter);
  parentPort.postMessage(work(workerData.files, workerData.floor, () => Atomics.add(counter, 0, 1)));
} else {
  const started = performance.now();
  const argv = process.argv.slice(2);
  let threads = 1;
  let floor = false;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') threads = Number(argv[++i]);
    else if (argv[i] === '--floor') floor = true;
    else if (argv[i] === '--list') files.push(...fs.readFileSync(argv[++i], 'utf8').split('\n').filter(Boolean));
    else files.push(argv[i]);
  }
  let result;
  if (threads <= 1) {
    let i = 0;
    result = work(files, floor, () => i++);
  } else {
    const counter = new SharedArrayBuffer(4);
    const parts = await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise((resolve, reject) => {
            const w = new Worker(new URL(import.meta.url), { workerData: { files, floor, counter } });
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    result = parts.reduce((a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + b[k]])));
  }
  console.log(JSON.stringify({ mode: floor ? 'floor' : 'scan', threads, ...result, ms: Math.round(performance.now() - started) }));
}
