/**
 * The bench scripts (bench/*.mjs) import the built app from dist/, by paths written as strings, so
 * the compiler does not see them: the redesign of issue 19 moved src/sheets to src/io/sheets and left
 * `npm run bench:gen` failing on a fresh clone. Every module path a bench script names under dist/
 * must be a module of src/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/cli.js';

const BENCH = path.join(REPO, 'bench');

function benchScripts(): string[] {
  return [BENCH, path.join(BENCH, 'lib')].flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => path.join(dir, f)));
}

/** The dist/ module paths a script names: `'../dist/a/b.js'`, `DIST('a', 'b.js')`, `path.join(DIST|dist, 'a', 'b.js')`. */
function distModules(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/'\.\.\/dist\/([^']+\.js)'/g)) found.push(m[1]!);
  for (const m of text.matchAll(/(?:DIST\(|path\.join\((?:DIST|dist),)\s*((?:'[^']*'\s*,\s*)*'[^']*\.js')\s*\)/g)) {
    found.push([...m[1]!.matchAll(/'([^']*)'/g)].map((p) => p[1]).join('/'));
  }
  return found;
}

describe('bench scripts import modules that exist', () => {
  it('finds the paths in each way of writing them', () => {
    expect(distModules(`import { a } from '../dist/io/x.js'; await import(DIST('io', 'sheets', 'y.js')); await import(path.join(DIST, 'main.js')); path.join(dist, 'io', 'z.js')`)).toEqual([
      'io/x.js',
      'io/sheets/y.js',
      'main.js',
      'io/z.js',
    ]);
  });

  it.each(benchScripts().map((f) => [path.relative(REPO, f), f]))('%s', (_name, file) => {
    const missing = distModules(fs.readFileSync(file, 'utf8')).filter((m) => !fs.existsSync(path.join(REPO, 'src', m.replace(/\.js$/, '.ts'))));
    expect(missing).toEqual([]);
  });

  it('sees the scripts that import the app', () => {
    const named = benchScripts().filter((f) => distModules(fs.readFileSync(f, 'utf8')).length > 0).map((f) => path.basename(f));
    expect(named).toEqual(expect.arrayContaining(['gen.mjs', 'export-specifications.mjs', 'read-csv.mjs', 'read-orders.mjs']));
  });
});
