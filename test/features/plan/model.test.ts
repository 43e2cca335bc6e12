import { describe, expect, it } from 'vitest';
import { entityScope, executorRole, stageExecutor, type ExecutorRole } from '../../../src/features/plan/model.js';

describe('executorRole', () => {
  it.each<[string, ExecutorRole]>([
    // the seeds' executors
    ['Школы', 'schools'],
    ['Управления образования', 'municipality'],
    ['РЦИ и ОКО', 'regional-centre'],
    ['Министерство', 'ministry'],
    ['Руководители ОО и ДОУ', 'school-heads'],
    ['Руководители МООУСО', 'municipality'],
    ['ДОУ', 'other'],
    ['ОО', 'schools'],
    ['Руководители ДОО', 'other'],
    ['Руководители ОО', 'school-heads'],
    ['ГБУ РЦОКОСО', 'regional-centre'],
    ['Главные операторы ОО', 'schools'],
    ['Главные \nоператоры ОО', 'schools'],
    ['Сотрудники МООУСО, курирующие ОО', 'municipality'],
    // names of other plans
    ['Министерство образования и науки УР', 'ministry'],
    ['МОиН УР', 'ministry'],
    ['Специалисты УО', 'municipality'],
    ['Муниципальные органы управления образованием', 'municipality'],
    ['Региональный центр оценки качества', 'regional-centre'],
    ['Директора школ', 'school-heads'],
    ['Общеобразовательные школы', 'schools'],
    ['Операторы ОО', 'schools'],
    ['Издательства', 'other'],
    ['Коррекционные ДОО', 'other'],
  ])('%j → %s', (name, role) => {
    expect(executorRole(name)).toBe(role);
  });
});

describe('entityScope', () => {
  it('schools and their heads complete per school, municipalities per municipality, the rest once', () => {
    expect(
      (['schools', 'school-heads', 'municipality', 'regional-centre', 'ministry', 'other'] as const).map(entityScope),
    ).toEqual(['school', 'school', 'municipality', 'region', 'region', 'region']);
  });
});

describe('stageExecutor', () => {
  it('dates the phrase in the campaign year and keeps it as written', () => {
    expect(stageExecutor('Школы', 'До 27 февраля', 2018)).toEqual({ name: 'Школы', role: 'schools', deadline_text: 'До 27 февраля', deadline: '2018-02-27' });
  });

  it('has no date for a stage without one or a phrase that is not a date', () => {
    expect(stageExecutor('ДОУ', 'в течение всего периода', 2019).deadline).toBeNull();
    expect(stageExecutor('ДОУ', 'до 16 фервраля', 2019).deadline).toBeNull();
  });
});
