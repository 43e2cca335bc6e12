import { describe, expect, it } from 'vitest';
import type { CompletionRule, Plan } from '../../../src/features/plan/model.js';
import { firstGradePlan, textbooksPlan } from '../../../src/features/plan/templates.js';
import { firstGradeSeedRows, seedsPresent, textbooksSeedRows } from './seeds.js';

/**
 * An oracle for the seeds' dates that shares no code with the parser under test: «до 16 февраля»
 * (in the campaign year) and «До 27.12.2019».
 */
const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
function seedDate(text: string, year: number): string | null {
  const full = /(\d\d)\.(\d\d)\.(\d{4})/.exec(text);
  if (full) return `${full[3]}-${full[2]}-${full[1]}`;
  const words = /(\d{1,2}) (\p{L}+)/u.exec(text);
  if (words) return `${year}-${String(MONTHS.indexOf(words[2]!.toLowerCase()) + 1).padStart(2, '0')}-${words[1]!.padStart(2, '0')}`;
  return null;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface SeedExecutor {
  name: string;
  text: string;
  date: string | null;
}

/** Seed 000 read plainly: № in column A, text in B, executors Школы … Министерство in C–F. */
function textbooksSeed(): Map<number, { text: string; executors: SeedExecutor[] }> {
  const rows = textbooksSeedRows();
  const names = rows.find((r) => r.cells.includes('Школы'))!.cells;
  const stages = new Map<number, { text: string; executors: SeedExecutor[] }>();
  for (const { cells } of rows) {
    const n = /^(\d+)\.$/.exec(cells[0] ?? '');
    if (!n) continue;
    const executors = cells
      .slice(2)
      .map((text, i) => ({ name: names[i + 2]!, text: text.trim(), date: seedDate(text, 2018) }))
      .filter((e) => e.text !== '');
    stages.set(Number(n[1]), { text: cells[1]!, executors });
  }
  return stages;
}

/** Seed 003 read plainly: № , Этап подготовки, Сроки, Ответственные in columns B–E. */
function firstGradeSeed(): Map<number, { text: string; date: string | null; dateText: string; responsible: string }> {
  const stages = new Map<number, { text: string; date: string | null; dateText: string; responsible: string }>();
  for (const { cells } of firstGradeSeedRows()) {
    const n = /^(\d+)\.\s*$/.exec(cells[1] ?? '');
    if (!n) continue;
    stages.set(Number(n[1]), { text: cells[2]!, dateText: squash(cells[3]!), date: seedDate(cells[3]!, 2019), responsible: squash(cells[4]!) });
  }
  return stages;
}

describe('textbooks template (plan 000)', () => {
  const plan = textbooksPlan(2018);

  it('has 22 stages numbered 1…22 and the seed title', () => {
    expect(plan.stages.map((s) => s.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(plan.title).toBe('План работы с АИС «Заказ учебников» по формированию потребности в учебниках на 2018 г.');
    expect(plan.campaign_year).toBe(2018);
    expect(plan.executor_columns).toEqual(['Школы', 'Управления образования', 'РЦИ и ОКО', 'Министерство']);
  });

  it('dates stay in February–March of the campaign year', () => {
    expect(plan.stages[0]!.executors[0]).toEqual({
      name: 'Управления образования',
      role: 'municipality',
      deadline_text: 'до 16 февраля',
      deadline: '2018-02-16',
    });
    expect(plan.stages[21]!.executors[0]!.deadline).toBe('2018-03-28');
    const dates = plan.stages.flatMap((s) => s.executors.map((e) => e.deadline));
    expect(dates.every((d) => d !== null && d >= '2018-02-12' && d <= '2018-03-28')).toBe(true);
  });

  it('is dated in any campaign year', () => {
    const p = textbooksPlan(2019);
    expect(p.stages[0]!.executors[0]!.deadline).toBe('2019-02-16');
    expect(p.title).toContain('на 2019 г.');
    expect(p.stages[5]!.text).toContain('рабочего периода 2019 год');
  });

  it.runIf(seedsPresent)('reproduces every stage, executor and date of seed 000', () => {
    const seed = textbooksSeed();
    expect([...seed.keys()]).toEqual(plan.stages.map((s) => s.number));
    for (const stage of plan.stages) {
      const s = seed.get(stage.number)!;
      expect(squash(stage.text), `stage ${stage.number}`).toBe(squash(s.text));
      expect(
        stage.executors.map((e) => ({ name: e.name, text: e.deadline_text, date: e.deadline })),
        `stage ${stage.number}`,
      ).toEqual(s.executors);
    }
  });
});

describe('first-grade template (plan 003)', () => {
  const plan = firstGradePlan(2019);

  it('has 8 stages and the seed title', () => {
    expect(plan.stages.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan.title).toBe('План основных мероприятий по подготовке к приему в первый класс в электронной форме на 2020/2021 учебный год');
    expect(plan.campaign_year).toBe(2019);
    expect(plan.executor_columns).toBeUndefined();
  });

  it('keeps executors as written, one per name of the responsible cell', () => {
    const names = plan.stages.map((s) => s.executors.map((e) => `${e.name}:${e.role}`));
    expect(names).toEqual([
      ['Руководители ОО и ДОУ:school-heads'],
      ['Руководители МООУСО:municipality', 'ДОУ:other', 'ОО:schools'],
      ['Руководители ДОО:other'],
      ['Руководители МООУСО:municipality'],
      ['Руководители ОО:school-heads'],
      ['ГБУ РЦОКОСО:regional-centre'],
      ['Главные операторы ОО:schools'],
      ['Сотрудники МООУСО, курирующие ОО:municipality'],
    ]);
  });

  it('keeps the full dates, stage 1 without a date and the seed’s wrong year in stage 8', () => {
    expect(plan.stages.map((s) => s.executors.map((e) => e.deadline))).toEqual([
      [null],
      ['2019-12-27', '2019-12-27', '2019-12-27'],
      ['2019-12-27'],
      ['2019-12-16'],
      ['2019-12-16'],
      ['2020-01-10'],
      ['2020-01-17'],
      ['2019-01-20'],
    ]);
    expect(plan.stages[7]!.executors[0]!.deadline_text).toBe('До 20.01.2019');
  });

  it('moves every year by the difference for another start year', () => {
    const p = firstGradePlan(2020);
    expect(p.campaign_year).toBe(2020);
    expect(p.title).toContain('на 2021/2022 учебный год');
    expect(p.stages[1]!.text).toContain('на 2021/2022 учебный год');
    expect(p.stages[1]!.executors[0]!.deadline_text).toBe('До 27.12.2020');
    expect(p.stages.map((s) => s.executors[0]!.deadline)).toEqual([
      null,
      '2020-12-27',
      '2020-12-27',
      '2020-12-16',
      '2020-12-16',
      '2021-01-10',
      '2021-01-17',
      '2020-01-20',
    ]);
  });

  it.runIf(seedsPresent)('reproduces every stage, executor and date of seed 003', () => {
    const seed = firstGradeSeed();
    expect([...seed.keys()]).toEqual(plan.stages.map((s) => s.number));
    for (const stage of plan.stages) {
      const s = seed.get(stage.number)!;
      expect(squash(stage.text), `stage ${stage.number}`).toBe(squash(s.text));
      expect(stage.executors.map((e) => e.name).join(', '), `stage ${stage.number}`).toBe(s.responsible);
      for (const e of stage.executors) {
        expect(e.deadline_text, `stage ${stage.number}`).toBe(s.dateText);
        expect(e.deadline, `stage ${stage.number}`).toBe(s.date);
      }
    }
  });
});

describe('completion rules', () => {
  const rules = (plan: Plan): Record<number, CompletionRule> =>
    Object.fromEntries(plan.stages.filter((s) => s.completion).map((s) => [s.number, s.completion!]));

  it('plan 000: the stages that are data', () => {
    expect(rules(textbooksPlan(2018))).toEqual({
      3: { kind: 'cards' },
      6: { kind: 'pricelists-loaded' },
      7: { kind: 'orders', state: 'submitted', round: 1 },
      8: { kind: 'orders', state: 'agreed', round: 1 },
      9: { kind: 'orders', state: 'formed', round: 1 },
      10: { kind: 'consolidation', scope: 'municipality', round: 1 },
      11: { kind: 'consolidation', scope: 'region', round: 1 },
      13: { kind: 'recommendations', step: 'loaded' },
      14: { kind: 'recommendations', step: 'split-municipality' },
      15: { kind: 'recommendations', step: 'split-school' },
      16: { kind: 'orders', state: 'submitted', round: 2 },
      17: { kind: 'orders', state: 'agreed', round: 2 },
      19: { kind: 'orders', state: 'formed', round: 2 },
      20: { kind: 'consolidation', scope: 'municipality', round: 2 },
      21: { kind: 'consolidation', scope: 'region', round: 2 },
      22: { kind: 'specifications' },
    });
  });

  it('plan 003: meetings, the registers of people and their application, vacancies submitted and approved', () => {
    expect(rules(firstGradePlan(2019))).toEqual({
      3: { kind: 'meetings' },
      4: { kind: 'operators', unit: 'municipality', step: 'approved' },
      5: { kind: 'operators', unit: 'school', step: 'approved' },
      6: { kind: 'operators', unit: 'school', step: 'application' },
      7: { kind: 'vacancies', step: 'submitted' },
      8: { kind: 'vacancies', step: 'approved' },
    });
  });
});
