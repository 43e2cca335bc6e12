import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../../src/core/model/order.js';
import {
  agree,
  form,
  formedLines,
  formedVersion,
  latest,
  orderTotals,
  returnOrder,
  stateOf,
  statusSummary,
  submitVersion,
  type OrderRecord,
  type Submission,
  type Transition,
} from '../../../src/core/model/order-lifecycle.js';
import type { Registry } from '../../../src/core/model/registry.js';
import { order as orderMessages } from '../../../src/core/i18n/messages/order.js';

const T1 = '2018-02-10T09:00:00+04:00';
const T2 = '2018-02-11T10:00:00+04:00';
const T3 = '2018-02-12T11:00:00+04:00';
const T4 = '2018-03-20T12:00:00+04:00';

const LINES: OrderLine[] = [
  { publisher: 'Просвещение', item_key: 'code:1001', grade: 5, quantity: 27, price_kopecks: 24398, row: 10 },
  { publisher: 'Просвещение', item_key: 'code:1002', grade: 6, quantity: 30, price_kopecks: 50000, row: 11 },
];

function submission(sha: string, over: Partial<Submission> = {}): Submission {
  return {
    school: '0412',
    municipality: '01',
    source: { file: `incoming/0412-${sha}.xlsx`, sha256: sha, stored: `orders/0412/${sha}.xlsx` },
    lines: LINES,
    errors: 0,
    ...over,
  };
}

function changed(t: Transition): OrderRecord {
  expect(t.kind).toBe('changed');
  if (t.kind !== 'changed') throw new Error('unreachable');
  return t.record;
}

/** A record taken through submit → agree → form. */
function formedRecord(): OrderRecord {
  return changed(form(changed(agree(changed(submitVersion(undefined, submission('aaa'), T1)), T2)), T3));
}

describe('order lifecycle', () => {
  it('a first submission is version 1, a draft, with its totals', () => {
    const t = submitVersion(undefined, submission('aaa'), T1);
    expect(t).toMatchObject({ kind: 'changed', message: 'order.submitted', params: { school: '0412', version: 1 } });
    const record = changed(t);
    expect(record).toEqual({
      school: '0412',
      municipality: '01',
      versions: [
        {
          version: 1,
          state: 'draft',
          submitted_at: T1,
          source: { file: 'incoming/0412-aaa.xlsx', sha256: 'aaa', stored: 'orders/0412/aaa.xlsx' },
          lines: LINES,
          totals: { copies: 57, sum_kopecks: 27 * 24398 + 30 * 50000 },
          errors: 0,
        },
      ],
    });
    expect(stateOf(record)).toBe('draft');
    expect(stateOf(undefined)).toBe('none');
    expect(latest(undefined)).toBeUndefined();
  });

  it('draft → agreed → formed, each step stamped', () => {
    const draft = changed(submitVersion(undefined, submission('aaa'), T1));
    const agreed = changed(agree(draft, T2));
    expect(stateOf(agreed)).toBe('agreed');
    expect(latest(agreed)).toMatchObject({ version: 1, state: 'agreed', submitted_at: T1, agreed_at: T2 });
    const formed = changed(form(agreed, T3));
    expect(latest(formed)).toMatchObject({ version: 1, state: 'formed', agreed_at: T2, formed_at: T3 });
    expect(formedLines(formed)).toEqual(LINES);
  });

  it('transitions never change the record they are given', () => {
    const draft = changed(submitVersion(undefined, submission('aaa'), T1));
    const copy = structuredClone(draft);
    const agreed = changed(agree(draft, T2));
    changed(submitVersion(agreed, submission('bbb'), T3));
    changed(form(agreed, T3));
    expect(draft).toEqual(copy);
    expect(latest(agreed)!.state).toBe('agreed');
  });

  it('refuses to form a draft, to agree a formed version, and anything without an order', () => {
    const draft = changed(submitVersion(undefined, submission('aaa'), T1));
    expect(form(draft, T2)).toEqual({ kind: 'refused', message: 'order.form-needs-agreed', params: { school: '0412', version: 1 } });
    expect(agree(formedRecord(), T4)).toEqual({ kind: 'refused', message: 'order.agree-formed', params: { school: '0412', version: 1 } });
    expect(agree(undefined, T1)).toMatchObject({ kind: 'refused', message: 'order.none' });
    expect(form(undefined, T1)).toMatchObject({ kind: 'refused', message: 'order.none' });
  });

  it('agreeing an agreed version or forming a formed one changes nothing and says so', () => {
    const agreed = changed(agree(changed(submitVersion(undefined, submission('aaa'), T1)), T2));
    const again = agree(agreed, T3);
    expect(again).toMatchObject({ kind: 'unchanged', message: 'order.agree-unchanged', record: agreed });
    const formed = formedRecord();
    expect(form(formed, T4)).toMatchObject({ kind: 'unchanged', message: 'order.form-unchanged', record: formed });
    expect(latest(formed)!.formed_at).toBe(T3);
  });

  it('submitting the same file again is idempotent, whatever its state', () => {
    const draft = changed(submitVersion(undefined, submission('aaa'), T1));
    expect(submitVersion(draft, submission('aaa'), T2)).toMatchObject({
      kind: 'unchanged',
      message: 'order.submit-unchanged',
      record: draft,
      params: { school: '0412', version: 1 },
    });
    const formed = formedRecord();
    const same = submitVersion(formed, submission('aaa', { source: { file: 'renamed.xlsx', sha256: 'aaa', stored: 'x' } }), T4);
    expect(same).toMatchObject({ kind: 'unchanged', record: formed });
  });

  it('a file with errors is refused unless forced, and a forced version says so', () => {
    expect(submitVersion(undefined, submission('aaa', { errors: 3 }), T1)).toEqual({
      kind: 'refused',
      message: 'order.submit-has-errors',
      params: { school: '0412', errors: 3 },
    });
    const forced = changed(submitVersion(undefined, submission('aaa', { errors: 3, force: true }), T1));
    expect(latest(forced)).toMatchObject({ errors: 3, forced: true, state: 'draft' });
    expect(latest(changed(submitVersion(undefined, submission('aaa', { force: true }), T1)))).not.toHaveProperty('forced');
  });

  it('a correction after recommendations is version 2, a draft; the formed version 1 counts until 2 is formed', () => {
    const v1 = formedRecord();
    const corrected = LINES.map((l) => ({ ...l, quantity: l.quantity - 2 }));
    const v2 = changed(submitVersion(v1, submission('bbb', { lines: corrected }), T4));
    expect(v2.versions.map((v) => [v.version, v.state])).toEqual([
      [1, 'formed'],
      [2, 'draft'],
    ]);
    expect(stateOf(v2)).toBe('draft');
    expect(formedVersion(v2)!.version).toBe(1);
    expect(formedLines(v2)).toEqual(LINES);

    const agreed2 = changed(agree(v2, T4));
    expect(formedLines(agreed2)).toEqual(LINES);
    const formed2 = changed(form(agreed2, T4));
    expect(formedVersion(formed2)!.version).toBe(2);
    expect(formedLines(formed2)).toEqual(corrected);
    expect(formed2.versions[0]).toEqual(v1.versions[0]);
  });

  it('a record is one school’s', () => {
    const record = changed(submitVersion(undefined, submission('aaa'), T1));
    expect(() => submitVersion(record, submission('bbb', { school: '0413' }), T2)).toThrow(/0412.*0413/);
  });

  it('a school that never formed an order has no formed lines', () => {
    expect(formedLines(undefined)).toEqual([]);
    expect(formedLines(changed(submitVersion(undefined, submission('aaa'), T1)))).toEqual([]);
  });

  it('totals add whole kopecks', () => {
    expect(orderTotals([])).toEqual({ copies: 0, sum_kopecks: 0 });
    expect(orderTotals(LINES)).toEqual({ copies: 57, sum_kopecks: 2_158_746 });
  });

  it('every message a transition gives is in the catalogue, with its placeholders filled', () => {
    const draft = changed(submitVersion(undefined, submission('aaa'), T1));
    const all: Transition[] = [
      submitVersion(undefined, submission('aaa'), T1),
      submitVersion(draft, submission('aaa'), T1),
      submitVersion(undefined, submission('aaa', { errors: 1 }), T1),
      agree(undefined, T1),
      agree(draft, T2),
      agree(changed(agree(draft, T2)), T2),
      agree(formedRecord(), T4),
      form(draft, T2),
      form(changed(agree(draft, T2)), T3),
      form(formedRecord(), T4),
    ];
    expect(new Set(all.map((t) => t.message))).toEqual(new Set(Object.keys(orderMessages).filter((k) => k.startsWith('order.'))));
    for (const t of all)
      for (const lang of ['ru', 'en'] as const)
        for (const [, name] of orderMessages[t.message]![lang].matchAll(/\{(\w+)\}/g)) expect([t.message, name, t.params[name!]]).not.toContainEqual(undefined);
  });
});

describe('statusSummary', () => {
  const registry: Registry = {
    municipalities: [
      { code: '01', name: 'Город' },
      { code: '02', name: 'Район' },
      { code: '03', name: 'Пустой район' },
    ],
    schools: [
      { code: '0412', short_name: 'СОШ 12', full_name: 'СОШ 12', municipality: '01' },
      { code: '0413', short_name: 'СОШ 13', full_name: 'СОШ 13', municipality: '01' },
      { code: '0201', short_name: 'СОШ 1', full_name: 'СОШ 1', municipality: '02' },
      { code: '0202', short_name: 'СОШ 2', full_name: 'СОШ 2', municipality: '02' },
    ],
  };
  const at = (school: string, municipality: string, sha: string) => submission(sha, { school, municipality });
  const records = (): OrderRecord[] => [
    formedRecord(),
    changed(submitVersion(changed(form(changed(agree(changed(submitVersion(undefined, at('0201', '02', 'x1'), T1)), T1)), T1)), at('0201', '02', 'x2'), T4)),
    changed(agree(changed(submitVersion(undefined, at('0202', '02', 'y1'), T1)), T2)),
    // An order of a school since dropped from the registry is still shown.
    changed(submitVersion(undefined, at('0299', '02', 'z1'), T1)),
  ];

  it('lists every school with its state and latest version, none for schools without an order', () => {
    expect(statusSummary(records(), registry).schools).toEqual([
      { code: '0412', municipality: '01', state: 'formed', version: 1 },
      { code: '0413', municipality: '01', state: 'none', version: null },
      { code: '0201', municipality: '02', state: 'draft', version: 2 },
      { code: '0202', municipality: '02', state: 'agreed', version: 1 },
      { code: '0299', municipality: '02', state: 'draft', version: 1 },
    ]);
  });

  it('counts states per municipality', () => {
    expect(statusSummary(records(), registry).municipalities).toEqual([
      { municipality: '01', schools: 2, none: 1, draft: 0, returned: 0, agreed: 0, formed: 1 },
      { municipality: '02', schools: 3, none: 0, draft: 2, returned: 0, agreed: 1, formed: 0 },
      { municipality: '03', schools: 0, none: 0, draft: 0, returned: 0, agreed: 0, formed: 0 },
    ]);
  });

  it('returns a draft or an agreed version with its reason, withdrawing the agreement; a formed one is refused', () => {
    const draft = changed(submitVersion(undefined, submission('aaa'), T1));
    const returned = changed(returnOrder(changed(agree(draft, T2)), 'нет 5 класса', T3));
    expect(latest(returned)).toMatchObject({ version: 1, state: 'returned', returned_at: T3, return_reason: 'нет 5 класса' });
    expect(latest(returned)?.agreed_at).toBeUndefined();
    expect(statusSummary([returned], registry).schools.find((s) => s.code === '0412')).toMatchObject({ state: 'returned', return_reason: 'нет 5 класса' });
    expect(agree(returned, T4)).toMatchObject({ kind: 'refused', message: 'order.returned-needs-submit' });
    expect(form(returned, T4)).toMatchObject({ kind: 'refused', message: 'order.returned-needs-submit' });
    expect(returnOrder(returned, 'нет 5 класса', T4).kind).toBe('unchanged');
    expect(latest(changed(returnOrder(returned, 'и 6 класса', T4)))?.return_reason).toBe('и 6 класса');
    expect(returnOrder(formedRecord(), 'поздно', T4)).toMatchObject({ kind: 'refused', message: 'order.return-formed' });
    expect(returnOrder(undefined, 'x', T4)).toMatchObject({ kind: 'refused', message: 'order.none' });
    // the school's next file is a new draft version
    expect(latest(changed(submitVersion(returned, submission('bbb'), T4)))).toMatchObject({ version: 2, state: 'draft' });
  });

  it('keeps to one municipality when asked', () => {
    const one = statusSummary(records(), registry, '02');
    expect(one.schools.map((s) => s.code)).toEqual(['0201', '0202', '0299']);
    expect(one.municipalities.map((m) => m.municipality)).toEqual(['02']);
  });
});
