import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/features/plan/model.js';
import { planFromTable, splitExecutors, type PlanTableRow } from '../../../src/features/plan/table.js';
import { firstGradePlan, textbooksPlan } from '../../../src/features/plan/templates.js';
import { firstGradeSeedRows, seedsPresent, textbooksSeedRows } from './seeds.js';

const table = (lines: string[][]): PlanTableRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));

/** What an import can know: everything but the completion rules, which belong to the templates. */
const comparable = (plan: Plan) =>
  plan.stages.map((s) => ({
    number: s.number,
    text: s.text.replace(/\s+/g, ' '),
    executors: s.executors.map(({ name, role, deadline_text, deadline }) => ({ name, role, deadline_text, deadline })),
  }));

describe('planFromTable: one column per executor', () => {
  const rows = table([
    ['**План работы на 2018 г.**'],
    [],
    ['№', 'Мероприятия', 'Исполнитель/срок', '', '', ''],
    ['', '', 'Школы', 'Управления образования', 'РЦИ и ОКО', 'Министерство'],
    ['1.', 'Оформление соглашений', '', 'до 16 февраля', '', ''],
    ['2.', 'Проверка данных', 'До 12 февраля', '', '', 'до 14 февраля'],
  ]);

  it('reads executor names under the group label, with each executor’s date and cell', () => {
    const { plan, findings } = planFromTable(rows, { campaignYear: 2018 });
    expect(findings).toEqual([]);
    expect(plan).toEqual({
      id: 'imported',
      title: 'План работы на 2018 г.',
      campaign_year: 2018,
      executor_columns: ['Школы', 'Управления образования', 'РЦИ и ОКО', 'Министерство'],
      stages: [
        {
          number: 1,
          text: 'Оформление соглашений',
          row: 5,
          executors: [{ name: 'Управления образования', role: 'municipality', deadline_text: 'до 16 февраля', deadline: '2018-02-16', column: 'D' }],
        },
        {
          number: 2,
          text: 'Проверка данных',
          row: 6,
          executors: [
            { name: 'Школы', role: 'schools', deadline_text: 'До 12 февраля', deadline: '2018-02-12', column: 'C' },
            { name: 'Министерство', role: 'ministry', deadline_text: 'до 14 февраля', deadline: '2018-02-14', column: 'F' },
          ],
        },
      ],
    });
  });

  it('reads executor names from the header row itself, in any case and with line breaks', () => {
    const { plan } = planFromTable(
      table([
        ['№ п/п', 'МЕРОПРИЯТИЕ', 'Школы', 'Управления\nобразования'],
        ['1', 'Оформление', '', 'до 16 февраля'],
      ]),
      { campaignYear: 2018, id: 'textbooks', title: 'План' },
    );
    expect(plan?.id).toBe('textbooks');
    expect(plan?.title).toBe('План');
    expect(plan?.stages[0]?.executors.map((e) => [e.name, e.deadline])).toEqual([['Управления образования', '2018-02-16']]);
  });

  it('accepts a sub-header whose merged № and text cells repeat the header, and a row of column numbers', () => {
    const { plan, findings } = planFromTable(
      table([
        ['№', 'Мероприятия', 'Исполнитель/срок', 'Исполнитель/срок'],
        ['№', 'Мероприятия', 'Школы', 'Министерство'],
        ['1', '2', '3', '4'],
        ['1.', 'Запрос прайс-листов', '', 'до 12 февраля'],
      ]),
      { campaignYear: 2018 },
    );
    expect(findings).toEqual([]);
    expect(plan?.executor_columns).toEqual(['Школы', 'Министерство']);
    expect(plan?.stages.map((s) => s.number)).toEqual([1]);
  });

  it('reports dates it cannot read, duplicate stages, stages without executors and unnumbered rows', () => {
    const { plan, findings } = planFromTable(
      table([
        ['№', 'Мероприятия', 'Школы', 'Министерство'],
        ['1.', 'Первое', 'до 16 фервраля', ''],
        ['2.', 'Второе', '', 'до 31.02.2018'],
        ['2.', 'Второе ещё раз', '', 'до 1 марта'],
        ['3.', 'Без исполнителя', '', ''],
        ['', 'Раздел 2', '', ''],
      ]),
      { campaignYear: 2018 },
    );
    expect(findings).toEqual([
      { code: 'schedule-date-unparsed', severity: 'error', row: 2, column: 'C', params: { stage: 1, executor: 'Школы', text: 'до 16 фервраля' } },
      { code: 'schedule-date-invalid', severity: 'error', row: 3, column: 'D', params: { stage: 2, executor: 'Министерство', text: 'до 31.02.2018' } },
      { code: 'plan-stage-duplicate', severity: 'error', row: 4, params: { stage: 2, first: 3 } },
      { code: 'plan-stage-no-executor', severity: 'warning', row: 5, params: { stage: 3 } },
      { code: 'plan-row-unnumbered', severity: 'warning', row: 6, params: { text: 'Раздел 2' } },
    ]);
    expect(plan?.stages.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(plan?.stages[0]?.executors[0]?.deadline).toBeNull();
  });

  it('gives no plan when there is no header', () => {
    expect(planFromTable(table([['Школа', 'Количество'], ['0412', '5']]), { campaignYear: 2018 })).toEqual({
      plan: null,
      findings: [{ code: 'plan-header-not-found', severity: 'error', params: {} }],
    });
    expect(planFromTable([], { campaignYear: 2018 }).plan).toBeNull();
  });

  it('finds a header below title rows but not past the first 30 rows', () => {
    const header = ['№', 'Мероприятие', 'Школы'];
    const stage = ['1', 'Этап', 'до 1 марта'];
    const blank = (n: number): string[][] => Array.from({ length: n }, () => ['']);
    expect(planFromTable(table([...blank(29), header, stage]), { campaignYear: 2018 }).plan?.stages).toHaveLength(1);
    expect(planFromTable(table([...blank(30), header, stage]), { campaignYear: 2018 }).plan).toBeNull();
  });
});

describe('planFromTable: Сроки + Ответственные', () => {
  it('gives every executor of the responsible cell the stage’s date, and keeps notes under the table', () => {
    const { plan, findings } = planFromTable(
      table([
        ['ПЛАН'],
        ['', '№ п.п.', 'Этап подготовки', 'Сроки', 'Ответственные'],
        ['', '2. ', 'Информирование:\n- на сайтах\n- на стендах ОО', '\nДо 27.12.2019\n', 'Руководители МООУСО, ДОУ, ОО'],
        ['', '8.', 'Утверждение вакансий', 'До 20.01.2019', 'Сотрудники МООУСО, \nкурирующие ОО'],
        ['МООУСО -  муниципальные органы,'],
      ]),
      { campaignYear: 2019 },
    );
    expect(findings).toEqual([]);
    expect(plan?.title).toBe('ПЛАН');
    expect(plan?.executor_columns).toBeUndefined();
    expect(plan?.notes).toEqual(['МООУСО - муниципальные органы']);
    expect(plan?.stages[0]?.text).toBe('Информирование:\n- на сайтах\n- на стендах ОО');
    expect(plan?.stages[0]?.executors.map((e) => [e.name, e.deadline_text, e.deadline, e.column])).toEqual([
      ['Руководители МООУСО', 'До 27.12.2019', '2019-12-27', 'D'],
      ['ДОУ', 'До 27.12.2019', '2019-12-27', 'D'],
      ['ОО', 'До 27.12.2019', '2019-12-27', 'D'],
    ]);
    expect(plan?.stages[1]?.executors.map((e) => [e.name, e.role])).toEqual([['Сотрудники МООУСО, курирующие ОО', 'municipality']]);
  });

  it('reports an unreadable date once per stage, at the date cell', () => {
    const { findings } = planFromTable(
      table([
        ['№', 'Мероприятие', 'Срок исполнения', 'Ответственный'],
        ['1', 'Этап', 'к началу года', 'Школы; Министерство'],
      ]),
      { campaignYear: 2019 },
    );
    expect(findings).toEqual([
      { code: 'schedule-date-unparsed', severity: 'error', row: 2, column: 'C', params: { stage: 1, executor: 'Школы, Министерство', text: 'к началу года' } },
    ]);
  });
});

describe('splitExecutors', () => {
  it.each([
    ['Руководители МООУСО, ДОУ, ОО', ['Руководители МООУСО', 'ДОУ', 'ОО']],
    ['Главные \nоператоры ОО', ['Главные операторы ОО']],
    ['Сотрудники МООУСО, \nкурирующие ОО', ['Сотрудники МООУСО, курирующие ОО']],
    ['Руководители ОО и ДОУ', ['Руководители ОО и ДОУ']],
    ['Школы\nУправления образования;  Министерство', ['Школы', 'Управления образования', 'Министерство']],
    [' , \n', []],
  ])('%j → %j', (cell, names) => {
    expect(splitExecutors(cell)).toEqual(names);
  });
});

describe.runIf(seedsPresent)('planFromTable on the seed texts', () => {
  it('seed 000 gives the textbooks template', () => {
    const { plan, findings } = planFromTable(textbooksSeedRows(), { campaignYear: 2018 });
    expect(findings).toEqual([]);
    expect(plan?.title).toBe(textbooksPlan(2018).title);
    expect(plan?.executor_columns).toEqual(textbooksPlan(2018).executor_columns);
    expect(comparable(plan!)).toEqual(comparable(textbooksPlan(2018)));
  });

  it('seed 003 gives the first-grade template, notes included', () => {
    const { plan, findings } = planFromTable(firstGradeSeedRows(), { campaignYear: 2019 });
    expect(findings).toEqual([]);
    expect(comparable(plan!)).toEqual(comparable(firstGradePlan(2019)));
    expect(plan?.notes).toHaveLength(3);
  });
});
