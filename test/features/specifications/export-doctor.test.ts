/**
 * doctor tells a specification package that is not what the last export recorded: a workbook edited
 * or removed by hand, or a package swapped in by an export killed before it recorded itself
 * (src/features/specifications/doctor.ts); exporting again puts it right.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../support/cli.js';
import { formedRegion } from '../../support/formed-region.js';

interface Problem {
  code: string;
  severity: string;
  path: string;
}

const problems = async (ws: string): Promise<Problem[]> => (JSON.parse((await run(['doctor', '--json', '-w', ws])).stdout) as { problems: Problem[] }).problems;

describe('doctor and the specification package', () => {
  it('a package as exported: nothing; edited, removed or not the recorded one: a warning each; a new export: nothing again', async () => {
    const ws = await formedRegion();
    const out = path.join(tempDir(), 'spec');
    expect((await run(['export', 'specifications', '--out', out, '-w', ws])).code).toBe(0);
    expect(await problems(ws)).toEqual([]);

    const manifest = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').replace(/^\uFEFF/u, '').split('\r\n');
    const [first, second] = manifest.slice(1, 3).map((l) => path.join(out, l.split(';')[3]!));
    fs.appendFileSync(first!, 'x');
    fs.rmSync(second!);
    const found = await problems(ws);
    expect(found.map((p) => [p.code, p.severity, p.path])).toEqual([
      ['workspace-output-stale', 'warning', first],
      ['workspace-output-stale', 'warning', second],
    ]);
    const doctor = await run(['doctor', '-w', ws]);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('uchebnik export specifications');

    expect((await run(['export', 'specifications', '--out', out, '--force', '-w', ws])).code).toBe(0);
    expect(await problems(ws)).toEqual([]);

    // a manifest whose rows do not add up to the recorded total: another export's package
    const text = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').split('\r\n');
    fs.writeFileSync(path.join(out, 'manifest.csv'), [...text.slice(0, 2), ...text.slice(3)].join('\r\n'));
    expect((await problems(ws)).map((p) => path.basename(p.path))).toEqual(['manifest.csv']);

    // a manifest damaged by hand (an unclosed quote, binary bytes): a warning, never a program error
    fs.writeFileSync(path.join(out, 'manifest.csv'), '"unclosed;quote\n\u0000\u00ff');
    const damaged = await run(['doctor', '--lang', 'en', '-w', ws]);
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(damaged.stdout).toContain('it cannot be read');
  }, 120_000);
});
