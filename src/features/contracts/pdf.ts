/**
 * PDF copies of the package's documents through LibreOffice (`--pdf`). All of them in one run of
 * soffice: it starts in seconds, and a region's package is hundreds of documents. They are copied
 * under numbered names into a temporary folder first, because soffice writes every PDF into one
 * folder by the source's name and the package has a `Дрофа.docx` in every school's folder.
 *
 * soffice runs as src/io/sheets/convert.ts runs it: a profile of its own, a process group of its own,
 * killed whole on a timeout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/errors.js';
import { runSoffice } from '../../io/sheets/convert.js';

/** Time for soffice to start, and for each document. */
const START_MS = 60_000;
const PER_FILE_MS = 10_000;

/**
 * Writes `<name>.pdf` beside each of `files` (absolute paths). Throws InputError
 * (contracts.pdf-failed, exit 3) when LibreOffice fails or leaves a document without its PDF.
 */
export async function convertToPdf(soffice: string, files: readonly string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-pdf-'));
  try {
    const copies = files.map((f, i) => {
      const copy = path.join(dir, `${String(i).padStart(6, '0')}${path.extname(f)}`);
      fs.copyFileSync(f, copy);
      return copy;
    });
    const out = path.join(dir, 'out');
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const timeoutMs = START_MS + PER_FILE_MS * files.length;
    // Documents uchebnik wrote itself: no address-space limit, which guards against hostile input files.
    const r = await runSoffice(soffice, ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', out, ...copies], timeoutMs, undefined);
    if (r.timedOut) throw new InputError('contracts.pdf-failed', { file: files[0]!, detail: `no answer in ${timeoutMs / 1000} s` });
    const written: string[] = [];
    files.forEach((f, i) => {
      const pdf = path.join(out, `${String(i).padStart(6, '0')}.pdf`);
      if (!fs.existsSync(pdf)) throw new InputError('contracts.pdf-failed', { file: f, detail: r.output.split('\n').find((l) => /error/iu.test(l)) ?? `exit code ${r.code}` });
      const target = f.slice(0, f.length - path.extname(f).length) + '.pdf';
      fs.copyFileSync(pdf, target);
      written.push(target);
    });
    return written;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
