/**
 * Legacy formats (.xls, .ods) are read by converting them to .xlsx with LibreOffice, when it is
 * installed (docs/file-formats.md#reading). Each run gets its own LibreOffice profile: two conversions sharing the
 * default profile collide, and the second one silently converts nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/errors.js';

export type LegacyFormat = 'xls' | 'ods';

/**
 * LibreOffice is handed a file before any of the reader's limits can look inside it: a 957-byte .ods
 * bomb once ran two minutes and grew LibreOffice past 11 GB (issue 22). So the conversion runs under
 * its own limits — address space (a real 100-row .xls converts within 1 GiB, measured) and time — and
 * what it produces is then read under the reader's limits like any other .xlsx (src/io/sheets/open.ts).
 */
export const CONVERT_LIMITS = { memoryBytes: 1024 ** 3, timeoutMs: 60_000 };
const BINARIES = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];

/** The LibreOffice executable on PATH, or undefined. */
export function findSoffice(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of BINARIES) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

/**
 * Converts a file to .xlsx in a new temporary directory and returns the converted file's path.
 * The caller removes it with `removeConverted` when done. `from` names the format in messages
 * (default: by the extension); LibreOffice is stopped after `timeoutMs` (default CONVERT_LIMITS.timeoutMs).
 */
export async function convertWithLibreOffice(
  filePath: string,
  target: 'xlsx',
  opts: { from?: LegacyFormat; displayName?: string; timeoutMs?: number } = {},
): Promise<string> {
  const file = opts.displayName ?? filePath;
  const from = opts.from ?? (path.extname(filePath).toLowerCase() === '.ods' ? 'ods' : 'xls');
  const soffice = findSoffice();
  if (!soffice) throw new InputError('reader.needs-conversion', { file, format: from });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-convert-'));
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  // An absolute path: a relative name starting with '-' would be taken for an option.
  const source = path.resolve(filePath);
  const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', target, '--outdir', dir, source];
  try {
    const timeoutMs = opts.timeoutMs ?? CONVERT_LIMITS.timeoutMs;
    const run = await runSoffice(soffice, args, timeoutMs);
    if (run.missing) throw new InputError('reader.needs-conversion', { file, format: from });
    if (run.timedOut) throw failed(file, from, `no answer in ${timeoutMs / 1000} s`);
    if (run.code !== 0) throw failed(file, from, errorLine(run.output) || `exit code ${run.code}`);
    // LibreOffice reports a file it could not load ("Error: source file could not be loaded") but exits 0.
    const converted = path.join(dir, `${path.parse(source).name}.${target}`);
    if (!fs.existsSync(converted)) throw failed(file, from, errorLine(run.output) || 'LibreOffice produced no file');
    return converted;
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Converted copies of this process, by source (path, size, modification time): a file is converted
 * once however many times it is opened — the reader reads it, the annotated copy rewrites it — and
 * LibreOffice costs a second or more a file. The copies go when the process ends.
 */
const conversions = new Map<string, string>();
let cleanupRegistered = false;

/** convertWithLibreOffice, once per unchanged source in this process; the copy lives until the process ends. */
export async function convertOnce(filePath: string, opts: { from?: LegacyFormat; displayName?: string } = {}): Promise<string> {
  const st = fs.statSync(filePath);
  const key = `${path.resolve(filePath)}\0${st.size}\0${st.mtimeMs}`;
  const known = conversions.get(key);
  if (known && fs.existsSync(known)) return known;
  const converted = await convertWithLibreOffice(filePath, 'xlsx', opts);
  conversions.set(key, converted);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const c of conversions.values()) removeConverted(c);
    });
  }
  return converted;
}

/** Removes the temporary directory of a file made by convertWithLibreOffice. */
export function removeConverted(convertedPath: string): void {
  fs.rmSync(path.dirname(convertedPath), { recursive: true, force: true });
}

export interface SofficeRun {
  code: number | null;
  output: string;
  timedOut: boolean;
  /** the executable vanished between the PATH lookup and the start */
  missing: boolean;
}

/**
 * Runs LibreOffice in a process group of its own: `soffice` is a launcher whose child soffice.bin
 * does the work, and killing only the launcher on a timeout would leave that child running. On POSIX
 * a shell sets the address-space limit first and then becomes soffice (exec), so the limit holds for
 * soffice.bin too; the shell's 127 means soffice could not be started. `memoryBytes` undefined: no
 * limit, for documents uchebnik made itself (src/features/contracts/pdf.ts).
 */
export function runSoffice(soffice: string, args: string[], timeoutMs: number, memoryBytes: number | undefined = CONVERT_LIMITS.memoryBytes): Promise<SofficeRun> {
  return new Promise((resolve) => {
    const group = process.platform !== 'win32';
    const limit = group && memoryBytes !== undefined;
    const kib = String(Math.floor((memoryBytes ?? 0) / 1024));
    const [command, argv] = limit ? ['/bin/sh', ['-c', 'ulimit -v "$0" 2>/dev/null; exec "$@"', kib, soffice, ...args]] : [soffice, args];
    const child = spawn(command, argv, { detached: group, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (data: Buffer) => {
      if (output.length < 64 * 1024) output += data.toString('utf8');
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
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, output: err.message, timedOut, missing: err.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut, missing: limit && code === 127 });
    });
  });
}

function failed(file: string, format: LegacyFormat, detail: string): InputError {
  return new InputError('reader.conversion-failed', { file, format, detail });
}

/** LibreOffice's own complaint, without its noise about Java. */
function errorLine(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  return lines.find((l) => /^error/i.test(l)) ?? lines.find((l) => l !== '' && !/javaldx|java may not/i.test(l)) ?? '';
}
