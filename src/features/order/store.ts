/**
 * state/orders/<school>.json: one school's order with every version it went through, in the format of
 * src/features/order/order-file.ts (schema 2; schema 1 files are read as well, and rewritten at
 * schema 2 when saved or by `doctor --fix`, src/features/order/doctor.ts).
 */
import type { OrderRecord } from '../../core/model/order-lifecycle.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore, type StateFormat } from '../../io/workspace/keyed.js';
import { formatOrder, parseOrder, readOrderHead, type OrderHead } from './order-file.js';

const orderFormat: StateFormat<OrderRecord> = {
  read(ws, stateName) {
    const text = ws.readStateText(stateName);
    return text === undefined ? undefined : parseOrder(text, ws.stateFile(stateName));
  },
  write: (ws, stateName, record) => ws.writeStateText(stateName, formatOrder(record)),
};

// One file per school, keyed so that «77 01» and «77_01» are two (src/io/workspace/keyed.ts).
const store = new KeyedStore<OrderRecord>('orders', orderFormat, (r) => r.school);

export function orderStateName(school: string): string {
  return store.stateName(school);
}

export function loadOrder(ws: Workspace, school: string): OrderRecord | undefined {
  return store.load(ws, school);
}

/** The order kept in the state file `stateName` (`orders/0101`, as `ws.listStates('orders')` names it). */
export function loadOrderAt(ws: Workspace, stateName: string): OrderRecord | undefined {
  return orderFormat.read(ws, stateName);
}

/** The state names of the order files, in the order the store lists them. */
export function orderStateNames(ws: Workspace): string[] {
  return store.stateNames(ws);
}

/**
 * Whether the order file `stateName`, holding `school`'s order, is a legacy copy beside the school's
 * file at its key, which the store's listing passes over (src/io/workspace/keyed.ts); for readers that
 * list the files themselves. `present`: the names listed.
 */
export function isLeftBehindOrder(ws: Workspace, stateName: string, school: string, present: ReadonlySet<string>): boolean {
  return store.isLeftBehind(stateName, school, present, (key) => orderFormat.read(ws, key)?.school);
}

export function loadOrders(ws: Workspace): OrderRecord[] {
  return [...eachOrder(ws)];
}

/** Every school's order, one at a time (in file-name order): a country's orders are gigabytes. */
export function eachOrder(ws: Workspace): Generator<OrderRecord> {
  return store.each(ws);
}

/**
 * Every school's order without its lines, one at a time, in file-name order: what `deadlines check`
 * needs (states and dates), read from the first line of each file (src/features/order/order-file.ts).
 */
export function* eachOrderHead(ws: Workspace): Generator<OrderHead> {
  for (const e of store.entriesReadBy(ws, (stateName) => readOrderHead(ws.stateFile(stateName)), (h) => h.school)) yield e.value;
}

export async function saveOrder(ws: Workspace, record: OrderRecord): Promise<string> {
  return store.save(ws, record);
}
