/**
 * Which cell styles show a number as a date or time. Only that fact is read from xl/styles.xml:
 * the reader marks such numeric cells `date: true` and leaves the serial for later interpretation.
 */
import { elements } from './xml-scan.js';

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30 and the East Asian ids). */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom format code is a date/time when a d, m, y, h or s token stands outside quoted literals,
 * [colour]/[$-locale] brackets, backslash escapes and the `_x` / `*x` padding and fill pairs.
 * Elapsed-time brackets ([h], [mm], [ss]) are kept: they are times.
 */
export function isDateFormatCode(code: string): boolean {
  const firstSection = code.split(';', 1)[0] ?? '';
  const bare = firstSection
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/**
 * For each index of cellXfs (the `s` attribute of a cell), whether its number format is a date.
 * Absent styles (a workbook without styles.xml) mean no dates.
 */
export function parseDateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const el of elements(stylesXml, 'numFmt')) {
    const id = Number(el.attrs.get('numFmtId'));
    const code = el.attrs.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const open = /<(?:[\w.-]+:)?cellXfs[\s>]/.exec(stylesXml);
  if (!open) return [];
  const close = stylesXml.indexOf('cellXfs>', open.index + 8);
  const section = stylesXml.slice(open.index, close < 0 ? undefined : close);
  const result: boolean[] = [];
  for (const xf of elements(section, 'xf')) {
    const id = Number(xf.attrs.get('numFmtId') ?? 0);
    const code = custom.get(id);
    result.push(code !== undefined ? isDateFormatCode(code) : builtInDate(id));
  }
  return result;
}
