/** The worker thread of orders-in-turns.ts: reads the order files it is given and hands back their orders in columns. */
import { serveTasks } from '../../io/parallel/pool.js';
import { openWorkspace, type Workspace } from '../../io/workspace/workspace.js';
import { readOrderColumns, type OrderColumns, type ReadInit, type ReadTask } from './orders-in-turns.js';

serveTasks<ReadInit, ReadTask, OrderColumns>(({ root }) => {
  let ws: Promise<Workspace> | undefined;
  return async ({ names }) => readOrderColumns(await (ws ??= openWorkspace(root)), names);
});
