/**
 * Consolidations built the way `uchebnik consolidate` builds them (src/features/consolidate/command.ts):
 * a ConsolidationBuilder fed every record, for tests that start from records rather than a workspace.
 */
import { ConsolidationBuilder, type Consolidation, type ItemSource } from '../../src/features/consolidate/consolidate.js';
import type { OrderRecord } from '../../src/core/model/order-lifecycle.js';
import type { Registry } from '../../src/core/model/registry.js';

function build(scope: 'municipality' | 'region', code: string | undefined, records: Iterable<OrderRecord>, items: ItemSource, registry: Registry): Consolidation {
  const b = new ConsolidationBuilder(scope, code, items, registry);
  for (const r of records) b.add(r);
  return b.finish();
}

export const consolidateMunicipality = (code: string, records: Iterable<OrderRecord>, items: ItemSource, registry: Registry) => build('municipality', code, records, items, registry);
export const consolidateRegion = (records: Iterable<OrderRecord>, items: ItemSource, registry: Registry) => build('region', undefined, records, items, registry);
