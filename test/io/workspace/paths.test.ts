import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../src/core/errors.js';
import { entityKey, fileInside, MAX_NAME_BYTES, OutputFolder, resolveInside, safeFileName, safeName } from '../../../src/io/workspace/paths.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();
const HASH = '[0-9a-f]{8}';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function thrown(fn: () => unknown): WorkspaceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkspaceError);
    return err as WorkspaceError;
  }
  throw new Error('expected a WorkspaceError');
}

describe('safeFileName', () => {
  it('leaves an already safe name alone', () => {
    expect(safeFileName('Просвещение')).toBe('Просвещение');
    expect(safeFileName('124-001')).toBe('124-001');
    expect(safeFileName('order_v2.xlsx')).toBe('order_v2.xlsx');
  });

  it('turns whitespace into _ without a suffix', () => {
    expect(safeFileName('ООО  Русское\tслово')).toBe('ООО_Русское_слово');
    expect(safeFileName('  Дрофа ')).toBe('Дрофа');
  });

  it('drops what is not safe and adds a hash suffix', () => {
    expect(safeFileName('«Просвещение»')).toMatch(new RegExp(`^Просвещение_${HASH}$`));
    expect(safeFileName('Дрофа — Вентана')).toMatch(new RegExp(`^Дрофа_Вентана_${HASH}$`));
    expect(safeFileName('/etc/passwd')).toMatch(new RegExp(`^etcpasswd_${HASH}$`));
    expect(safeFileName('a\u0000b')).toMatch(new RegExp(`^ab_${HASH}$`));
    expect(safeFileName('a:b*c?"<>|d')).toMatch(new RegExp(`^abcd_${HASH}$`));
  });

  it('never lets .. survive', () => {
    expect(safeFileName('../../x')).toMatch(new RegExp(`^x_${HASH}$`));
    expect(safeFileName('..')).toMatch(new RegExp(`^__${HASH}$`));
    expect(safeFileName('a..b')).toMatch(new RegExp(`^a_${HASH}\\.b$`));
    expect(safeFileName('.hidden')).toMatch(new RegExp(`^hidden_${HASH}$`));
  });

  it('keeps names apart that sanitising would merge', () => {
    expect(safeFileName('12/3')).not.toBe(safeFileName('123'));
    expect(safeFileName('12/3')).not.toBe(safeFileName('1/23'));
    expect(safeFileName('???')).not.toBe(safeFileName('***'));
  });

  it('prefixes Windows device names', () => {
    expect(safeFileName('CON')).toMatch(new RegExp(`^_CON_${HASH}$`));
    expect(safeFileName('nul')).toMatch(new RegExp(`^_nul_${HASH}$`));
    expect(safeFileName('com1.txt')).toMatch(new RegExp(`^_com1_${HASH}\\.txt$`));
    expect(safeFileName('CONSOLE')).toBe('CONSOLE');
  });

  it('caps the length in bytes, keeping a short extension', () => {
    const cyrillic = 'я'.repeat(300);
    const cut = safeFileName(cyrillic);
    expect(bytes(cut)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(cut).toMatch(new RegExp(`^я+_${HASH}$`));
    expect(safeFileName('я'.repeat(299) + 'ю')).not.toBe(cut);

    const withExt = safeFileName('x'.repeat(300) + '.xlsx');
    expect(withExt).toMatch(new RegExp(`^x+_${HASH}\\.xlsx$`));
    expect(bytes(withExt)).toBe(MAX_NAME_BYTES);
  });

  it('treats NFC and NFD spellings as one name', () => {
    expect(safeFileName('Ёлка'.normalize('NFD'))).toBe('Ёлка');
  });

  it('gives _ plus a hash for an empty result', () => {
    expect(safeFileName('')).toMatch(new RegExp(`^__${HASH}$`));
    expect(safeFileName('///')).toMatch(new RegExp(`^__${HASH}$`));
  });

  it('always yields one harmless, idempotent segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const name = safeFileName(s);
        expect(name).not.toBe('');
        expect(name).not.toMatch(/[/\\:*?"<>|\p{Cc}]|\.\.|^\.|\.$/u);
        expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
        expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i);
        expect(path.basename(name)).toBe(name);
        expect(safeFileName(name)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});

describe('entityKey', () => {
  it('gives a plain name (the shortcut for school codes) what the whole sanitiser gives', () => {
    // `ext: ''` takes the general path and changes nothing else.
    const general = (s: string, distinct: boolean) => safeName(s, { distinct, ext: '' });
    for (const s of ['0101', '124-001', 'A_b-9', 'COM1', 'nul', 'CONSOLE', '-', '_', 'x'.repeat(MAX_NAME_BYTES), 'x'.repeat(MAX_NAME_BYTES + 1)]) {
      expect(entityKey(s), s).toBe(general(s, true));
      expect(safeFileName(s), s).toBe(general(s, false));
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z_-]{1,90}$/), (s) => entityKey(s) === general(s, true) && safeFileName(s) === general(s, false)),
      { numRuns: 300 },
    );
  });

  it('is the name itself when that is a safe file name, so existing state files stay where they are', () => {
    for (const n of ['0101', '124-001', 'Просвещение', 'Русское_слово', 'region']) expect(entityKey(n)).toBe(n);
  });

  it('adds the hash for any change, so names that sanitise alike never share a key', () => {
    expect(entityKey('Русское слово')).toMatch(new RegExp(`^Русское_слово_${HASH}$`));
    expect(entityKey('Русское слово')).not.toBe(entityKey('Русское_слово'));
    expect(entityKey('77 01')).not.toBe(entityKey('77_01'));
    expect(entityKey('Дрофа ')).not.toBe(entityKey('Дрофа'));
    expect(entityKey('77\u202e01')).toMatch(new RegExp(`^7701_${HASH}$`));
  });

  it('never maps two different names to one key and always gives a safe segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), (a, b) => {
        const ka = entityKey(a);
        expect(safeFileName(ka)).toBe(ka);
        expect(bytes(ka)).toBeLessThanOrEqual(MAX_NAME_BYTES);
        if (a.normalize('NFC') !== b.normalize('NFC')) expect(ka).not.toBe(entityKey(b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('OutputFolder', () => {
  it('keeps readable names, and gives a name that would fall on a taken file the hash', () => {
    const folder = new OutputFolder(tempDir());
    expect(folder.name('01 Русское слово', '.xlsx')).toBe('01_Русское_слово.xlsx');
    expect(folder.name('01 Русское_слово', '.xlsx')).toMatch(new RegExp(`^01_Русское_слово_${HASH}\\.xlsx$`));
    expect(folder.name('01 РУССКОЕ СЛОВО', '.xlsx')).toMatch(new RegExp(`^01_РУССКОЕ_СЛОВО_${HASH}\\.xlsx$`));
    expect(folder.name('01 Русское слово', '.xlsx')).toBe('01_Русское_слово.xlsx');
  });

  it('never lets a hostile name out of the folder or past the length limit', () => {
    const dir = tempDir();
    const folder = new OutputFolder(dir);
    const seen = new Set<string>();
    for (const code of ['../../victim/x', '/abs/path/report', 'a\nb', '\u001b[31m', 'x\u202egpj.exe', 'CON', 'nul', '..', '', 'я'.repeat(400)]) {
      const file = folder.file(code, '.xlsx');
      expect(path.dirname(file)).toBe(dir);
      expect(bytes(path.basename(file))).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(path.basename(file)).toMatch(/\.xlsx$/u);
      expect(seen.has(path.basename(file).toLowerCase())).toBe(false);
      seen.add(path.basename(file).toLowerCase());
    }
  });

  it('refuses names that are not one segment of the folder', () => {
    const dir = tempDir();
    for (const bad of ['..', '.', 'a/b', '/abs', '', 'a\u0000b']) expect(thrown(() => fileInside(dir, bad)).key).toBe('workspace.path-escapes');
    expect(fileInside(dir, 'x.xlsx')).toBe(path.join(dir, 'x.xlsx'));
  });
});

describe('resolveInside', () => {
  it('joins parts under the root', () => {
    const root = tempDir();
    expect(resolveInside(root, 'state', 'orders', '124-001.json')).toBe(path.join(root, 'state/orders/124-001.json'));
    expect(resolveInside(root)).toBe(root);
  });

  it('refuses .. and absolute parts', () => {
    const root = tempDir();
    for (const parts of [['..'], ['state', '../../x'], ['/etc/passwd'], ['out', '..', '..', 'y']]) {
      const err = thrown(() => resolveInside(root, ...parts));
      expect(err.key).toBe('workspace.path-escapes');
      expect(err.exitCode).toBe(4);
    }
    expect(resolveInside(root, 'state', '..', 'out')).toBe(path.join(root, 'out'));
  });

  it('refuses a planted symlink that leads outside, existing target or not', () => {
    const root = tempDir();
    const outside = tempDir();
    fs.mkdirSync(path.join(root, 'state'));
    fs.symlinkSync(outside, path.join(root, 'state', 'orders'));
    fs.symlinkSync(path.join(outside, 'nothing-yet.json'), path.join(root, 'state', 'registry.json'));
    expect(thrown(() => resolveInside(root, 'state', 'orders', 'new.json')).key).toBe('workspace.path-escapes');
    expect(thrown(() => resolveInside(root, 'state', 'orders')).key).toBe('workspace.path-escapes');
    expect(thrown(() => resolveInside(root, 'state', 'registry.json')).key).toBe('workspace.path-escapes');
  });

  it('accepts symlinks that stay inside, and a root reached through a symlink', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'state', 'real'), { recursive: true });
    fs.symlinkSync(path.join(root, 'state', 'real'), path.join(root, 'state', 'alias'));
    expect(resolveInside(root, 'state', 'alias', 'x.json')).toBe(path.join(root, 'state/alias/x.json'));

    const link = path.join(tempDir(), 'link-to-root');
    fs.symlinkSync(root, link);
    expect(resolveInside(link, 'state', 'x.json')).toBe(path.join(root, 'state/x.json'));
  });
});
