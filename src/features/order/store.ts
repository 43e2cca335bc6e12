/** state/orders/<school>.json: one school's order with every version it went through. */
import { z } from 'zod';
import type { OrderRecord } from '../../core/model/order-lifecycle.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';

const lineSchema = z.object({
  publisher: z.string(),
  item_key: z.string(),
  grade: z.number().int(),
  quantity: z.number().int().min(0),
  price_kopecks: z.number().int(),
  row: z.number().int().optional(),
});

const versionSchema = z.object({
  version: z.number().int().min(1),
  state: z.enum(['draft', 'returned', 'agreed', 'formed']),
  submitted_at: z.string(),
  agreed_at: z.string().optional(),
  formed_at: z.string().optional(),
  returned_at: z.string().optional(),
  return_reason: z.string().optional(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string() }),
  lines: z.array(lineSchema),
  totals: z.object({ copies: z.number().int(), sum_kopecks: z.number().int() }),
  errors: z.number().int(),
  forced: z.boolean().optional(),
});

const recordSchema = z.object({
  school: z.string(),
  municipality: z.string(),
  versions: z.array(versionSchema).min(1),
});

// One file per school, keyed so that «77 01» and «77_01» are two (src/io/workspace/keyed.ts).
const store = new KeyedStore<OrderRecord>('orders', recordSchema, (r) => r.school);

export function orderStateName(school: string): string {
  return store.stateName(school);
}

export function loadOrder(ws: Workspace, school: string): OrderRecord | undefined {
  return store.load(ws, school);
}

/** Every school's order with the state name of its file (`orders/0101`), one at a time. */
export function eachOrderEntry(ws: Workspace): Generator<{ stateName: string; value: OrderRecord }> {
  return store.entries(ws);
}

/** The order kept in the state file `stateName` (as {@link eachOrderEntry} names it). */
export function loadOrderAt(ws: Workspace, stateName: string): OrderRecord | undefined {
  return ws.readState(stateName, recordSchema);
}

export function loadOrders(ws: Workspace): OrderRecord[] {
  return [...eachOrder(ws)];
}

/** Every school's order, one at a time (in file-name order): a country's orders are gigabytes. */
export function eachOrder(ws: Workspace): Generator<OrderRecord> {
  return store.each(ws);
}

export async function saveOrder(ws: Workspace, record: OrderRecord): Promise<string> {
  return store.save(ws, record);
}
