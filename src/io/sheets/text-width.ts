/**
 * How wide a text is in Times New Roman, the font of the documents uchebnik prints, for deciding row
 * heights and page breaks before any application has laid the sheet out (neither Excel nor LibreOffice
 * fits merged cells, and LibreOffice does not fit the rows of an xlsx on opening).
 *
 * Advance widths in hundredths of an em, read from Liberation Serif Regular and Bold (metric-compatible
 * with Times New Roman: the same advance for every character) for ASCII, Cyrillic and the punctuation
 * documents use. Anything else counts as 0.6 em.
 */

const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ «°·»×ЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяёђѓєѕіїјљњћќѝўџ–—‘’“”„•…№";

const REGULAR = [
  25, 33, 41, 50, 50, 83, 78, 18, 33, 33, 50, 56, 25, 33, 25, 28, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 28,
  28, 56, 56, 56, 44, 92, 72, 67, 67, 72, 61, 56, 72, 72, 33, 39, 72, 61, 89, 72, 72, 56, 72, 67, 56, 61, 72,
  72, 94, 72, 72, 61, 33, 28, 33, 47, 50, 33, 44, 50, 44, 50, 44, 33, 50, 50, 28, 28, 50, 28, 78, 50, 50, 50,
  50, 33, 39, 28, 50, 50, 72, 50, 50, 44, 48, 20, 48, 54, 25, 50, 40, 25, 50, 56, 61, 75, 58, 66, 56, 33, 33,
  39, 87, 87, 74, 67, 72, 71, 72, 72, 57, 67, 58, 68, 61, 90, 50, 72, 72, 67, 68, 89, 72, 72, 72, 56, 67, 61,
  71, 79, 72, 72, 65, 101, 101, 71, 87, 57, 66, 103, 67, 44, 51, 47, 41, 51, 44, 69, 40, 54, 54, 49, 50, 63,
  54, 50, 54, 50, 44, 44, 50, 65, 50, 54, 50, 77, 77, 52, 67, 46, 43, 75, 46, 44, 48, 41, 43, 39, 28, 28, 28,
  73, 72, 50, 49, 54, 50, 54, 50, 100, 33, 33, 44, 44, 44, 35, 100, 95,
];

const BOLD = [
  25, 33, 56, 50, 50, 100, 83, 28, 33, 33, 50, 57, 25, 33, 25, 28, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 33,
  33, 57, 57, 57, 50, 93, 72, 67, 72, 72, 67, 61, 78, 78, 39, 50, 78, 67, 94, 72, 78, 61, 78, 72, 56, 67, 72,
  72, 100, 72, 72, 67, 33, 28, 33, 58, 50, 33, 50, 56, 44, 56, 44, 33, 50, 56, 28, 33, 56, 28, 83, 56, 50, 56,
  56, 44, 39, 33, 56, 50, 72, 50, 50, 44, 39, 22, 39, 52, 25, 50, 40, 25, 50, 57, 67, 80, 64, 68, 56, 39, 39,
  50, 100, 100, 80, 73, 78, 73, 78, 72, 66, 67, 64, 69, 67, 99, 53, 78, 78, 73, 75, 94, 78, 78, 78, 61, 72,
  67, 73, 86, 72, 78, 73, 110, 110, 77, 98, 66, 68, 113, 72, 50, 50, 54, 45, 51, 44, 73, 40, 58, 58, 58, 56,
  68, 58, 50, 58, 56, 44, 49, 50, 69, 50, 58, 56, 84, 84, 58, 78, 53, 43, 76, 54, 44, 54, 45, 43, 39, 28, 28,
  33, 78, 80, 56, 58, 58, 50, 58, 50, 100, 33, 33, 50, 50, 50, 35, 100, 100,
];

const OTHER = 60;

const index = new Map<string, number>([...CHARS].map((c, i) => [c, i]));

/** The width of `text` in points at `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let hundredths = 0;
  for (const ch of text) {
    const i = index.get(ch);
    hundredths += i === undefined ? OTHER : table[i]!;
  }
  return (hundredths / 100) * size;
}
