/**
 * The layering of docs/architecture.md, checked over every import in src/ (static and `import()`):
 * core imports nothing else in src and touches no file, process or clock; io imports core; cli-kit
 * imports core and io; a feature imports core, io, cli-kit, its own files and other features' index.ts;
 * a feature's check.ts is pure; nothing imports src/program.ts but src/main.ts; no circles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/cli.js';

const SRC = path.join(REPO, 'src');

interface Module {
  /** path under src/, with .ts */
  file: string;
  /** modules under src/ it imports, as paths under src/ */
  imports: string[];
  /** those of them it imports for their types only (`import type`), which run no code */
  typeOnly: Set<string>;
  /** node built-ins it imports (`node:fs`, …) */
  builtins: string[];
  text: string;
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listTs(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function readModules(): Map<string, Module> {
  const modules = new Map<string, Module>();
  for (const abs of listTs(SRC)) {
    const text = fs.readFileSync(abs, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
    const file = path.relative(SRC, abs);
    const imports = specs.filter((s) => s.startsWith('.')).map((s) => path.relative(SRC, path.resolve(path.dirname(abs), s)).replace(/\.js$/, '.ts'));
    const builtins = specs.filter((s) => s.startsWith('node:'));
    const resolve = (s: string) => path.relative(SRC, path.resolve(path.dirname(abs), s)).replace(/\.js$/, '.ts');
    const typed = [...text.matchAll(/(?:^|\n)\s*(?:import|export) type [^'"`;]*?from\s*'(\.[^']+)'/g)].map((m) => resolve(m[1]!));
    const valued = [...text.matchAll(/(?:^|\n)\s*(?:import|export) (?!type )[^'"`;]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => resolve((m[1] ?? m[2])!));
    const typeOnly = new Set(typed.filter((t) => !valued.includes(t)));
    modules.set(file, { file, imports, typeOnly, builtins, text });
  }
  return modules;
}

const modules = readModules();
const layer = (file: string): string => (file.startsWith('features/') ? 'features' : file.split('/')[0]!.replace(/\.ts$/, ''));
const featureOf = (file: string): string | undefined => (file.startsWith('features/') ? file.split('/')[1] : undefined);

/** A module is pure when it and all it imports in src/ use no file system, process, child or clock. */
const IMPURE_BUILTINS = new Set(['node:fs', 'node:fs/promises', 'node:child_process', 'node:os', 'node:worker_threads', 'node:process']);
function impurity(file: string, seen = new Set<string>()): string | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const m = modules.get(file)!;
  const builtin = m.builtins.find((b) => IMPURE_BUILTINS.has(b));
  if (builtin) return `${file} imports ${builtin}`;
  const code = m.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const use = /\bprocess\.\w+|\bDate\.now\(|\bnew Date\(\)|\bDateTime\.now\(|\bMath\.random\(/.exec(code);
  if (use) return `${file} uses ${use[0]}`;
  for (const i of m.imports) {
    if (m.typeOnly.has(i)) continue;
    const why = impurity(i, seen);
    if (why) return why;
  }
  return undefined;
}

describe('the layers of src/', () => {
  it('every import resolves to a module in src/', () => {
    const broken = [...modules.values()].flatMap((m) => m.imports.filter((i) => !modules.has(i)).map((i) => `${m.file} → ${i}`));
    expect(broken).toEqual([]);
  });

  it('imports go only the allowed way', () => {
    const wrong: string[] = [];
    for (const m of modules.values()) {
      const from = layer(m.file);
      for (const i of m.imports) {
        const to = layer(i);
        const ok =
          i === 'program.ts' ? m.file === 'main.ts'
          : from === 'main' || from === 'program' ? true
          : from === 'core' ? to === 'core'
          : from === 'io' ? to === 'core' || to === 'io'
          : from === 'cli-kit' ? ['core', 'io', 'cli-kit'].includes(to)
          : from === 'features' ? ['core', 'io', 'cli-kit'].includes(to) || featureOf(i) === featureOf(m.file) || i === `features/${featureOf(i)}/index.ts`
          : false;
        if (!ok) wrong.push(`${m.file} → ${i}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('core touches no file, process, clock or chance', () => {
    const impure = [...modules.keys()].filter((f) => f.startsWith('core/')).map((f) => impurity(f)).filter(Boolean);
    expect(impure).toEqual([]);
  });

  it('a feature\'s rules (check.ts) are pure', () => {
    const checks = [...modules.keys()].filter((f) => /^features\/[^/]+\/check\.ts$/.test(f));
    expect(checks.length).toBeGreaterThan(2);
    expect(checks.map((f) => impurity(f)).filter(Boolean)).toEqual([]);
  });

  it('has no circle of imports', () => {
    // Tarjan's strongly connected components: any component of more than one module is a circle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of modules.get(v)?.imports ?? []) {
        if (!modules.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || modules.get(v)!.imports.includes(v)) circles.push(component.sort());
      }
    };
    for (const v of modules.keys()) if (!index.has(v)) visit(v);
    expect(circles).toEqual([]);
  });

  it('a bare `--help` loads no message catalogue, no feature and no schema library (start-up, issue 20)', () => {
    // What src/main.ts loads before commander prints the help: its static imports, followed through.
    // The catalogue (every message of every area), the features and zod are loaded later, on demand.
    const reached = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      const m = modules.get(file)!;
      const code = m.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const spec of code.matchAll(/(?:^|\n)\s*(?:import|export) (?!type )[^'"`;]*?from\s*'([^']+)'/g)) {
        const s = spec[1]!;
        if (s.startsWith('.')) visit(path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), s)).replace(/\.js$/, '.ts'));
        else if (!s.startsWith('node:')) packages.add(s);
      }
    };
    visit('main.ts');
    expect([...reached].filter((f) => f === 'core/i18n/index.ts' || f.startsWith('features/'))).toEqual([]);
    expect([...packages].sort()).toEqual(['commander']);
  });

  it('the technology folders of the first layout are gone', () => {
    for (const old of ['commands', 'domain', 'sheets', 'workspace', 'report', 'i18n', 'cli', 'parallel']) expect(fs.existsSync(path.join(SRC, old)), old).toBe(false);
  });
});
