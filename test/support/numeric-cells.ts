/**
 * Numeric cells whose `<v>` is no number: `<c r="F10"><v>NaN</v></c>` (a generator's Number("5-6")).
 * Every .xlsx under the folders is unzipped and each worksheet part scanned for cells without a `t`
 * (or with `t="n"`) whose value is not an XML Schema double.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzip } from '../fuzz/support/zip.js';

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/u;

export function numericCellsThatAreNot(dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.xlsx')) {
        for (const part of unzip(fs.readFileSync(p)).filter((x) => /^xl\/worksheets\/[^/]+\.xml$/u.test(x.name))) {
          for (const m of part.data.toString('utf8').matchAll(/<c r="([A-Z]+\d+)"((?:\s+[a-z]+="[^"]*")*)\s*>(?:<f[^>]*>[^<]*<\/f>|<f[^>]*\/>)?<v>([^<]*)<\/v>/gu)) {
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
