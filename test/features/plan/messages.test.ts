import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { lintPlan } from '../../../src/features/plan/check.js';
import { stageExecutor } from '../../../src/features/plan/model.js';
import { planFromTable } from '../../../src/features/plan/table.js';
import { firstGradePlan } from '../../../src/features/plan/templates.js';
import { plan as catalog } from '../../../src/core/findings/plan.js';

/** One finding of every code the plan's domain produces. */
function everyFinding(): Finding[] {
  const imported = planFromTable(
    [
      { row: 1, cells: ['№', 'Мероприятия', 'Школы', 'Министерство'] },
      { row: 2, cells: ['1.', 'Первое', 'до 16 фервраля', ''] },
      { row: 3, cells: ['2.', 'Второе', '', 'до 31.02.2018'] },
      { row: 4, cells: ['2.', 'Второе ещё раз', '', 'до 1 марта'] },
      { row: 5, cells: ['3.', 'Без исполнителя', '', ''] },
      { row: 6, cells: ['', 'Раздел 2', '', ''] },
    ],
    { campaignYear: 2018 },
  ).findings;
  const noHeader = planFromTable([], { campaignYear: 2018 }).findings;
  const lint = lintPlan(firstGradePlan(2019), { year: 2019 });
  const year = lintPlan(
    { id: 't', title: 't', campaign_year: 2019, stages: [{ number: 1, text: 't', executors: [stageExecutor('Школы', 'До 01.12.2025', 2019)] }] },
    { year: 2019 },
  );
  return [...imported, ...noHeader, ...lint, ...year];
}

describe('plan message catalogue', () => {
  const findings = everyFinding();

  it('covers every code, in both languages, with every placeholder filled', () => {
    expect(new Set(findings.map((f) => f.code))).toEqual(
      new Set(Object.keys(catalog)),
    );
    for (const f of findings) {
      const entry = catalog[f.code as keyof typeof catalog].message;
      for (const text of [entry.ru, entry.en]) {
        const placeholders = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        for (const p of placeholders) expect(f.params?.[p], `${f.code}: {${p}}`).not.toBeUndefined();
      }
    }
  });

  it('reads naturally for the seed’s typo', () => {
    const [f] = lintPlan(firstGradePlan(2019), { year: 2019 });
    const text = catalog['schedule-order-inconsistent'].message.ru.replace(/\{(\w+)\}/g, (_, k: string) => String(f!.params![k]));
    expect(text).toBe(
      'Этап 8 (Сотрудники МООУСО, курирующие ОО): срок «20.01.2019» нарушает порядок этапов — у этапа 7 срок 17.01.2020; вероятно, опечатка в годе — должно быть 20.01.2020',
    );
  });
});
