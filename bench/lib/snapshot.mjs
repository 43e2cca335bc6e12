// A private copy of the built CLI (dist/, bin/, package.json) for one bench run. Other engineers
// rebuild dist/ while a bench runs (tsc rewrites its files one by one), and a command started in the
// middle of that fails to load; the copy keeps every stage of a run on one build. It lives under
// bench/out/, inside the repository, so its imports still resolve to the repository's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Copies the build to bench/out/app/<name>/ and returns its paths and the build's newest mtime. */
export function snapshot(name) {
  const dir = path.join(ROOT, 'bench', 'out', 'app', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const part of ['dist', 'bin', 'package.json']) fs.cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true, preserveTimestamps: true });
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(dir, 'dist'));
  return { dir, bin: path.join(dir, 'bin', 'uchebnik.js'), dist: path.join(dir, 'dist'), built_at: new Date(newest).toISOString() };
}
