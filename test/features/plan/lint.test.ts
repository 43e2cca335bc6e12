import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatRuDate } from '../../../src/features/plan/date-phrase.js';
import { lintPlan } from '../../../src/features/plan/check.js';
import type { Plan } from '../../../src/features/plan/model.js';
import { stageExecutor } from '../../../src/features/plan/model.js';
import { planFromTable } from '../../../src/features/plan/table.js';
import { firstGradePlan, textbooksPlan } from '../../../src/features/plan/templates.js';

/** A plan of stages due on the given dates (phrases), one executor each. */
function planOf(year: number, phrases: string[]): Plan {
  return {
    id: 'test',
    title: 'test',
    campaign_year: year,
    stages: phrases.map((p, i) => ({ number: i + 1, text: `Этап ${i + 1}`, executors: [stageExecutor('Школы', p, year)] })),
  };
}

describe('lintPlan on the seed plans', () => {
  it('plan 000 has no faults: parallel stages due a few days earlier are not faults', () => {
    expect(lintPlan(textbooksPlan(2018), { year: 2018 })).toEqual([]);
  });

  it('plan 003 has exactly one: stage 8 «До 20.01.2019» after stage 7 «До 17.01.2020», suggesting 20.01.2020', () => {
    expect(lintPlan(firstGradePlan(2019), { year: 2019 })).toEqual([
      {
        code: 'schedule-order-inconsistent',
        severity: 'error',
        params: {
          stage: 8,
          executor: 'Сотрудники МООУСО, курирующие ОО',
          date: '20.01.2019',
          other: 7,
          otherDate: '17.01.2020',
          suggestion: '20.01.2020',
        },
        expected: '2020-01-20',
        actual: '2019-01-20',
      },
    ]);
  });

  it('the same fault is found in plan 003 moved to another year', () => {
    const findings = lintPlan(firstGradePlan(2023), { year: 2023 });
    expect(findings.map((f) => [f.code, f.params?.stage, f.params?.suggestion])).toEqual([['schedule-order-inconsistent', 8, '20.01.2024']]);
  });
});

describe('schedule-order-inconsistent', () => {
  it('compares later stages with the corrected date, so one typo is one finding', () => {
    const findings = lintPlan(planOf(2019, ['До 10.01.2020', 'До 20.01.2019', 'До 25.01.2020']), { year: 2019 });
    expect(findings.map((f) => [f.code, f.params?.stage])).toEqual([['schedule-order-inconsistent', 2]]);
  });

  it('allows a date weeks before the previous stage (parallel tasks)', () => {
    expect(lintPlan(planOf(2019, ['До 27.12.2019', 'До 16.12.2019', 'До 01.12.2019']), { year: 2019 })).toEqual([]);
  });

  it('blames the date out of line with the others, not the first one to go back', () => {
    // 01.03.2019 in a 2018 plan: stage 3 is the first to go back, but stage 2 is the typo.
    const findings = lintPlan(planOf(2018, ['до 28.02.2018', 'до 01.03.2019', 'до 02.03.2018', 'до 15.03.2018']), { year: 2018 });
    expect(findings.map((f) => [f.code, f.params?.stage, f.params?.suggestion, f.params?.other])).toEqual([
      ['schedule-order-inconsistent', 2, '01.03.2018', 1],
    ]);
  });

  it('finds a mistyped year in the first dated stage, compared with the next one', () => {
    const findings = lintPlan(planOf(2019, ['в течение всего периода', 'До 20.12.2020', 'До 10.01.2020', 'До 17.01.2020']), { year: 2019 });
    expect(findings.map((f) => [f.code, f.params?.stage, f.params?.suggestion, f.params?.other])).toEqual([
      ['schedule-order-inconsistent', 2, '20.12.2019', 3],
    ]);
  });

  it('finds two mistyped years in a row', () => {
    const findings = lintPlan(planOf(2019, ['До 16.12.2019', 'До 10.01.2020', 'До 17.01.2019', 'До 20.01.2019']), { year: 2019 });
    expect(findings.map((f) => [f.params?.stage, f.params?.suggestion])).toEqual([
      [3, '17.01.2020'],
      [4, '20.01.2020'],
    ]);
  });

  it('says nothing of order when no change of year restores it', () => {
    // No campaign year 2018–2019 has a 29 February; the year of 2020 is only suspicious.
    const findings = lintPlan(planOf(2018, ['до 01.03.2020', 'до 29.02.2016']), { year: 2018 });
    expect(findings.map((f) => [f.code, f.params?.stage])).toEqual([
      ['schedule-year-suspicious', 1],
      ['schedule-year-suspicious', 2],
    ]);
  });

  it('addresses the deadline cell of an imported plan', () => {
    const { plan } = planFromTable(
      [
        { row: 3, cells: ['№', 'Этап подготовки', 'Сроки', 'Ответственные'] },
        { row: 4, cells: ['7.', 'Корректировка', 'До 17.01.2020', 'Главные операторы ОО'] },
        { row: 5, cells: ['8.', 'Утверждение', 'До 20.01.2019', 'Сотрудники МООУСО'] },
      ],
      { campaignYear: 2019 },
    );
    const [f] = lintPlan(plan!, { year: 2019 });
    expect(f).toMatchObject({ code: 'schedule-order-inconsistent', row: 5, column: 'C' });
  });

  it('finds a year mistyped as too early in the first stage, or too late in the last', () => {
    const early = lintPlan(planOf(2019, ['До 10.12.2018', 'До 16.12.2019', 'До 27.12.2019']), { year: 2019 });
    expect(early.filter((f) => f.code === 'schedule-order-inconsistent').map((f) => [f.params?.stage, f.params?.suggestion])).toEqual([[1, '10.12.2019']]);
    const late = lintPlan(planOf(2019, ['До 16.12.2019', 'До 17.01.2020', 'До 20.01.2021']), { year: 2019 });
    expect(late.filter((f) => f.code === 'schedule-order-inconsistent').map((f) => [f.params?.stage, f.params?.suggestion])).toEqual([[3, '20.01.2020']]);
  });

  /** Deadlines of a campaign starting in autumn 2019 that move by at most three weeks from stage to stage. */
  const campaignDates = fc
    .tuple(fc.integer({ min: 0, max: 121 }), fc.array(fc.integer({ min: -21, max: 21 }), { minLength: 2, maxLength: 11 }))
    .map(([start, steps]) => {
      let d = DateTime.fromISO('2019-09-01', { zone: 'UTC' }).plus({ days: start });
      return [d, ...steps.map((s) => (d = d.plus({ days: s })))].map((x) => x.toFormat('yyyy-MM-dd'));
    });
  const phrases = (dates: string[]): string[] => dates.map((d) => `До ${formatRuDate(d)}`);

  it('never fires on a plan whose neighbouring deadlines are close', () => {
    fc.assert(
      fc.property(campaignDates, (dates) => {
        expect(lintPlan(planOf(2019, phrases(dates)), { year: 2019 })).toEqual([]);
      }),
    );
  });

  it('finds any one year mistyped by one, where it is, with the right date as the suggestion', () => {
    fc.assert(
      fc.property(campaignDates, fc.nat(), fc.constantFrom(-1, 1), (dates, at, by) => {
        const i = at % dates.length;
        const right = dates[i]!;
        fc.pre(!right.endsWith('-02-29'));
        const wrong = [...dates];
        wrong[i] = `${Number(right.slice(0, 4)) + by}${right.slice(4)}`;
        const order = lintPlan(planOf(2019, phrases(wrong)), { year: 2019 }).filter((f) => f.code === 'schedule-order-inconsistent');
        expect(order.map((f) => [f.params?.stage, f.params?.suggestion])).toEqual([[i + 1, formatRuDate(right)]]);
      }),
    );
  });
});

describe('schedule-year-suspicious', () => {
  it('warns about a year outside the campaign year and the next', () => {
    const findings = lintPlan(planOf(2019, ['До 16.12.2019', 'До 10.01.2020', 'До 17.01.2021', 'До 01.12.2018']), { year: 2019 }).filter(
      (f) => f.code === 'schedule-year-suspicious',
    );
    expect(findings.map((f) => [f.code, f.severity, f.params?.stage, f.params?.year])).toEqual([
      ['schedule-year-suspicious', 'warning', 3, 2021],
      ['schedule-year-suspicious', 'warning', 4, 2018],
    ]);
    expect(findings[0]?.params).toMatchObject({ date: '17.01.2021', from: 2019, to: 2020 });
  });

  it('judges the years by the campaign it is given', () => {
    expect(lintPlan(textbooksPlan(2018), { year: 2020 }).map((f) => f.code)).toEqual(Array(22).fill('schedule-year-suspicious'));
  });
});

describe('deadlines that are not dates', () => {
  it('reports an unreadable or impossible deadline, and a stage without a date is fine', () => {
    const findings = lintPlan(planOf(2018, ['в течение всего периода', 'до 16 фервраля', 'до 30 февраля']), { year: 2018 });
    expect(findings).toEqual([
      { code: 'schedule-date-unparsed', severity: 'error', params: { stage: 2, executor: 'Школы', text: 'до 16 фервраля' } },
      { code: 'schedule-date-invalid', severity: 'error', params: { stage: 3, executor: 'Школы', text: 'до 30 февраля' } },
    ]);
  });
});
