/** state/orders/<school>.json: one school's order with every version it went through. */
import { z } from 'zod';
import type { OrderRecord } from '../../domain/order-lifecycle.js';
import { safeFileName } from '../paths.js';
import type { Workspace } from '../workspace.js';

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
  state: z.enum(['draft', 'agreed', 'formed']),
  submitted_at: z.string(),
  agreed_at: z.string().optional(),
  formed_at: z.string().optional(),
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

export function orderStateName(school: string): string {
  return `orders/${safeFileName(school)}`;
}

export function loadOrder(ws: Workspace, school: string): OrderRecord | undefined {
  return ws.readState(orderStateName(school), recordSchema);
}

export function loadOrders(ws: Workspace): OrderRecord[] {
  return [...eachOrder(ws)];
}

/** Every school's order, one at a time (in file-name order): a country's orders are gigabytes. */
export function* eachOrder(ws: Workspace): Generator<OrderRecord> {
  for (const name of ws.listStates('orders')) {
    const record = ws.readState(name, recordSchema);
    if (record) yield record;
  }
}

export async function saveOrder(ws: Workspace, record: OrderRecord): Promise<string> {
  return (await ws.writeState(orderStateName(record.school), record)).path;
}
