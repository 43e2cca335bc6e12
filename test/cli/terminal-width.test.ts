/**
 * Tables fit the terminal they are printed on (src/core/report/render.ts `fitted`): each command that
 * prints a table to a terminal of 80 columns (the narrowest in common use) keeps every line within it; the full text stays in --json.
 */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { FIXTURES, run } from '../support/cli.js';
import { formedRegion } from '../support/formed-region.js';

let ws: string;
beforeAll(async () => {
  ws = await formedRegion();
}, 120_000);

async function onTerminal(args: string[], columns: number): Promise<{ code: number; lines: string[] }> {
  const out = Object.assign(new PassThrough(), { isTTY: true, columns });
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(['node', 'uchebnik', ...args], { stdout: out, stderr: new PassThrough() }, { NO_COLOR: '1' }, process.cwd());
  return { code, lines: Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => /^[┌│└├]/u.test(l)) };
}

describe('tables fit a narrow terminal', () => {
  const commands: [string, string[]][] = [
    ['inspect', ['inspect', path.join(FIXTURES, 'region', 'pricelists', 'drofa.csv')]],
    ['analyze', ['analyze']],
  ];
  for (const [name, args] of commands) {
    it(name, async () => {
      const wide = await onTerminal([...args, '-w', ws], 400);
      const narrow = await onTerminal([...args, '-w', ws], 80);
      expect(narrow.code).toBe(wide.code);
      // the terminal was narrower than the table, or this proves nothing
      expect(Math.max(...wide.lines.map((l) => l.length))).toBeGreaterThan(80);
      for (const line of narrow.lines) expect(line.length, line).toBeLessThanOrEqual(80);
    });
  }

  it('not a terminal: the table is as wide as its text', async () => {
    const r = await run(['inspect', path.join(FIXTURES, 'region', 'pricelists', 'drofa.csv'), '-w', ws]);
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(80);
  });
});
