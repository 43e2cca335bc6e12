/**
 * docs/header-words.md is the documented table of header words (issue 16): generated from the code's
 * own tables — the roles of src/io/sheets/recognise/header-words.ts and the price list's synonyms — and
 * checked here, so the documentation never promises a word the reader does not know.
 * `UPDATE_DOCS=1 npx vitest run test/io/sheets/header-words-doc.test.ts` rewrites it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRICELIST_SPEC } from '../../../src/features/pricelist/command.js';
import { HEADER_WORDS } from '../../../src/io/sheets/recognise/header-words.js';
import { REPO } from '../../support/cli.js';

const DOC = path.join(REPO, 'docs', 'header-words.md');

function render(): string {
  const lines = [
    '# Слова заголовков',
    '',
    '<!-- Generated from src/io/sheets/recognise/header-words.ts and src/features/pricelist/command.ts by',
    '     test/io/sheets/header-words-doc.test.ts (UPDATE_DOCS=1 rewrites it). Do not edit by hand. -->',
    '',
    'Как uchebnik узнаёт столбцы (подробно — [reading-files.md](reading-files.md)). Заголовок сравнивается',
    'без учёта регистра, «ё», знаков препинания, «№» и лишних пробелов; склеенный заголовок',
    '(«ПродукцияАвторыДляПрайса») делится по заглавным буквам.',
    '',
    '## Прайс-лист: точные заголовки',
    '',
    'Заголовок из этого списка (или начинающийся с него) — самый сильный признак поля. Ячейки под ним всё',
    'равно проверяются: столбец «ФГОС», под которым не коды ФП, кодом ФП не станет.',
    '',
    '| поле | заголовки | содержимое ячеек |',
    '| --- | --- | --- |',
  ];
  for (const f of PRICELIST_SPEC.fields) {
    lines.push(`| \`${f.key}\` | ${f.synonyms.map((s) => `«${s}»`).join(', ')} | ${(f.content ?? []).map((k) => `\`${k}\``).join(', ') || '—'} |`);
  }
  lines.push(
    '',
    '## Слова ролей (все читатели)',
    '',
    'Слово роли внутри заголовка — слабый признак: поле достаётся столбцу, только если ячейки под ним',
    'подходят. «не» — слова, которые роль исключают; «лучше» — слова, по которым из нескольких столбцов',
    'выбирается один (цена с НДС, а не без него).',
    '',
    '| роль | что это | слова | не | лучше |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const [role, w] of Object.entries(HEADER_WORDS)) {
    const list = (xs: string[] | undefined) => (xs?.length ? xs.map((x) => `«${x}»`).join(', ') : '—');
    lines.push(`| \`${role}\` | ${w.about} | ${list(w.stems)} | ${list(w.not)} | ${list(w.better)} |`);
  }
  return lines.join('\n') + '\n';
}

describe('docs/header-words.md', () => {
  it('is the table the code matches (regenerate with UPDATE_DOCS=1)', () => {
    const text = render();
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, text);
    expect(fs.readFileSync(DOC, 'utf8')).toBe(text);
  });
});
