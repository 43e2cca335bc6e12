/**
 * computeStatus (src/features/status/compute.ts), the pure part of `uchebnik status`: counts per
 * state with «returned», money per publisher as consolidation counts it, and the files worth linking.
 */
import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { OrderRecord, OrderVersion } from '../../../src/core/model/order-lifecycle.js';
import type { Registry } from '../../../src/core/model/registry.js';
import type { CampaignFacts } from '../../../src/features/deadlines/index.js';
import { computeStatus, type StatusInput } from '../../../src/features/status/compute.js';

const registry: Registry = {
  municipalities: [
    { code: '01', name: 'Город' },
    { code: '02', name: 'Район' },
  ],
  schools: [
    { code: '0101', short_name: 'Школа 1', full_name: 'Школа 1', municipality: '01', requisites: { email: 's1@example.ru' } },
    { code: '0102', short_name: 'Школа 2', full_name: 'Школа 2', municipality: '01' },
    { code: '0201', short_name: 'Школа 3', full_name: 'Школа 3', municipality: '02' },
  ],
};

function version(n: number, state: OrderVersion['state'], lines: [publisher: string, quantity: number, price: number][], extra: Partial<OrderVersion> = {}): OrderVersion {
  return {
    version: n,
    state,
    submitted_at: '2018-02-20T10:00:00+04:00',
    source: { file: 'f.xlsx', sha256: String(n), stored: 'inputs/f.xlsx' },
    lines: lines.map(([publisher, quantity, price_kopecks], i) => ({ publisher, item_key: `code:${i}`, grade: 5, quantity, price_kopecks })),
    totals: { copies: 0, sum_kopecks: 0 },
    errors: 0,
    ...extra,
  };
}

const facts: CampaignFacts = {
  pricelistsLoaded: true,
  orders: new Map(),
  regionRuns: [],
  municipalityRuns: new Map(),
  specificationsExported: false,
  vacanciesSubmitted: new Set(),
  vacanciesApproved: new Set(),
  meetingsHeld: new Set(),
  staffApproved: new Set(),
  operatorsApproved: new Set(),
  applicationsWritten: new Set(),
};

function input(orders: OrderRecord[], over: Partial<StatusInput> = {}): StatusInput {
  return {
    campaign: { region: 'Область', year: 2018, timezone: 'Europe/Samara' },
    registry,
    orders,
    plans: [],
    facts,
    marks: [],
    asOf: DateTime.fromISO('2018-03-01T12:00:00', { zone: 'Europe/Samara' }),
    within: Duration.fromObject({ days: 3 }),
    recommendations: undefined,
    journal: [],
    exists: () => true,
    ...over,
  };
}

describe('computeStatus', () => {
  it('counts returned orders, lists the schools without a formed order with their contacts, and sums the formed versions only', () => {
    const orders: OrderRecord[] = [
      // formed v1 stands while v2 is a draft: consolidation counts v1
      { school: '0101', municipality: '01', versions: [version(1, 'formed', [['Дрофа', 10, 15000], ['Просвещение', 0, 99999]]), version(2, 'draft', [['Дрофа', 99, 15000]])] },
      { school: '0102', municipality: '01', versions: [version(1, 'returned', [['Дрофа', 5, 100]], { return_reason: 'нет 5 класса' })] },
      { school: '0201', municipality: '02', versions: [version(1, 'formed', [['Просвещение', 3, 33333]])] },
    ];
    const s = computeStatus(input(orders));
    expect(s.orders.municipalities).toEqual([
      { municipality: '01', name: 'Город', schools: 2, none: 0, draft: 1, returned: 1, agreed: 0, formed: 0 },
      { municipality: '02', name: 'Район', schools: 1, none: 0, draft: 0, returned: 0, agreed: 0, formed: 1 },
    ]);
    // 0101's correction is pending, but its formed version 1 is counted: it is not missing
    expect(s.missing).toEqual([{ code: '0102', name: 'Школа 2', municipality: '01', state: 'returned', version: 1, return_reason: 'нет 5 класса' }]);
    const contacts = computeStatus(input([])).missing[0];
    expect(contacts).toEqual({ code: '0101', name: 'Школа 1', municipality: '01', state: 'none', version: null, email: 's1@example.ru' });
    expect(s.publishers).toEqual([
      { publisher: 'Дрофа', copies: 10, sum_kopecks: 150000, schools: 1 },
      { publisher: 'Просвещение', copies: 3, sum_kopecks: 99999, schools: 1 },
    ]);
    expect(s.total).toEqual({ copies: 13, sum_kopecks: 249999, schools: 2 });
    expect(s.recommendations).toBeNull();
    expect(s.first_grade).toBeNull();
  });

  it('links the files written for people by their last journal entry, not the workspace state, nor files since removed', () => {
    const journal = [
      { time: '2018-02-20T10:00:00+04:00', command: 'consolidate region', changed: ['state/consolidations/region.json', 'out/consolidation/region/region_Дрофа.xlsx', 'out/gone.xlsx'] },
      { time: '2018-03-20T10:00:00+04:00', command: 'consolidate region', changed: ['out/consolidation/region/region_Дрофа.xlsx', 'inputs/abc.xlsx', 'uchebnik.json'] },
    ];
    const s = computeStatus(input([], { journal, exists: (f) => f !== 'out/gone.xlsx' }));
    expect(s.files).toEqual([{ path: 'out/consolidation/region/region_Дрофа.xlsx', command: 'consolidate region', time: '2018-03-20T10:00:00+04:00' }]);
  });
});
