import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, run } from '../support/cli.js';

// bin/uchebnik.js answers a bare --version before loading the program (issue 20: the start's budget);
// its answer must stay the one commander gives when the program is loaded.
describe('uchebnik --version', () => {
  it('prints from bin/uchebnik.js what the loaded program prints', async () => {
    const loaded = await run(['--version']);
    expect(loaded.code).toBe(0);
    for (const flag of ['--version', '-V']) expect(execFileSync(process.execPath, [BIN, flag], { encoding: 'utf8' })).toBe(loaded.stdout);
  });
});
