/**
 * The `lines` of an order file read straight from its text as formatOrder writes them
 * (src/features/order/order-file.ts): `[` then per version `[[p,"key",grade,quantity,price(,row)],…]`
 * separated by `,\n`, then `\n]`. Building each line's object here, without JSON.parse's array per
 * line, reads a country's 14.6 million lines in less than half the time (bench/README.md, issue 20).
 *
 * Anything else — spaces, an escape in a key, a number that is not a plain whole number of at most
 * 15 digits, a negative quantity, a publisher index out of range — gives undefined, and the caller
 * reads the file by the general path, which accepts or refuses it with its own reasons. So this
 * returns only what the general path would return for the same text.
 */
import type { OrderLine } from '../../core/model/order.js';

const NL = 10;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const OPEN = 91;
const BACKSLASH = 92;
const CLOSE = 93;

/** Where the last number read ended (the functions below return a number, NaN when there is none). */
let cursor = 0;

/**
 * Each version's lines from `text` at `from` (the `[` that opens `lines`), and where the scan ended
 * (after the closing `]`); undefined when the text is not exactly as formatOrder writes it.
 */
export function scanLines(text: string, from: number, publishers: readonly string[]): { lines: OrderLine[][]; end: number } | undefined {
  let i = from;
  if (text.charCodeAt(i) !== OPEN || text.charCodeAt(i + 1) !== NL) return undefined;
  i += 2;
  const versions: OrderLine[][] = [];
  for (;;) {
    if (text.charCodeAt(i) !== OPEN) return undefined;
    i++;
    const lines: OrderLine[] = [];
    if (text.charCodeAt(i) !== CLOSE) {
      for (;;) {
        if (text.charCodeAt(i) !== OPEN) return undefined;
        const p = wholeNumber(text, i + 1);
        if (!(p >= 0 && p < publishers.length) || text.charCodeAt(cursor) !== COMMA || text.charCodeAt(cursor + 1) !== QUOTE) return undefined;
        const keyStart = cursor + 2;
        const keyEnd = text.indexOf('"', keyStart);
        if (keyEnd < 0) return undefined;
        for (let k = keyStart; k < keyEnd; k++) {
          const c = text.charCodeAt(k);
          if (c < 0x20 || c === BACKSLASH) return undefined;
        }
        const grade = nextNumber(text, keyEnd + 1);
        const quantity = nextNumber(text, cursor);
        const price = nextNumber(text, cursor);
        // NaN fails every comparison: a missing number, like a negative quantity, is not scanned.
        if (!(quantity >= 0) || Number.isNaN(grade) || Number.isNaN(price)) return undefined;
        const line: OrderLine = { publisher: publishers[p]!, item_key: text.slice(keyStart, keyEnd), grade, quantity, price_kopecks: price };
        if (text.charCodeAt(cursor) === COMMA) {
          const row = nextNumber(text, cursor);
          if (Number.isNaN(row)) return undefined;
          line.row = row;
        }
        i = cursor;
        if (text.charCodeAt(i) !== CLOSE) return undefined;
        i++;
        lines.push(line);
        if (text.charCodeAt(i) !== COMMA) break;
        if (text.charCodeAt(i + 1) !== NL) return undefined;
        i += 2;
      }
    }
    if (text.charCodeAt(i) !== CLOSE) return undefined;
    i++;
    versions.push(lines);
    if (text.charCodeAt(i) === NL && text.charCodeAt(i + 1) === CLOSE) return { lines: versions, end: i + 2 };
    if (text.charCodeAt(i) !== COMMA || text.charCodeAt(i + 1) !== NL) return undefined;
    i += 2;
  }
}

/** `,` then a whole number at `at`; NaN when there is none. */
function nextNumber(text: string, at: number): number {
  return text.charCodeAt(at) === COMMA ? wholeNumber(text, at + 1) : NaN;
}

/**
 * A whole number at `at` as JSON writes one (`-`?, no leading zero) of at most 15 digits, so always
 * a safe integer; NaN when there is none. `cursor` is left after it.
 */
function wholeNumber(text: string, at: number): number {
  let i = at;
  const negative = text.charCodeAt(i) === MINUS;
  if (negative) i++;
  const first = i;
  let value = 0;
  for (let d = text.charCodeAt(i) - ZERO; d >= 0 && d <= 9; d = text.charCodeAt(i) - ZERO) {
    value = value * 10 + d;
    i++;
  }
  const digits = i - first;
  cursor = i;
  if (digits === 0 || digits > 15 || (digits > 1 && text.charCodeAt(first) === ZERO)) return NaN;
  return negative ? -value : value;
}
