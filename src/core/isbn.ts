/**
 * ISBNs as price lists give them: ISBN-13 or the older ISBN-10 of Russian textbooks (`5-09-…`), with
 * or without hyphens, with an «ISBN» prefix, a lower-case `x` (or a Cyrillic «Х»), or as a number in
 * an xlsx cell.
 */

/**
 * Hyphens, spaces and the «ISBN» prefix removed, `X` upper-cased: 10 or 13 characters. Null when what
 * is left is not shaped like an ISBN (the checksum is `isValidIsbn`'s business).
 */
export function normalizeIsbn(s: string | number | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  // A number cell drops an ISBN-10's leading zero (0-306-40615-2 arrives as 306406152).
  const text = typeof s === 'number' ? (Number.isSafeInteger(s) ? String(s).padStart(10, '0') : '') : s;
  const compact = text
    .toUpperCase()
    // The Cyrillic «Х» looks like the check digit X and sits on the same key on a Russian keyboard.
    .replace(/Х/gu, 'X')
    .replace(/^\s*ISBN(?:-1[03])?\s*:?/u, '')
    .replace(/[\s\-‐‑–—]/gu, '');
  return /^(?:\d{9}[\dX]|\d{13})$/u.test(compact) ? compact : null;
}

function isbn10Check(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(first9[i]);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function isbn13Check(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(first12[i]);
  return String((10 - (sum % 10)) % 10);
}

/** ISBN-10 (mod 11, `X` for 10) or ISBN-13 (prefix 978 or 979, mod 10) with a correct check digit. */
export function isValidIsbn(s: string | number | null | undefined): boolean {
  const n = normalizeIsbn(s);
  if (n === null) return false;
  if (n.length === 10) return isbn10Check(n.slice(0, 9)) === n[9];
  return /^97[89]/u.test(n) && isbn13Check(n.slice(0, 12)) === n[12];
}

/** A valid ISBN-10 → its ISBN-13 (978 prefix, new check digit); null when not a valid ISBN-10. */
export function isbn10to13(s: string | number | null | undefined): string | null {
  const n = normalizeIsbn(s);
  if (n === null || n.length !== 10 || !isValidIsbn(n)) return null;
  const first12 = `978${n.slice(0, 9)}`;
  return first12 + isbn13Check(first12);
}
