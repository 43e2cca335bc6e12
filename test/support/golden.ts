/**
 * Golden outputs: a command's output compared with a file under test/golden/. `UPDATE_GOLDEN=1`
 * rewrites the files instead (review the diff before committing). Parts that differ from run to run
 * are replaced by placeholders before comparing: the moments commands stamp (approvals, loads) and,
 * when given, temporary paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO } from './cli.js';

const GOLDEN_DIR = path.join(REPO, 'test', 'golden');

/** An ISO timestamp with its offset, as state files and JSON reports write the moment of a change. */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
/** The same moment as tables show it; the placeholder has the same width, so table borders stay put. */
const RU_TIME = /\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/g;

export interface GoldenOptions {
  /**
   * Replace timestamps by placeholders (default true). Outputs whose moments are fixed by the test
   * itself (`deadlines check --as-of …`) keep them, since they are what is being checked.
   */
  times?: boolean;
  /** absolute paths that vary (temporary folders) → the placeholder to show instead */
  paths?: Record<string, string>;
}

export function normalise(text: string, opts: GoldenOptions = {}): string {
  let out = text;
  // Longest first, so that a folder inside another is replaced whole.
  const paths = Object.entries(opts.paths ?? {}).sort(([a], [b]) => b.length - a.length);
  for (const [p, placeholder] of paths) out = out.split(p).join(placeholder);
  if (opts.times !== false) out = out.replace(ISO_TIME, '<time>').replace(RU_TIME, 'DD.MM.YYYY hh:mm');
  return out;
}

export function expectGolden(name: string, actual: string, opts: GoldenOptions = {}): void {
  const file = path.join(GOLDEN_DIR, name);
  const text = normalise(actual, opts);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file test/golden/${name} is missing: run the test with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}
