/**
 * The orders of a consolidation, read by the order feature's readers in turns
 * (src/features/order/orders-in-turns.ts): on two threads from 5,000 files (a country's), where
 * reading them is most of the counting (bench/README.md), and orders are independent until `finish`;
 * a region's on this thread, where a worker's start cost more than it took off.
 *
 * Orders are counted in the order of their files either way, and a legacy copy beside the file at the
 * school's key is passed over as the order store's `eachOrder` does (src/io/workspace/keyed.ts), so the
 * counting — and its digest, which tells a new run from a repeat — is the same as reading them one by
 * one here.
 */
import type { Workspace } from '../../io/workspace/workspace.js';
import { isLeftBehindOrder, orderStateNames, schoolOrders } from '../order/index.js';
import type { ConsolidationBuilder } from './consolidate.js';

/**
 * Counts every order of the workspace into `builder`: in turns with a worker thread when there are
 * enough files and cores, else one by one here (`threadLimit`: UCHEBNIK_THREADS).
 */
export async function countOrders(ws: Workspace, builder: ConsolidationBuilder, threadLimit: string | undefined): Promise<void> {
  const names = orderStateNames(ws);
  const present = new Set(names);
  let at = 0;
  for await (const order of schoolOrders(ws, names, threadLimit)) {
    const stateName = names[at++]!;
    // A legacy copy is rare: the file at the school's key is read again here, as the store's listing does.
    if (!order || isLeftBehindOrder(ws, stateName, order.school, present)) continue;
    builder.addSchool(order.school, order.municipality, order.version > 0 ? order : undefined);
  }
}
