/**
 * The fuzzer's checks can fail: inputs known to break an invariant are caught by Region.check, so a
 * green fuzz run means something.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Region } from './support/harness.js';
import type { EntryPoint } from './support/seeds.js';

let region: Region;

beforeAll(async () => {
  region = await Region.create();
});

const entry = (over: Partial<EntryPoint> & Pick<EntryPoint, 'args'>): EntryPoint => ({ id: 'self-test', multi: false, validates: false, xlsx: [], csv: [], ...over });
const TRUNCATED = Buffer.from('PK\u0003\u0004 not a whole zip', 'latin1');

describe('the fuzz harness', () => {
  it('fails an exit code outside 0, 1, 3 (here 2, an unknown flag)', async () => {
    await expect(region.check(entry({ args: (f) => ['registry', 'import', f, '--no-such-flag'] }), 'self', 'x.csv', Buffer.from('a;b\n'), false)).rejects.toThrow(/exit code 2/);
  });

  it('fails an exit 3 without a one-line message on stderr (a multi-file command taken for a single-file one)', async () => {
    await expect(region.check(entry({ args: (f) => ['order', 'validate', f] }), 'self', 'x.xlsx', TRUNCATED, false)).rejects.toThrow(/no one-line message on exit 3/);
  });

  it('fails a change of the workspace on exit 3', async () => {
    // No command writes and then exits 3 (that is what the fuzzer looks for), so the workspace is
    // changed behind the command's back: the check compares it with the region as it was built.
    fs.writeFileSync(path.join(region.ws, 'stray.txt'), 'changed');
    await expect(region.check(entry({ args: (f) => ['registry', 'import', f] }), 'self', 'x.xlsx', TRUNCATED, false)).rejects.toThrow(/the workspace changed on exit 3/);
    expect(fs.existsSync(path.join(region.ws, 'stray.txt'))).toBe(false);
  });

  it('passes a broken file that exits 3 with one line and leaves the workspace alone', async () => {
    const r = await region.check(entry({ args: (f) => ['registry', 'import', f] }), 'self', 'x.xlsx', TRUNCATED, false);
    expect(r.code).toBe(3);
  });
});
