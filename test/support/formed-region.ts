/**
 * The example region as the demo leaves it after stage 9: registry, the three price lists and the
 * fixture orders submitted, agreed and formed (0103, 0105 and 0202 are refused for their errors, so 16
 * schools have a formed version 1). Built once per test file; each call returns a fresh copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run, tempDir } from './cli.js';
import { fixtureOrders, regionWorkspace } from './order-fixtures.js';

let built: Promise<string> | undefined;

async function build(): Promise<string> {
  const ws = await regionWorkspace();
  const submitted = await run(['order', 'submit', ...fixtureOrders(), '-w', ws]);
  if (submitted.code !== 1) throw new Error(`order submit → ${submitted.code}\n${submitted.stderr}`);
  for (const step of ['agree', 'form'])
    for (const m of ['01', '02', '03']) {
      const r = await run(['order', step, '--municipality', m, '-w', ws]);
      if (r.code !== 0) throw new Error(`order ${step} ${m} → ${r.code}\n${r.stderr}`);
    }
  return ws;
}

export async function formedRegion(): Promise<string> {
  built ??= build();
  const base = await built;
  const copy = path.join(tempDir(), 'ws');
  fs.cpSync(base, copy, { recursive: true });
  return copy;
}
