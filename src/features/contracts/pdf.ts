/**
 * PDF copies of the package's documents through LibreOffice (`--pdf`). All of them in one run of
 * soffice: it starts in seconds, and a region's package is hundreds of documents. They are copied
 * under numbered names into a temporary folder first, because soffice writes every PDF into one
 * folder by the source's name and the package has a `Дрофа.docx` in every school's folder.
 *
 * Like src/io/sheets/convert.ts (the conversion of legacy spreadsheets, which takes one file to
 * .xlsx), soffice runs with a profile of its own and in a process group of its own, killed whole on a
 * timeout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/errors.js';

/** Time for soffice to start, and for each document. */
const START_MS = 60_000;
const PER_FILE_MS = 10_000;

function run(soffice: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const group = process.platform !== 'win32';
    const child = spawn(soffice, args, { detached: group, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (d: Buffer) => {
      if (output.length < 64 * 1024) output += d.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, output: err.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

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
    const r = await run(soffice, ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', out, ...copies], timeoutMs);
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
