/**
 * The findings registry (src/core/findings/) is the one place a finding code's severity, title and
 * message live. These checks replace the per-feature «every code has a message» tests: the registry
 * is whole in both languages, and it lists exactly the codes the program produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/finding.js';
import { AREAS, FINDINGS, isFindingCode, type FindingCode } from '../../src/core/findings/index.js';
import { t } from '../../src/core/i18n/index.js';
import { renderFinding } from '../../src/core/report/report.js';
import { REPO } from '../support/cli.js';

const CODES = Object.keys(FINDINGS) as FindingCode[];

/**
 * The names a template fills. A param `x_ru` / `x_en` is one param given by the producer in each
 * language (a reason, an entity's description), so it counts as `x` in both.
 */
function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)(?:\|[^{}]*)?\}/g)].map((m) => m[1]!.replace(/_(?:ru|en)$/, '')))].sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The program's source outside the registry and the message catalogue. */
const SOURCE = sourceFiles(path.join(REPO, 'src'))
  .filter((f) => !f.includes(`${path.sep}core${path.sep}findings${path.sep}`) && !f.includes(`${path.sep}i18n${path.sep}`))
  .map((f) => ({ file: path.relative(REPO, f), text: fs.readFileSync(f, 'utf8') }));

/** `finding('code', 'severity'` and doctor's `problem('code', 'severity'` written out in the source. */
const PRODUCED = SOURCE.flatMap(({ file, text }) =>
  [...text.matchAll(/\b(?:finding|problem)\(\s*'([a-z0-9-]+)',\s*(?:'(error|warning)')?/g)].map((m) => ({ file, code: m[1]!, severity: m[2] })),
);

describe('the findings registry', () => {
  it('gives every code to one area', () => {
    const all = AREAS.flatMap((a) => Object.keys(a.codes));
    expect(all.length).toBe(new Set(all).size);
    expect(new Set(all)).toEqual(new Set(CODES));
    expect(new Set(AREAS.map((a) => a.id)).size).toBe(AREAS.length);
  });

  it('has kebab-case codes with a severity, a title and a message in both languages', () => {
    expect(CODES.length).toBeGreaterThan(100);
    for (const code of CODES) {
      const spec = FINDINGS[code];
      expect(code).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/);
      expect(['error', 'warning', 'either'], code).toContain(spec.severity);
      for (const text of [spec.title.ru, spec.title.en, spec.message.ru, spec.message.en]) expect(text.trim(), code).not.toBe('');
      expect(spec.title.en, `${code}: an English title`).not.toMatch(/[а-яё]/i);
    }
  });

  it('fills the same placeholders in Russian and English', () => {
    for (const code of CODES) expect(placeholders(FINDINGS[code].message.en), code).toEqual(placeholders(FINDINGS[code].message.ru));
  });

  it('knows every code the source produces, with the severity it is produced with', () => {
    expect(PRODUCED.length).toBeGreaterThan(60);
    for (const p of PRODUCED) {
      expect(isFindingCode(p.code), `${p.file}: ${p.code}`).toBe(true);
      const severity = FINDINGS[p.code as FindingCode]?.severity;
      if (p.severity && severity !== 'either') expect(severity, `${p.file}: ${p.code}`).toBe(p.severity);
    }
  });

  it('has no code the source never produces', () => {
    const text = SOURCE.map((s) => s.text).join('\n');
    const unused = CODES.filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('is the one place of the findings\' texts: no message file keeps a finding.<code> of its own', () => {
    const dir = path.join(REPO, 'src', 'core', 'i18n', 'messages');
    const kept = fs.readdirSync(dir).filter((f) => /'finding\./.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(kept).toEqual([]);
  });

  it('is what the message catalogue says for finding.<code>', () => {
    for (const code of CODES)
      for (const lang of ['ru', 'en'] as const) expect(t(lang, `finding.${code}`), code).toBe(FINDINGS[code].message[lang]);
  });
});

describe('a finding in the report', () => {
  const priceDiffers = finding('import-price-differs', 'warning', { file: 'a.xlsx', row: 3, column: 'F' }, { item: '1001', file_price_kopecks: 162558, list_price_kopecks: 150000 }, { expected: 150000, actual: 162558 });

  it('shows amounts given in kopecks as money in the reader\'s language', () => {
    expect(renderFinding(priceDiffers, 'ru').message).toContain('в файле 1\u00A0625,58 руб., в прайс-листе 1\u00A0500,00 руб.');
    expect(renderFinding(priceDiffers, 'en').message).toBe('Price of 1001 is 1,625.58 in the file and 1,500.00 in the price list: the file\'s price is kept (the order was formed at it)');
  });

  it('keeps its params as the producer gave them and has the code\'s title in the reader\'s language', () => {
    const en = renderFinding(priceDiffers, 'en');
    expect(en).toMatchObject({ code: 'import-price-differs', title: 'Price differs from the price list', cell: 'F3', params: { item: '1001', file_price_kopecks: 162558, list_price_kopecks: 150000 } });
    expect(renderFinding(priceDiffers, 'ru').title).toBe('Цена отличается от прайс-листа');
  });

  it('takes a text as written where a cell holds no amount', () => {
    const f = finding('order-price-mismatch', 'error', {}, { title: 'Букварь', publisher: 'Просвещение', price: '12,345', list_price_kopecks: 24398 });
    expect(renderFinding(f, 'en').message).toBe('Price 12,345 differs from the Просвещение price list: 243.98 rub. ("Букварь")');
  });
});
