/** The worker thread of read-orders.ts: reads the order files it is given and hands back what counting takes of them. */
import { serveTasks } from '../../io/parallel/pool.js';
import { openWorkspace, type Workspace } from '../../io/workspace/workspace.js';
import { CountedOrdersWriter, readOrders, type CountedOrders, type ReadInit, type ReadTask } from './read-orders.js';

serveTasks<ReadInit, ReadTask, CountedOrders>(({ root }) => {
  let ws: Promise<Workspace> | undefined;
  return async ({ names, present }) => {
    const out = new CountedOrdersWriter();
    readOrders(await (ws ??= openWorkspace(root)), names, new Set(present), (record) => out.add(record));
    return out.done();
  };
});
