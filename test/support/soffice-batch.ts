/**
 * Files converted by one LibreOffice run: each start of LibreOffice costs ≈5 s on the 2-core machine,
 * most of a test that recalculates a workbook. Every file is copied under a name of its own first
 * (the files uchebnik writes are often called the same in folders of their own).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

/** Converts `files` with `soffice --convert-to <target>` in one run; the converted files' paths, in order. */
export function convertTogether(soffice: string, files: readonly string[], target: string): string[] {
  const dir = tempDir('soffice-');
  const out = path.join(dir, 'out');
  const copies = files.map((file, i) => {
    const copy = path.join(dir, `file-${i}${path.extname(file)}`);
    fs.copyFileSync(file, copy);
    return copy;
  });
  execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', target, '--outdir', out, ...copies], { stdio: 'ignore', timeout: 180_000 });
  const ext = target.split(':')[0]!;
  return copies.map((copy) => path.join(out, `${path.basename(copy, path.extname(copy))}.${ext}`));
}
