/**
 * One order file read and validated (the work `order validate` and `order submit` do per file), the
 * same in the command's thread and in a worker (check-worker.ts): nothing here reaches the
 * workspace or the terminal. A file that cannot be read comes back as `unreadable`, not as an error,
 * so one broken file among 700 does not stop the rest.
 */
import { Catalogue, type CatalogueItem } from '../../core/model/catalogue.js';
import type { Finding } from '../../core/finding.js';
import { validateOrder, type OrderValidation } from './check.js';
import type { Registry } from '../../core/model/registry.js';
import { EXIT, UchebnikError } from '../../core/errors.js';
import { readOrderFile, type OrderFile } from './read.js';
import type { OpenOptions } from '../../io/sheets/types.js';

export interface CheckOptions {
  school?: string;
  sheet?: string;
  map?: Record<string, string>;
  read: OpenOptions;
  strict: boolean;
  reserve_percent: number;
  /**
   * keep the order lines in the result: `order submit` stores them; `order validate` reports findings
   * only, and 700 files' lines need not be copied from the workers to the command's thread
   */
  lines: boolean;
}

export interface FileCheck {
  file: string;
  /** what is needed of the file after validation; its rows are let go, so 700 files do not stay in memory */
  read?: Pick<OrderFile, 'format' | 'dataRows' | 'school'>;
  validation?: OrderValidation;
  /** the file could not be read: why (a message key and its parameters) */
  unreadable?: { key: string; params: Record<string, unknown> };
  /** the reader's and the validation's findings */
  findings: Finding[];
}

export async function checkOrderFile(file: string, registry: Registry, catalogue: Catalogue, opts: CheckOptions): Promise<FileCheck> {
  try {
    const read = await readOrderFile(file, { school: opts.school, registry, sheet: opts.sheet, map: opts.map, read: opts.read });
    const validation = validateOrder({
      rows: read.rows,
      totalRow: read.totalRow,
      school: read.school,
      schoolAt: read.schoolAt,
      registry,
      catalogue,
      settings: { reserve_percent: opts.reserve_percent, strict: opts.strict },
      file,
    });
    return {
      file,
      read: { format: read.format, dataRows: read.dataRows, school: read.school },
      validation: opts.lines ? validation : { ...validation, lines: [] },
      findings: [...read.findings, ...validation.findings],
    };
  } catch (err) {
    if (!(err instanceof UchebnikError) || err.exitCode !== EXIT.input) throw err;
    return { file, unreadable: { key: err.key, params: err.params as Record<string, unknown> }, findings: [] };
  }
}

/** What a worker needs to check files: the registry and the catalogue's items (the class is rebuilt there). */
export interface CheckInit {
  registry: Registry;
  items: CatalogueItem[];
  opts: CheckOptions;
}
