/**
 * Reasons point into the repository (issue 19): a comment in src/ or test/ that names a file — a
 * docs/ page, a module, a test — names one that exists, and a `#section` of a page names a section it
 * has; nothing cites the specification files that live outside the project. The links of docs/ and
 * README.md are held to the same rule. Paths are taken from the repository root, the commenting file's
 * folder, src/ or a layer of src/ (`io/sheets/zip.ts`, `workspace/paths.ts`), as people write them;
 * a bare file name (`fill.ts`) must be the name of some file of the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/cli.js';

const SELF = 'test/docs.test.ts';
/** The specification and measurement notes kept beside the project, never in it. */
const OUTSIDE = new RegExp(['\\bPRODUCT\\.md', '\\bPITFALLS\\b', '\\.\\./shared/spec'].join('|'));
/** A path to a module or a page, with an optional section: `docs/file-formats.md#csv`, `stores/keyed.ts`. */
const PATH = /(?<![\w./<>-])((?:\.{1,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:ts|mjs|md))(#[\w-]+)?(?![\w/-])/g;

function listFiles(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'golden' ? [] : listFiles(p, ext);
    return ext.test(e.name) ? [p] : [];
  });
}

const rel = (abs: string) => path.relative(REPO, abs).split(path.sep).join('/');
const sources = [...listFiles(path.join(REPO, 'src'), /\.ts$/), ...listFiles(path.join(REPO, 'test'), /\.(ts|mjs)$/)].map(rel).filter((f) => f !== SELF);

/** Comment text of a TypeScript or JavaScript source, URLs taken out. */
function comments(text: string): string[] {
  return (text.match(/\/\*[\s\S]*?\*\/|(?<![:'"`\\])\/\/.*$/gm) ?? []).map((c) => c.replace(/\b\w+:\/\/\S+/g, ''));
}

const LAYERS = ['core', 'io', 'cli-kit', 'features'];

/** Every file of the project by its name alone: a bare `data-sheet.ts` names the one module of that name. */
const BY_NAME = new Map<string, string>();
for (const dir of ['src', 'test', 'docs', 'fixtures', 'bench']) {
  if (fs.existsSync(path.join(REPO, dir))) for (const p of listFiles(path.join(REPO, dir), /./)) if (!BY_NAME.has(path.basename(p))) BY_NAME.set(path.basename(p), p);
}

/** The repository path a cited path means, or undefined when there is none. */
function resolve(cited: string, from: string): string | undefined {
  if (!cited.includes('/')) {
    const near = [path.join(REPO, path.dirname(from), cited), path.join(REPO, cited)].find((p) => fs.existsSync(p));
    return near ?? BY_NAME.get(cited);
  }
  const bases = [REPO, path.join(REPO, path.dirname(from)), path.join(REPO, 'src'), ...LAYERS.map((l) => path.join(REPO, 'src', l))];
  for (const base of bases) {
    const p = path.resolve(base, cited);
    if (p.startsWith(REPO + path.sep) && fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return undefined;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/<[^>]*>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(page: string): Set<string> {
  let anchors = anchorCache.get(page);
  if (!anchors) {
    const text = fs.readFileSync(page, 'utf8');
    anchors = new Set([...text.matchAll(/<a id="([^"]+)"/g)].map((m) => m[1]!));
    for (const m of text.matchAll(/^#{1,6}\s+(.+)$/gm)) anchors.add(slug(m[1]!));
    anchorCache.set(page, anchors);
  }
  return anchors;
}

/** What is wrong with citing `cited` (+ `anchor`) from `from`, or undefined. */
function brokenCitation(cited: string, anchor: string | undefined, from: string): string | undefined {
  const target = resolve(cited, from);
  if (!target) return `${from}: ${cited} does not exist`;
  if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor.slice(1))) return `${from}: ${cited} has no section ${anchor}`;
  return undefined;
}

function citationsIn(text: string): { cited: string; anchor?: string }[] {
  return [...text.matchAll(PATH)].map((m) => ({ cited: m[1]!, anchor: m[2] }));
}

describe('reasons cited in the code point into the repository', () => {
  it('nothing in src/ or test/ cites the specification files kept outside the project', () => {
    const outside = sources.flatMap((f) =>
      fs
        .readFileSync(path.join(REPO, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (OUTSIDE.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(outside).toEqual([]);
  });

  it('every file a comment names exists, and every section it names is there', () => {
    const broken = sources.flatMap((f) =>
      comments(fs.readFileSync(path.join(REPO, f), 'utf8'))
        .flatMap(citationsIn)
        .filter((c) => !c.cited.startsWith('../shared/'))
        .map((c) => brokenCitation(c.cited, c.anchor, f))
        .filter((b): b is string => b !== undefined),
    );
    expect([...new Set(broken)]).toEqual([]);
  });

  it('the links of docs/ and README.md lead to files and sections that exist', () => {
    const pages = [...listFiles(path.join(REPO, 'docs'), /\.md$/), path.join(REPO, 'README.md')];
    expect(pages.map(rel)).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/file-formats.md', 'docs/exit-codes.md', 'docs/library-pitfalls.md', 'docs/json-report.md']));
    const broken: string[] = [];
    for (const page of pages) {
      for (const m of fs.readFileSync(page, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1]!;
        if (/^\w+:/.test(link)) continue;
        const [file, anchor] = link.split('#') as [string, string | undefined];
        const target = file === '' ? page : path.resolve(path.dirname(page), file);
        if (!fs.existsSync(target)) broken.push(`${rel(page)}: ${link} does not exist`);
        else if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) broken.push(`${rel(page)}: ${link} has no such section`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    // The checker itself, on citations made up for the purpose: a test that passes on anything proves nothing.
    expect(brokenCitation('docs/file-formats.md', '#csv', 'src/io/sheets/csv-read.ts')).toBeUndefined();
    expect(brokenCitation('stores/keyed.ts', undefined, 'src/features/order/store.ts')).toMatch(/does not exist/);
    expect(brokenCitation('docs/file-formats.md', '#no-such-section', 'src/main.ts')).toMatch(/no section/);
    expect(brokenCitation('io/workspace/keyed.ts', undefined, 'src/features/order/store.ts')).toBeUndefined();
    expect(brokenCitation('data-sheet.ts', undefined, 'src/features/consolidate/workbook.ts')).toBeUndefined();
    expect(brokenCitation('form-fill.ts', undefined, 'src/features/forms/layout.ts')).toMatch(/does not exist/);
    expect(citationsIn('see docs/exit-codes.md#3 and workspace/paths.ts.').map((c) => c.cited + (c.anchor ?? ''))).toEqual(['docs/exit-codes.md#3', 'workspace/paths.ts']);
    expect(OUTSIDE.test(['(PRODUCT', 'md §4.4)'].join('.'))).toBe(true);
    expect(OUTSIDE.test('SUMPRODUCT.md')).toBe(false);
  });
});
