/**
 * docs/findings.md is the table of finding codes: generated from the findings registry
 * (src/core/findings/) and checked here, so it never lists a code the program lost or misses one it
 * gained. `UPDATE_DOCS=1 npx vitest run test/core/findings-doc.test.ts` rewrites it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS, SEVERITY_WORDS, type FindingSpec } from '../../src/core/findings/index.js';
import { REPO } from '../support/cli.js';

const DOC = path.join(REPO, 'docs', 'findings.md');

/** A table cell: a `|` would end it, so it is escaped. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

function render(): string {
  const lines = [
    '# Коды замечаний',
    '',
    '<!-- Generated from src/core/findings/ by test/core/findings-doc.test.ts (UPDATE_DOCS=1 rewrites it).',
    '     Do not edit by hand. -->',
    '',
    'Каждое замечание в отчёте uchebnik несёт код (`code` в `--json`) из этого списка. Список ведётся в',
    '[src/core/findings/](../src/core/findings/index.ts), по файлу на область программы; `uchebnik codes`',
    '(`--json`, `--lang en`) выводит его же.',
    '',
    '- **Важность**: ошибка (команда завершается с кодом 1) или предупреждение; «ошибка',
    '  или предупреждение» — когда важность задаёт флаг или настройка рабочей папки.',
    '- **Название** — несколько слов о сути; в JSON-отчёте это `title` на языке пользователя.',
    '- **Сообщение** — шаблон: `{имя}` заполняется из `params` замечания (в JSON-отчёте они выводятся как',
    '  есть). Сумма денег передаётся в копейках как `имя_kopecks` (целое число) и показывается в `{имя}`',
    '  деньгами на языке пользователя: «1 625,58» или «1,625.58». Параметры `имя_ru` / `имя_en` — один и',
    '  тот же текст на двух языках.',
    '',
    'Проблемы рабочей папки (`workspace-*`) находит `uchebnik doctor`; они выводятся с путём файла, а не',
    'ячейкой, и дают код выхода 4.',
  ];
  for (const area of AREAS) {
    lines.push('', `## ${area.title.ru} (\`${area.id}\`)`, '', '| код | важность | название | сообщение |', '| --- | --- | --- | --- |');
    for (const [code, spec] of Object.entries(area.codes as Readonly<Record<string, FindingSpec>>)) {
      lines.push(`| \`${code}\` | ${SEVERITY_WORDS[spec.severity].ru} | ${cell(spec.title.ru)} (${cell(spec.title.en)}) | ${cell(spec.message.ru)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('docs/findings.md', () => {
  it('is the table of the findings registry (regenerate with UPDATE_DOCS=1)', () => {
    const text = render();
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, text);
    expect(fs.readFileSync(DOC, 'utf8')).toBe(text);
  });
});
