/**
 * Golden outputs: a command's run compared with a file under test/golden/ that holds all of it — the
 * command line, the exit code, stdout and stderr:
 *
 *     $ uchebnik order validate <repo>/fixtures/… -w <tmp>/ws
 *     --- exit 1
 *     --- stdout
 *     …
 *     --- stderr
 *     …
 *
 * `UPDATE_GOLDEN=1` rewrites the files instead (review the diff before committing). Parts that differ
 * from run to run or machine to machine are replaced by placeholders before comparing: temporary
 * folders (<tmp>), the repository (<repo>), the paths a test names, and the moments commands stamp.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { shellQuote } from '../../src/cli-kit/shell.js';
import { REPO, type Ran } from './cli.js';

const GOLDEN_DIR = path.join(REPO, 'test', 'golden');

/** An ISO timestamp with its offset, as state files and JSON reports write the moment of a change. */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
/** The same moment as tables show it; the placeholder has the same width, so table borders stay put. */
const RU_TIME = /\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/g;
/** A folder made by tempDir() (test/support/cli.ts). */
const TEMP_DIR = new RegExp(`${os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/uchebnik-[A-Za-z0-9]{6}`, 'g');

export interface GoldenOptions {
  /**
   * Replace timestamps by placeholders (default true). Outputs whose moments are fixed by the test
   * itself (`deadlines check --as-of …`) keep them, since they are what is being checked.
   */
  times?: boolean;
  /** other absolute paths that vary → the placeholder to show instead */
  paths?: Record<string, string>;
}

function normalise(text: string, opts: GoldenOptions = {}): string {
  let out = text;
  // Longest first, so that a folder inside another is replaced whole.
  const paths = Object.entries({ ...opts.paths, [REPO]: '<repo>' }).sort(([a], [b]) => b.length - a.length);
  for (const [p, placeholder] of paths) out = out.split(p).join(placeholder);
  out = out.replace(TEMP_DIR, '<tmp>');
  if (opts.times !== false) out = out.replace(ISO_TIME, '<time>').replace(RU_TIME, 'DD.MM.YYYY hh:mm');
  return out;
}

/** The whole run as a golden file holds it. */
function transcript(r: Ran): string {
  return `$ ${['uchebnik', ...r.args].map(shellQuote).join(' ')}\n--- exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

export function expectGolden(name: string, ran: Ran, opts: GoldenOptions = {}): void {
  const file = path.join(GOLDEN_DIR, name);
  const text = normalise(transcript(ran), opts);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file test/golden/${name} is missing: run the test with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}
