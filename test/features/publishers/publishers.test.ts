/**
 * `publisher set|import|show` (src/features/publishers/): the suppliers' requisites, checked by the
 * rules the schools' have, stored per publisher and journaled; nothing stored on an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';

let ws: string;
const journal = () => fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; publishers?: string[] });
const show = async () => JSON.parse((await run(['publisher', 'show', '--json', '-w', ws])).stdout) as { publishers: { publisher: string; inn?: string; legal_name?: string; requisites?: Record<string, string> }[] };

beforeAll(async () => {
  ws = await newWorkspace();
  const r = await run(['pricelist', 'load', path.join(FIXTURES, 'region', 'pricelists', 'drofa.csv'), '--publisher', 'Дрофа', '-w', ws]);
  expect(r.code, r.stderr).toBe(0);
});

describe('publisher', () => {
  it('import: the demo region\'s publishers, each stored and journaled; a name in another case takes the price list\'s spelling', async () => {
    const r = await run(['publisher', 'import', path.join(FIXTURES, 'requisites', 'publishers.csv'), '-w', ws, '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ publishers: ['Дрофа', 'Просвещение', 'Русское слово'], stored: true });
    // Two of them have no price list in this workspace: said, and stored all the same.
    expect(r.stderr).toMatch(/Просвещение, Русское слово/);
    const stored = await show();
    expect(stored.publishers.find((p) => p.publisher === 'Дрофа')).toMatchObject({ legal_name: 'Общество с ограниченной ответственностью «Дрофа»', inn: '7701000019', requisites: { bik: '049401777', head_basis: 'Устава' } });
    expect(journal().at(-1)).toMatchObject({ command: 'publisher import', publishers: ['Дрофа', 'Просвещение', 'Русское слово'] });

    const again = await run(['publisher', 'set', 'ДРОФА', '--phone', '+7 (495) 111-11-11', '-w', ws]);
    expect(again.code, again.stderr).toBe(0);
    const drofa = (await show()).publishers.filter((p) => p.publisher.toLowerCase() === 'дрофа');
    expect(drofa).toHaveLength(1);
    expect(drofa[0]!.requisites).toMatchObject({ phone: '+7 (495) 111-11-11', bik: '049401777' });
  });

  it('set: a correspondent account that does not fit the БИК is exit 1, and nothing is stored', async () => {
    const before = await show();
    const lines = journal().length;
    const r = await run(['publisher', 'set', 'Дрофа', '--bik', '044525225', '--corr-account', '30101810400000000226', '--json', '-w', ws]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ code: 'requisites-corr-account-key', severity: 'error', actual: '30101810400000000226', message: expect.stringContaining('044525225') })]);
    expect(await show()).toEqual(before);
    expect(journal()).toHaveLength(lines);
  });

  it('import: a wrong ИНН in a file is a finding at its cell', async () => {
    const file = path.join(tempDir(), 'p.csv');
    fs.writeFileSync(file, 'Издательство;ИНН;КПП\nДрофа;7701000010;770101001\n');
    const r = await run(['publisher', 'import', file, '-w', ws, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ code: 'requisites-inn-invalid', row: 2, column: 'B' })]);
  });
});
