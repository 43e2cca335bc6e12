/** The worker thread of formed-orders.ts: reads the order files it is given and hands back their formed orders in columns. */
import { serveTasks } from '../../io/parallel/pool.js';
import { openWorkspace, type Workspace } from '../../io/workspace/workspace.js';
import { readFormedColumns, type FormedColumns, type FormedInit, type FormedTask } from './formed-orders.js';

serveTasks<FormedInit, FormedTask, FormedColumns>(({ root }) => {
  let ws: Promise<Workspace> | undefined;
  return async ({ names }) => readFormedColumns(await (ws ??= openWorkspace(root)), names);
});
