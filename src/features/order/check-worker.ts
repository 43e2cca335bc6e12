/** A worker thread of `order validate` / `order submit`: checks the files it is handed (check-file.ts). */
import { Catalogue } from '../../core/model/catalogue.js';
import { serveTasks } from '../../io/parallel/pool.js';
import { checkOrderFile, type CheckInit, type FileCheck } from './check-file.js';

serveTasks<CheckInit, string, FileCheck>(({ registry, items, opts }) => {
  const catalogue = new Catalogue(items);
  return (file) => checkOrderFile(file, registry, catalogue, opts);
});
