/**
 * Numeric cells whose `<v>` is no number: `<c r="F10"><v>NaN</v></c>` (a generator's Number("5-6")).
 * Every .xlsx under the folders is unzipped and each worksheet part scanned for cells without a `t`
 * (or with `t="n"`) whose value is not an XML Schema double.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/u;

/** The entries of a zip whose names match, inflated (a small reader: central directory, stored or deflated). */
function entries(file: string, wanted: RegExp): { name: string; text: string }[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extra + comment;
    if (!wanted.test(name)) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.push({ name, text: (method === 0 ? data : inflateRawSync(data)).toString('utf8') });
  }
  return out;
}

export function numericCellsThatAreNot(dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.xlsx')) {
        for (const part of entries(p, /^xl\/worksheets\/[^/]+\.xml$/u)) {
          for (const m of part.text.matchAll(/<c r="([A-Z]+\d+)"((?:\s+[a-z]+="[^"]*")*)\s*>(?:<f[^>]*>[^<]*<\/f>|<f[^>]*\/>)?<v>([^<]*)<\/v>/gu)) {
            const t = /\st="([^"]*)"/u.exec(m[2]!)?.[1];
            if ((t === undefined || t === 'n') && !NUMBER.test(m[3]!)) found.push(`${path.relative(d, p)} ${part.name} ${m[1]}: ${m[3]}`);
          }
        }
      }
    }
  };
  for (const d of dirs) walk(d);
  return found;
}
