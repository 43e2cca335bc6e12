import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseAsOf, parseWithin } from '../../../src/features/deadlines/as-of.js';
import { checkDeadlines, type CompletionState, type StageCompletion } from '../../../src/features/deadlines/deadlines.js';
import type { Plan, Stage, StageExecutor } from '../../../src/features/plan/model.js';
import { firstGradePlan, textbooksPlan } from '../../../src/features/plan/templates.js';

const TZ = 'Europe/Samara';
const textbooks = textbooksPlan(2018);

/** Completion from a table of stage → state; every stage not listed is done. */
const completion = (states: Record<number, StageCompletion>): CompletionState => ({
  done: (stage: Stage, _ex: StageExecutor) => states[stage.number] ?? true,
});

/** Only stage 1 («до 16 февраля», Управления образования) is outstanding. */
const onlyStage1 = completion({ 1: false });

const check = (asOf: DateTime, c: CompletionState = onlyStage1, extra: { within?: Duration; executor?: string; plan?: Plan } = {}) =>
  checkDeadlines({ plan: extra.plan ?? textbooks, timezone: TZ, asOf, completion: c, within: extra.within, executor: extra.executor });

const stagesOf = (items: { stage: number }[]): number[] => items.map((i) => i.stage);

describe('overdue in the campaign’s time zone (Europe/Samara)', () => {
  it('«до 16 февраля» is not overdue at 2018-02-16T23:30 local, nor at the same instant in UTC', () => {
    expect(check(parseAsOf('2018-02-16T23:30', TZ)).overdue).toEqual([]);
    expect(check(parseAsOf('2018-02-16T19:30:00Z', TZ)).overdue).toEqual([]);
    expect(check(DateTime.fromISO('2018-02-16T19:30:00Z', { zone: 'UTC' })).overdue).toEqual([]);
  });

  it('and is overdue at 2018-02-17T00:30 local, and at the same instant in UTC', () => {
    for (const asOf of [
      parseAsOf('2018-02-17T00:30', TZ),
      parseAsOf('2018-02-16T20:30:00Z', TZ),
      DateTime.fromISO('2018-02-16T20:30:00Z', { zone: 'UTC' }),
    ]) {
      const result = check(asOf);
      expect(result.as_of).toBe('2018-02-17T00:30:00.000+04:00');
      expect(result.timezone).toBe(TZ);
      expect(result.overdue).toEqual([
        {
          plan: 'textbooks',
          stage: 1,
          text: 'Оформление соглашений об информационном взаимодействии с ОО',
          executor: 'Управления образования',
          role: 'municipality',
          deadline: '2018-02-16',
          deadline_at: '2018-02-16T23:59:59.999+04:00',
          days_overdue: 1,
          entities: [],
        },
      ]);
    }
  });

  it('the deadline is met up to the last millisecond of the day', () => {
    expect(check(DateTime.fromISO('2018-02-16T23:59:59.999', { zone: TZ })).overdue).toEqual([]);
    expect(stagesOf(check(DateTime.fromISO('2018-02-17T00:00:00.000', { zone: TZ })).overdue)).toEqual([1]);
  });

  it('depends on the zone: 23:30 in Moscow is already past midnight in Samara', () => {
    const asOf = DateTime.fromISO('2018-02-16T23:30', { zone: 'Europe/Moscow' });
    expect(stagesOf(check(asOf).overdue)).toEqual([1]);
    expect(checkDeadlines({ plan: textbooks, timezone: 'Europe/Moscow', asOf, completion: onlyStage1 }).overdue).toEqual([]);
  });

  it('a bare --as-of date: the 16th is not overdue yet, the 17th is', () => {
    expect(check(parseAsOf('2018-02-16', TZ)).overdue).toEqual([]);
    expect(check(parseAsOf('2018-02-17', TZ)).overdue.map((i) => [i.stage, i.days_overdue])).toEqual([[1, 1]]);
    expect(check(parseAsOf('2018-03-01', TZ)).overdue.map((i) => [i.stage, i.days_overdue])).toEqual([[1, 13]]);
  });

  it('agrees with the end of the deadline day for any moment', () => {
    const end = Date.UTC(2018, 1, 16, 19, 59, 59, 999);
    fc.assert(
      fc.property(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), (offset) => {
        const asOf = DateTime.fromMillis(end + offset, { zone: 'UTC' });
        expect(check(asOf).overdue.length).toBe(offset > 0 ? 1 : 0);
      }),
    );
  });
});

describe('due soon', () => {
  const within = parseWithin('3d');

  it('lists stages not done whose deadline ends within the duration, and not those overdue', () => {
    const c = completion({ 1: false, 3: false, 6: false });
    const result = check(parseAsOf('2018-02-14T00:00', TZ), c, { within });
    expect(stagesOf(result.overdue)).toEqual([3]);
    expect(result.due_soon.map((i) => [i.stage, i.days_left])).toEqual([[1, 2]]);
    expect(result.due_soon[0]).not.toHaveProperty('days_overdue');
  });

  it('measures to the end of the deadline day: 3d before 16 Feb 00:00 is not yet within 3 days', () => {
    expect(check(parseAsOf('2018-02-13T00:00', TZ), onlyStage1, { within }).due_soon).toEqual([]);
    expect(stagesOf(check(parseAsOf('2018-02-13', TZ), onlyStage1, { within }).due_soon)).toEqual([1]);
  });

  it('on the deadline day itself a stage is due soon with 0 days left', () => {
    expect(check(parseAsOf('2018-02-16T10:00', TZ), onlyStage1, { within: parseWithin('12h') }).due_soon).toEqual([]);
    expect(check(parseAsOf('2018-02-16T12:00', TZ), onlyStage1, { within: parseWithin('12h') }).due_soon.map((i) => i.days_left)).toEqual([0]);
  });

  it('nothing is due soon without a duration', () => {
    expect(check(parseAsOf('2018-02-15', TZ)).due_soon).toEqual([]);
  });
});

describe('per entity', () => {
  const schools = ['0412', '0413', '0500', '0601'];

  it('lists the schools that have not formed their order by stage 9’s deadline', () => {
    const c = completion({ 9: { required: schools, done: ['0413', '0601', 'ghost'] } });
    const [item, ...rest] = check(parseAsOf('2018-03-02', TZ), c).overdue;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ stage: 9, executor: 'Школы', role: 'schools', days_overdue: 2, entities: ['0412', '0500'], entities_total: 4 });
  });

  it('a stage every entity has done is not listed, nor one no entity is expected to do', () => {
    expect(check(parseAsOf('2018-03-02', TZ), completion({ 9: { required: schools, done: schools } })).overdue).toEqual([]);
    expect(check(parseAsOf('2018-03-02', TZ), completion({ 9: { required: [], done: [] } })).overdue).toEqual([]);
  });

  it('counts a code required twice once', () => {
    const c = completion({ 10: { required: ['18', '18', '19'], done: ['19'] } });
    expect(check(parseAsOf('2018-03-02', TZ), c).overdue).toMatchObject([{ stage: 10, entities: ['18'], entities_total: 2 }]);
  });

  it('asks the completion state about each executor of each dated stage', () => {
    const asked: string[] = [];
    const c: CompletionState = {
      done: (stage, ex) => {
        asked.push(`${stage.number}:${ex.name}`);
        return true;
      },
    };
    checkDeadlines({ plan: firstGradePlan(2019), timezone: TZ, asOf: parseAsOf('2020-02-01', TZ), completion: c });
    expect(asked).toEqual([
      '2:Руководители МООУСО',
      '2:ДОУ',
      '2:ОО',
      '3:Руководители ДОО',
      '4:Руководители МООУСО',
      '5:Руководители ОО',
      '6:ГБУ РЦОКОСО',
      '7:Главные операторы ОО',
      '8:Сотрудники МООУСО, курирующие ОО',
    ]);
  });
});

describe('executor filter', () => {
  const nothingDone = completion(Object.fromEntries(textbooks.stages.map((s) => [s.number, false])));
  const all = check(parseAsOf('2018-04-01', TZ), nothingDone);

  it('without a filter every dated stage not done is overdue after the campaign', () => {
    expect(stagesOf(all.overdue)).toEqual(textbooks.stages.map((s) => s.number));
  });

  it.each(['Школы', 'школы', ' ШКОЛЫ ', 'schools'])('%j keeps the schools’ stages', (executor) => {
    expect(stagesOf(check(parseAsOf('2018-04-01', TZ), nothingDone, { executor }).overdue)).toEqual([3, 7, 8, 9, 16, 19]);
  });

  it('by name or by role', () => {
    expect(stagesOf(check(parseAsOf('2018-04-01', TZ), nothingDone, { executor: 'РЦИ и ОКО' }).overdue)).toEqual([6, 11, 22]);
    expect(stagesOf(check(parseAsOf('2018-04-01', TZ), nothingDone, { executor: 'ministry' }).overdue)).toEqual([4, 5, 12, 13, 14, 21]);
    expect(check(parseAsOf('2018-04-01', TZ), nothingDone, { executor: 'Издательства' }).overdue).toEqual([]);
  });
});

describe('stages without a date', () => {
  it('are never overdue nor due soon', () => {
    const plan = firstGradePlan(2019);
    const c = completion({ 1: false });
    for (const asOf of ['2019-12-01', '2020-06-01', '2035-01-01']) {
      const r = checkDeadlines({ plan, timezone: TZ, asOf: parseAsOf(asOf, TZ), within: parseWithin('1000w'), completion: c });
      expect(r.overdue).toEqual([]);
      expect(r.due_soon).toEqual([]);
    }
  });
});

describe('plan 003 as written', () => {
  it('stage 8 «До 20.01.2019» is overdue from the start of the campaign (what lint warns about)', () => {
    const r = checkDeadlines({ plan: firstGradePlan(2019), timezone: 'Europe/Saratov', asOf: parseAsOf('2019-12-01', 'Europe/Saratov'), completion: completion({ 8: false }) });
    expect(r.overdue.map((i) => [i.stage, i.days_overdue])).toEqual([[8, 315]]);
  });
});

describe('invalid input is refused, not reported as "nothing overdue"', () => {
  it.each([
    ['an invalid moment', () => check(parseAsOf('yesterday', TZ))],
    ['an invalid duration', () => check(parseAsOf('2018-02-16', TZ), onlyStage1, { within: parseWithin('soon') })],
    ['an unknown zone', () => checkDeadlines({ plan: textbooks, timezone: 'Mars/Olympus', asOf: DateTime.now(), completion: onlyStage1 })],
  ])('%s', (_name, run) => {
    expect(run).toThrow(RangeError);
  });
});
