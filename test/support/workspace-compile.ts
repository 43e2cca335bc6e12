/**
 * Child processes in the workspace tests (lock holders, writers killed mid-write) must run the
 * current sources, not a possibly stale dist/. This transpiles the files an entry point imports
 * (following relative `.js` imports) into a temporary directory, in well under a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(repo, 'src');

/** Transpile `entries` (paths relative to src/, e.g. `workspace/lock.ts`) and their imports; returns the output root. */
export function compileForChild(entries: string[]): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-child-'));
  fs.writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  const done = new Set<string>();
  const pending = entries.map((e) => path.join(src, e));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (done.has(file)) continue;
    done.add(file);
    const code = fs.readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(code, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    const target = path.join(out, path.relative(src, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
    for (const m of code.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      pending.push(path.resolve(path.dirname(file), `${m[1]}.ts`));
    }
  }
  return out;
}
