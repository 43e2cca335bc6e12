import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../../src/core/findings/index.js';
import { run, tempDir } from '../../support/cli.js';

describe('uchebnik codes', () => {
  it('lists every code of the registry as JSON, in English with --lang en', async () => {
    const r = await run(['codes', '--json', '--lang', 'en'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    const { codes } = JSON.parse(r.stdout) as { codes: { code: string; area: string; severity: string; title: string; message: string }[] };
    expect(codes.map((c) => c.code).sort()).toEqual(Object.keys(FINDINGS).sort());
    expect(codes.find((c) => c.code === 'import-price-differs')).toEqual({
      code: 'import-price-differs',
      area: 'import',
      severity: 'warning',
      title: 'Price differs from the price list',
      message: FINDINGS['import-price-differs'].message.en,
    });
    expect(codes.find((c) => c.code === 'import-campaign-mismatch')?.severity).toBe('either');
  });

  it('shows each code with its severity, title and message template, area by area, in Russian by default', async () => {
    const r = await run(['codes'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Прайс-листы (pricelist)');
    expect(r.stdout).toContain('  price-invalid — Неверная цена (ошибка)\n      Цена «{value}»');
    for (const code of Object.keys(FINDINGS)) expect(r.stdout).toContain(`  ${code} — `);
  });
});
