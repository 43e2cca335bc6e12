// The generated region of the campaign bench (bench/gen.mjs, bench/run.mjs): a catalogue of five
// publishers, a registry of schools with their students, and each school's order. Everything comes
// from a seeded PRNG, one stream per purpose and per school, so the same arguments always give the
// same region, and a school's order is the same whether it is written as an xlsx file (profile
// region) or straight into the workspace (profiles state and nation).

/** sfc32 seeded through splitmix32 from a string: fast, good enough, and the same on every machine. */
export function rng(...seed) {
  let h = 0x9e3779b9;
  for (const ch of seed.join('\u0000')) h = Math.imul(h ^ ch.codePointAt(0), 0x85ebca6b) ^ (h >>> 13);
  const split = () => {
    h = (h + 0x9e3779b9) | 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = () => next();
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  r.pick = (xs) => xs[Math.floor(next() * xs.length)];
  return r;
}

export const PUBLISHERS = [
  { name: 'Просвещение', share: 0.36, prefix: 'PR', isbn: '09', file: 'prosveshchenie' },
  { name: 'Дрофа', share: 0.2, prefix: 'DR', isbn: '358', file: 'drofa' },
  { name: 'Русское слово', share: 0.16, prefix: 'RS', isbn: '533', file: 'russkoe-slovo' },
  { name: 'Мнемозина', share: 0.14, prefix: 'MN', isbn: '346', file: 'mnemozina' },
  { name: 'Бином. Лаборатория знаний', share: 0.14, prefix: 'BN', isbn: '9963', file: 'binom' },
];

const SUBJECTS = [
  'Азбука',
  'Русский язык',
  'Литературное чтение',
  'Математика',
  'Окружающий мир',
  'Английский язык "Spotlight"',
  'Немецкий язык',
  'Литература',
  'История России',
  'Всеобщая история. История Средних веков',
  'Обществознание',
  'География',
  'Биология',
  'Алгебра',
  'Геометрия',
  'Физика',
  'Химия',
  'Информатика',
  'Основы безопасности жизнедеятельности',
  'Изобразительное искусство',
  'Музыка',
  'Технология',
  'Физическая культура',
  'Основы духовно-нравственной культуры народов России',
];
const PARTS = ['', '', '', '. В 2-х частях. Часть 1', '. В 2-х частях. Часть 2', ' (базовый уровень)', ' (углублённый уровень)', '. Учебник с электронным приложением'];
const SURNAMES = [
  'Горецкий В.Г.',
  'Кирюшкин В.А.',
  'Канакина В.П.',
  'Климанова Л.Ф.',
  'Моро М.И.',
  'Бантова М.А.',
  'Плешаков А.А.',
  'Быкова Н.И.',
  'Дули Д.',
  'Ладыженская Т.А.',
  'Баранов М.Т.',
  'Коровина В.Я.',
  'Арсентьев Н.М.',
  'Данилов А.А.',
  'Боголюбов Л.Н.',
  'Алексеев А.И.',
  'Пасечник В.В.',
  'Макарычев Ю.Н.',
  'Атанасян Л.С.',
  'Бутузов В.Ф.',
  'Пёрышкин А.В.',
  'Габриелян О.С.',
  'Босова Л.Л.',
  'Смирнов А.Т.',
  'Неменская Л.А.',
  'Сергеева Г.П.',
  'Лутцева Е.А.',
  'Лях В.И.',
];
/** grade ranges of items for several grades (one template row per grade) */
const RANGES = [
  [5, 9],
  [10, 11],
  [1, 4],
  [7, 9],
  [5, 6],
  [8, 9],
];

function isbn13(first12) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 ? 3 : 1);
  return first12 + String((10 - (sum % 10)) % 10);
}

/**
 * The catalogue: items of the five publishers whose grade rows add up to `rows` template rows
 * (an item for grades 5–9 is five rows of the order form), in the order `order template` lists them
 * (publishers sorted as the workspace sorts them, then the price list's order).
 */
export function catalogue(seed, rows) {
  const publishers = [];
  let left = rows;
  PUBLISHERS.forEach((p, pi) => {
    const r = rng(seed, 'catalogue', p.name);
    let want = pi === PUBLISHERS.length - 1 ? left : Math.max(1, Math.round(rows * p.share));
    want = Math.min(want, left - (PUBLISHERS.length - 1 - pi));
    left -= want;
    const items = [];
    let n = 0;
    for (let i = 0; n < want; i++) {
      let [from, to] = r() < 0.18 ? r.pick(RANGES) : [0, 0];
      if (from === 0) from = to = r.int(1, 11);
      to = Math.min(to, from + (want - n) - 1);
      n += to - from + 1;
      const subject = SUBJECTS[(i * 7 + pi * 3) % SUBJECTS.length];
      const part = r.pick(PARTS);
      const authors = Array.from({ length: r.int(1, 3) }, () => r.pick(SURNAMES));
      const group = p.isbn;
      const number = String(1 + i).padStart(12 - 4 - group.length, '0');
      const isbn = isbn13(`9785${group}${number}`);
      const grades = from === to ? `${from} класс` : `${from}-${to} классы`;
      // Prices to the kopeck, half of them in whole roubles or tens of kopecks as publishers set them.
      let price = r.int(12000, 89000);
      if (r() < 0.5) price -= price % 10;
      items.push({
        publisher: p.name,
        fpu_code: `1.${1 + (i % 3)}.${1 + (i % 7)}.${1 + (Math.floor(i / 7) % 9)}.${pi + 1}.${i + 1}`,
        item_code: `${p.prefix}${String(100000 + i * 7 + pi)}`,
        isbn: `${isbn.slice(0, 3)}-5-${group}-${isbn.slice(4 + group.length, 12)}-${isbn[12]}`,
        authors: [...new Set(authors)].join(', ') + (authors.length > 2 ? ' и др.' : ''),
        title: `${subject}. ${grades}${part}`,
        grade_from: from,
        grade_to: to,
        price_kopecks: price,
        vat_rate: r() < 0.04 ? 18 : 10,
      });
    }
    publishers.push({ ...p, items });
  });
  publishers.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const template = [];
  for (const p of publishers) for (const item of p.items) for (let g = item.grade_from; g <= item.grade_to; g++) template.push({ item, grade: g });
  return { publishers, template };
}

function inn10(base9) {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(base9[i]) * w[i];
  return base9 + String((s % 11) % 10);
}

const KINDS_OF_SCHOOL = ['СОШ', 'СОШ', 'СОШ', 'ООШ', 'лицей', 'гимназия', 'НОШ'];
const LEGAL = ['бюджетное', 'бюджетное', 'автономное', 'казённое'];

/** Municipalities and schools: contiguous blocks of schools per municipality, codes «MMSS». */
export function registry(seed, schools, municipalities) {
  const mw = Math.max(2, String(municipalities).length);
  const perMuni = Math.ceil(schools / municipalities);
  const sw = Math.max(2, String(perMuni).length);
  const munis = Array.from({ length: municipalities }, (_, m) => ({
    code: String(m + 1).padStart(mw, '0'),
    name: m % 5 === 0 ? `Город ${['Заречный', 'Нагорный', 'Приречный', 'Лесной', 'Степной', 'Озёрный', 'Северный'][m % 7]} № ${m + 1}` : `Муниципальный район № ${m + 1}`,
  }));
  const list = [];
  const count = new Array(municipalities).fill(0);
  for (let s = 0; s < schools; s++) {
    const m = Math.min(municipalities - 1, Math.floor((s * municipalities) / schools));
    const muni = munis[m];
    const k = ++count[m];
    const r = rng(seed, 'school', s);
    const kind = r.pick(KINDS_OF_SCHOOL);
    const size = r();
    // pupils per grade: village schools of a few pupils to city schools of five classes
    const base = size < 0.2 ? r.int(3, 10) : size < 0.5 ? r.int(10, 30) : size < 0.85 ? r.int(30, 80) : r.int(80, 150);
    const students = {};
    for (let g = 1; g <= 11; g++) {
      if (kind === 'НОШ' && g > 4) continue;
      if (kind === 'ООШ' && g > 9) continue;
      students[String(g)] = Math.max(3, Math.round(base * (0.8 + 0.4 * r())));
    }
    const n = s + 1;
    const title = kind === 'лицей' ? 'Лицей' : kind === 'гимназия' ? 'Гимназия' : kind === 'ООШ' ? 'Основная общеобразовательная школа' : kind === 'НОШ' ? 'Начальная общеобразовательная школа' : 'Средняя общеобразовательная школа';
    const legal = LEGAL[s % LEGAL.length];
    list.push({
      index: s,
      code: `${muni.code}${String(k).padStart(sw, '0')}`,
      short_name: `М${legal[0].toUpperCase()}ОУ ${kind} № ${n}`,
      full_name: `Муниципальное ${legal} общеобразовательное учреждение «${title} № ${n}» (${muni.name})`,
      municipality: muni.code,
      municipality_name: muni.name,
      inn: inn10(`18${String(10000000 + s).slice(-7)}`),
      kpp: `18${String(1 + (m % 99)).padStart(2, '0')}01001`,
      legal_form: legal,
      students,
    });
  }
  return { municipalities: munis, schools: list };
}

/**
 * Mistakes a few schools make (about one file in 35, each kind in turn). Every kind but
 * `over-students` (a warning) is an error, so `order submit` refuses those files.
 */
export const MISTAKES = ['qty-text', 'qty-fraction', 'price-typed', 'sum-typed', 'total-typed', 'duplicate-line', 'grade-changed', 'unknown-item', 'unknown-school', 'over-students'];
export const ACCEPTED_MISTAKES = new Set(['over-students']);

export function mistakeOf(index, schools) {
  // only in regions big enough to have clean files besides them
  if (schools < 35 || index % 35 !== 17) return undefined;
  return MISTAKES[Math.floor(index / 35) % MISTAKES.length];
}

/**
 * The rows of the form a school fills: `lines` of the template's rows chosen at random, each with a
 * quantity of at most the grade's students (so, no warnings). Rows of grades the school does not teach
 * are never chosen; a school with fewer eligible rows orders all of them.
 */
export function schoolOrder(seed, school, template, lines) {
  const r = rng(seed, 'order', school.index);
  const eligible = [];
  for (let i = 0; i < template.length; i++) if (school.students[String(template[i].grade)] !== undefined) eligible.push(i);
  const n = Math.min(lines, eligible.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(r() * (eligible.length - i));
    [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
  }
  const chosen = eligible.slice(0, n).sort((a, b) => a - b);
  return chosen.map((t) => {
    const students = school.students[String(template[t].grade)];
    return { t, quantity: Math.max(1, Math.floor(students * (0.5 + 0.5 * r()))) };
  });
}

/**
 * Totals per publisher of accepted lines: copies, sum_kopecks, lines (school order lines), schools,
 * and consolidated_rows (distinct item and grade: the rows of `consolidate region`, its `lines`).
 */
export class Totals {
  constructor() {
    this.publishers = new Map();
  }
  /** `row`: the item and grade, one row of the consolidation */
  add(school, publisher, quantity, priceKopecks, row) {
    let p = this.publishers.get(publisher);
    if (!p) this.publishers.set(publisher, (p = { copies: 0, sum_kopecks: 0, lines: 0, schools: new Set(), rows: new Set() }));
    p.rows.add(row);
    p.copies += quantity;
    p.sum_kopecks += quantity * priceKopecks;
    p.lines++;
    p.schools.add(school);
    if (!Number.isSafeInteger(p.sum_kopecks)) throw new RangeError('sum beyond safe integers');
  }
  toJSON() {
    const publishers = [...this.publishers.entries()]
      .sort((a, b) => a[0].localeCompare(b[0], 'ru'))
      .map(([publisher, p]) => ({ publisher, copies: p.copies, sum_kopecks: p.sum_kopecks, lines: p.lines, schools: p.schools.size, consolidated_rows: p.rows.size }));
    const total = publishers.reduce((t, p) => ({ copies: t.copies + p.copies, sum_kopecks: t.sum_kopecks + p.sum_kopecks, lines: t.lines + p.lines }), { copies: 0, sum_kopecks: 0, lines: 0 });
    return { publishers, total };
  }
}
