/**
 * Which text encoding a CSV file is in. Russian CSV arrives as UTF-8 (with or without BOM), as
 * Windows-1251 (most Excel and 1C exports), now and then as KOI8-R or MacCyrillic, and as UTF-16LE
 * from Excel's «Unicode text». The single-byte encodings cannot be told apart by their bytes alone,
 * so each candidate decoding is scored by how much it reads like Russian text (docs/file-formats.md#csv).
 * Pure: bytes in, a verdict out.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { UsageError } from '../../core/errors.js';

export type CsvEncoding = 'utf-8' | 'windows-1251' | 'koi8-r' | 'x-mac-cyrillic' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: CsvEncoding;
  /** the sample starts with this encoding's byte order mark */
  bom: boolean;
}

/** How many bytes of a file are worth judging: enough for a banner, a header and dozens of rows. */
export const SAMPLE_BYTES = 64 * 1024;

const BOMS: { encoding: CsvEncoding; bytes: number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/** Length of `encoding`'s byte order mark at the start of `sample`, 0 when there is none. */
export function bomLength(sample: Buffer, encoding: CsvEncoding): number {
  const bom = BOMS.find((b) => b.encoding === encoding);
  if (!bom || sample.length < bom.bytes.length) return 0;
  return bom.bytes.every((byte, i) => sample[i] === byte) ? bom.bytes.length : 0;
}

/** Bytes per code unit: the CSV syntax (quote, delimiter, CR, LF) is one unit in every supported encoding. */
export function unitWidth(encoding: CsvEncoding): 1 | 2 {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
}

/** The name iconv-lite knows the encoding by. */
export function iconvName(encoding: CsvEncoding): string {
  return encoding === 'x-mac-cyrillic' ? 'maccyrillic' : encoding;
}

const NAME_ALIASES: Record<string, CsvEncoding> = {
  utf8: 'utf-8',
  windows1251: 'windows-1251',
  cp1251: 'windows-1251',
  win1251: 'windows-1251',
  '1251': 'windows-1251',
  koi8r: 'koi8-r',
  koi8: 'koi8-r',
  maccyrillic: 'x-mac-cyrillic',
  xmaccyrillic: 'x-mac-cyrillic',
  macintoshcyrillic: 'x-mac-cyrillic',
  utf16le: 'utf-16le',
  utf16: 'utf-16le',
  ucs2: 'utf-16le',
  unicode: 'utf-16le',
  utf16be: 'utf-16be',
};

export const ENCODING_NAMES = 'utf-8, windows-1251 (cp1251), koi8-r, mac-cyrillic, utf-16le, utf-16be';

/** `--encoding` as a user writes it (`cp1251`, `UTF8`, `koi8r`, `mac-cyrillic`…) → the encoding; UsageError otherwise. */
export function normalizeEncodingName(name: string): CsvEncoding {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // own keys only: `--encoding constructor` is not a name of Object.prototype's constructor
  const encoding = Object.hasOwn(NAME_ALIASES, key) ? NAME_ALIASES[key] : undefined;
  if (!encoding) throw new UsageError('csv.encoding-bad-name', { name, known: ENCODING_NAMES });
  return encoding;
}

/**
 * UTF-16 written without a byte order mark: one parity of the byte positions holds most of the NULs
 * (the high byte of every ASCII character).
 */
export function looksLikeUtf16WithoutBom(sample: Buffer): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const nuls = even + odd;
  const units = Math.floor(sample.length / 2);
  return units >= 2 && nuls >= units / 4 && Math.max(even, odd) >= 0.9 * nuls;
}

/**
 * Not text at all: NUL bytes (outside a UTF-16 pattern) or more control characters than any
 * spreadsheet export contains. A file that starts with a UTF-16 byte order mark is text by definition.
 */
export function looksBinary(sample: Buffer): boolean {
  if (bomLength(sample, 'utf-16le') || bomLength(sample, 'utf-16be')) return false;
  let nul = 0;
  let control = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    // tab, LF, VT, FF, CR and SUB (the DOS end-of-file mark some exporters append) occur in real text
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) control++;
  }
  if (nul > 0) return !looksLikeUtf16WithoutBom(sample);
  return control >= 8 && control > sample.length / 50;
}

/** Drop a UTF-8 sequence cut off by the end of the sample, so a cut character does not look invalid. */
export function trimPartialUtf8(sample: Buffer): Buffer {
  const end = sample.length;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const b = sample[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? sample.subarray(0, end - back) : sample;
  }
  return sample;
}

const SINGLE_BYTE: CsvEncoding[] = ['windows-1251', 'koi8-r', 'x-mac-cyrillic'];

/**
 * The sample's encoding, or null when it is binary, UTF-16 without a byte order mark, or reads like
 * Russian in none of the candidates. Order of judgement: byte order mark; valid UTF-8 (pure ASCII
 * included); else the single-byte candidate whose decoding scores best as Russian text. Windows-1251
 * and MacCyrillic share their lowercase letters but for «я», which is «Я» in the other: when their
 * scores tie, the reading with fewer capitals wins (a mid-sentence «Язык» is the wrong one), and then
 * Windows-1251, since identical decodings are most likely 1251.
 */
export function detectEncoding(sample: Buffer, opts: { complete?: boolean } = {}): DetectedEncoding | null {
  for (const { encoding } of BOMS) if (bomLength(sample, encoding)) return { encoding, bom: true };
  if (looksBinary(sample) || looksLikeUtf16WithoutBom(sample)) return null;
  if (isUtf8(opts.complete ? sample : trimPartialUtf8(sample))) return { encoding: 'utf-8', bom: false };
  let best: { encoding: CsvEncoding; score: number; high: number; capitals: number } | null = null;
  for (const encoding of SINGLE_BYTE) {
    const text = iconv.decode(sample, iconvName(encoding));
    const s = russianScore(sample, text);
    if (s === null) continue;
    const capitals = countCapitals(text);
    const tie = best !== null && Math.abs(s.score - best.score) < 1e-9;
    if (best === null || (tie ? capitals < best.capitals : s.score > best.score)) best = { encoding, ...s, capitals };
  }
  if (!best) return null;
  // A few words cannot prove much either way (a lone «ёж» averages below prose): judge them leniently.
  const threshold = best.high >= 16 ? RUSSIAN_THRESHOLD : SHORT_THRESHOLD;
  return best.score >= threshold ? { encoding: best.encoding, bom: false } : null;
}

/**
 * Letter frequencies of Russian prose (per mille; Russian National Corpus figures as commonly quoted).
 * A right decoding is dominated by о е а и н т с р в л; a wrong one by the letters those bytes mean elsewhere.
 */
const FREQ_PER_MILLE: Record<string, number> = {
  о: 109.7, е: 84.5, а: 80.1, и: 73.5, н: 67.0, т: 62.6, с: 54.7, р: 47.3, в: 45.4, л: 44.0, к: 34.9,
  м: 32.1, д: 29.8, п: 28.1, у: 26.2, я: 20.1, ы: 19.0, ь: 17.4, г: 17.0, з: 16.5, б: 15.9, ч: 14.4,
  й: 12.1, х: 9.7, ж: 9.4, ш: 7.3, ю: 6.4, ц: 4.8, щ: 3.6, э: 3.2, ф: 2.6, ъ: 0.4, ё: 0.4,
};
const LOG_FREQ = new Map(Object.entries(FREQ_PER_MILLE).map(([ch, f]) => [ch, Math.log(f / 1000)]));

/** Score of a high byte that decodes to something no Russian text has there (≈ log of 1 in 10,000). */
const IMPLAUSIBLE = -9;
/** Score of typographic punctuation where it can stand: about what an average letter scores, so neither helps. */
const PUNCTUATION = -3;
/** A right decoding of Russian text averages about -3 per high byte (the letters' entropy); random bytes far below -5. */
const RUSSIAN_THRESHOLD = -4.5;
const SHORT_THRESHOLD = -6.5;

const isRussianLetter = (c: number) => (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;
const isRussianUpper = (c: number) => (c >= 0x410 && c <= 0x42f) || c === 0x401;
const isRussianLower = (c: number) => (c >= 0x430 && c <= 0x44f) || c === 0x451;
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** letters after which a hard or soft sign cannot follow */
const NO_SIGN_AFTER = 'аеёиоуыэюяйъь';
/** an opening quotation mark → the marks that may close it later on the same line */
const CLOSERS: Record<string, string> = { '«': '»', '„': '“”', '“': '”', '‘': '’' };
/** a closing quotation mark → the marks that may have opened it earlier on the same line */
const OPENERS: Record<string, string> = { '»': '«', '“': '„', '”': '“„', '’': '‘' };
/** dashes and the like stand between words or after them, never glued to the start of one */
const NOT_BEFORE_WORD = new Set(['–', '—', '…', '•']);
const OTHER_PUNCTUATION = new Set(['№', '°', '±', '§', '©', '®', '™', '·']);

/**
 * Mean log-likelihood per high byte of `text` (the decoding of `bytes`, one character per byte) as
 * Russian. Each Russian letter scores its frequency. A word scores IMPLAUSIBLE per letter when its
 * case is not lower, Capitalised or UPPER (KOI8-R read as 1251 turns «Школа» into «шКОЛА»), when it is
 * glued to Latin letters, starts with ъ, ь or ы, or has ъ or ь after a vowel. Typographic punctuation
 * scores PUNCTUATION where it can stand and IMPLAUSIBLE where it cannot: a quotation mark without its
 * pair on the line, a dash or a no-break space glued to the start of a word (MacCyrillic capitals read
 * as 1251 become «“чебники», 1251 capitals read as Mac «–усский», «‘изика»). Anything else (box
 * drawing, Ђ, Љ, ќ) is IMPLAUSIBLE. Null when there are no high bytes.
 */
function russianScore(bytes: Buffer, text: string): { score: number; high: number } | null {
  let high = 0;
  let total = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isRussianLetter(c)) {
      let j = i;
      let upper = 0;
      let sum = 0;
      let impossible = false;
      let prev = '';
      while (j < text.length && isRussianLetter(text.charCodeAt(j))) {
        if (isRussianUpper(text.charCodeAt(j))) upper++;
        const lower = text.charAt(j).toLowerCase();
        sum += LOG_FREQ.get(lower) ?? IMPLAUSIBLE;
        if ((lower === 'ъ' || lower === 'ь') && (j === i || NO_SIGN_AFTER.includes(prev))) impossible = true;
        if (lower === 'ы' && j === i) impossible = true;
        prev = lower;
        j++;
      }
      const len = j - i;
      const caseOk = upper === 0 || upper === len || (isRussianUpper(c) && upper === 1);
      const gluedToLatin = (i > 0 && isAsciiLetter(text.charCodeAt(i - 1))) || (j < text.length && isAsciiLetter(text.charCodeAt(j)));
      total += caseOk && !gluedToLatin && !impossible ? sum : IMPLAUSIBLE * len;
      high += len;
      i = j;
      continue;
    }
    if (bytes[i]! >= 0x80) {
      high++;
      total += punctuationScore(text, i);
    }
    i++;
  }
  return high === 0 ? null : { score: total / high, high };
}

function countCapitals(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isRussianUpper(text.charCodeAt(i))) n++;
  return n;
}

function punctuationScore(text: string, i: number): number {
  const ch = text.charAt(i);
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
  const next = text.charCodeAt(i + 1);
  const startsWord = isRussianLower(next) && !isRussianLetter(prev) && !isDigit(prev) && prev !== 0x2e && prev !== 0x2c;
  if (ch === '\u00a0' || NOT_BEFORE_WORD.has(ch)) return startsWord ? IMPLAUSIBLE : PUNCTUATION;
  if (OTHER_PUNCTUATION.has(ch)) return PUNCTUATION;
  const closers = CLOSERS[ch];
  const openers = OPENERS[ch];
  if (closers === undefined && openers === undefined) return IMPLAUSIBLE;
  const lineStart = text.lastIndexOf('\n', i) + 1;
  const lineEnd = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
  const paired =
    (closers !== undefined && hasAnyOf(text, closers, i + 1, lineEnd)) ||
    (openers !== undefined && hasAnyOf(text, openers, lineStart, i));
  return paired ? PUNCTUATION : IMPLAUSIBLE;
}

function hasAnyOf(text: string, chars: string, from: number, to: number): boolean {
  for (const ch of chars) {
    const at = text.indexOf(ch, from);
    if (at >= 0 && at < to) return true;
  }
  return false;
}
