/**
 * The amount in words read back into kopecks, to check that what a document writes out in words
 * (src/core/words.ts amountInWords) says the figure it stands for: «Двенадцать тысяч триста сорок пять
 * рублей 60 копеек» → 1234560. Throws on a word it does not know.
 */
const UNITS: Record<string, number> = {
  ноль: 0, один: 1, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9,
  десять: 10, одиннадцать: 11, двенадцать: 12, тринадцать: 13, четырнадцать: 14, пятнадцать: 15, шестнадцать: 16, семнадцать: 17, восемнадцать: 18, девятнадцать: 19,
  двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50, шестьдесят: 60, семьдесят: 70, восемьдесят: 80, девяносто: 90,
  сто: 100, двести: 200, триста: 300, четыреста: 400, пятьсот: 500, шестьсот: 600, семьсот: 700, восемьсот: 800, девятьсот: 900,
};
const SCALES: [RegExp, number][] = [
  [/^тысяч[аи]?$/u, 1e3],
  [/^миллион(а|ов)?$/u, 1e6],
  [/^миллиард(а|ов)?$/u, 1e9],
  [/^триллион(а|ов)?$/u, 1e12],
];

export function parseAmountInWords(text: string): number {
  const m = /^(.+?)\s+рубл(?:ь|я|ей)\s+(\d{2})\s+копе(?:йка|йки|ек)$/u.exec(text.trim());
  if (!m) throw new Error(`not an amount in words: ${text}`);
  let rubles = 0;
  let group = 0;
  for (const word of m[1]!.toLowerCase().split(/\s+/u)) {
    if (word in UNITS) {
      group += UNITS[word]!;
      continue;
    }
    const scale = SCALES.find(([re]) => re.test(word));
    if (!scale) throw new Error(`unknown word «${word}» in ${text}`);
    rubles += (group || 1) * scale[1];
    group = 0;
  }
  return (rubles + group) * 100 + Number(m[2]);
}
