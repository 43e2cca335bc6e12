/**
 * The operator's morning on the demo region (issue 18). `uchebnik status`: its JSON says what `order
 * status`, `deadlines check`, `consolidate region` and `recommendations check` say; the HTML page is
 * self-contained and, opened in headless Chromium, shows the same numbers without a console error.
 * `uchebnik deadlines remind`: one letter per late school and municipality, each parsed back.
 * One demo run serves both (it takes seconds).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { formatMoney } from '../../../src/core/money.js';
import type { CampaignStatus } from '../../../src/features/status/compute.js';
import { renderStatusHtml } from '../../../src/features/status/html.js';
import { REPO, run, tempDir } from '../../support/cli.js';
import { CHROMIUM, openInChromium } from '../../support/chromium.js';

const AS_OF = '2018-03-01';
let ws = '';
let status: CampaignStatus;

beforeAll(async () => {
  ws = path.join(tempDir(), 'demo');
  const demo = await run(['demo', ws]);
  if (demo.code !== 0) throw new Error(`demo → ${demo.code}\n${demo.stderr.slice(-2000)}`);
  const r = await run(['status', '--json', '--as-of', AS_OF, '-w', ws]);
  expect(r.code, r.stderr).toBe(0);
  status = JSON.parse(r.stdout) as CampaignStatus;
}, 60_000);

describe('uchebnik status', () => {
  it('says what order status, deadlines check, recommendations check and consolidate region say', async () => {
    const orders = JSON.parse((await run(['order', 'status', '--json', '-w', ws])).stdout) as { municipalities: Record<string, unknown>[] };
    expect(status.orders.municipalities.map(({ name, ...m }) => m)).toEqual(orders.municipalities);
    expect(status.orders.total.formed).toBe(16);

    const deadlines = await run(['deadlines', 'check', '--json', '--as-of', AS_OF, '-w', ws]);
    const d = JSON.parse(deadlines.stdout) as { as_of: string; overdue: unknown[]; due_soon: unknown[] };
    expect(d.overdue.length).toBeGreaterThan(0);
    expect(status.deadlines).toEqual({ overdue: d.overdue, due_soon: d.due_soon });
    expect(status.as_of).toBe(d.as_of);
    const overdueStages = d.overdue.map((i) => { const { plan, stage } = i as { plan: string; stage: number }; return `${plan} ${stage}`; });
    expect(status.stages.filter((s) => s.state === 'overdue').map((s) => `${s.plan} ${s.stage}`)).toEqual([...new Set(overdueStages)]);

    const vacancies = JSON.parse((await run(['vacancies', 'report', '--json', '-w', ws])).stdout) as { municipalities: { code: string; name: string; schools: number; submitted: number; approved_at?: string }[] };
    expect(status.first_grade?.municipalities).toEqual(vacancies.municipalities.map((m) => ({ municipality: m.code, name: m.name, schools: m.schools, submitted: m.submitted, approved: m.approved_at !== undefined })));

    const rec = JSON.parse((await run(['recommendations', 'check', '--json', '-w', ws])).stdout) as { summary: Record<string, number> };
    expect(status.recommendations).toMatchObject(rec.summary);

    const region = await run(['consolidate', 'region', '--json', '-w', ws]);
    expect(region.code, region.stderr).toBe(0);
    const c = JSON.parse(region.stdout) as { publishers: { publisher: string; copies: number; sum_kopecks: number; schools: number }[]; total: { copies: number; sum_kopecks: number }; missing: string[]; schools: number };
    expect(status.publishers).toEqual(c.publishers.map(({ publisher, copies, sum_kopecks, schools }) => ({ publisher, copies, sum_kopecks, schools })));
    expect(status.total).toEqual({ ...c.total, schools: c.schools });
    expect(status.missing.map((m) => m.code)).toEqual(c.missing);
  });

  it('prints a table in the terminal and refuses a moment it cannot read', async () => {
    const r = await run(['status', '--as-of', AS_OF, '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Демонстрационная область');
    expect(r.stdout).toContain(formatMoney(status.total.sum_kopecks, 'ru'));
    expect((await run(['status', '--as-of', 'вчера', '-w', ws])).code).toBe(2);
  });

  it('fits its tables to an 80-column terminal', async () => {
    const out = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const code = await main(['node', 'uchebnik', 'status', '--as-of', AS_OF, '-w', ws], { stdout: out, stderr: new PassThrough() }, { NO_COLOR: '1' }, process.cwd());
    expect(code).toBe(0);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => /^[┌│└├]/u.test(l));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('writes one self-contained page: no network, no scripts, inline SVG, print CSS', async () => {
    const file = path.join(tempDir(), 'status.html');
    const r = await run(['status', '--html', file, '--as-of', AS_OF, '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>\s*<html lang="ru">/u);
    expect(html).not.toMatch(/<script|<link|@import|url\(|https?:\/\//iu);
    // progress, money, and one timeline per plan with dated stages
    expect(html.match(/<svg/gu)).toHaveLength(2 + new Set(status.stages.map((s) => s.plan)).size);
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('сегодня 01.03.2018');
    for (const m of status.missing) expect(html).toContain(`<td>${m.code}</td>`);
    // the files uchebnik wrote, linked relative to the page: each link leads to the file
    expect(status.files.map((f) => f.path)).toContain('out/consolidation/region/region_Дрофа.xlsx');
    const links = [...html.matchAll(/<a href="([^"]+)">/gu)].map((m) => m[1]!).filter((h) => !h.startsWith('mailto:'));
    expect(links).toHaveLength(status.files.length);
    for (const href of links) expect(fs.existsSync(path.resolve(path.dirname(file), decodeURI(href.replace(/&#38;/gu, '&')))), href).toBe(true);
  });

  it('writes the same figures to a workbook for those who forward it by mail', async () => {
    const file = path.join(tempDir(), 'status.xlsx');
    const r = await run(['status', '--xlsx', file, '--as-of', AS_OF, '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Заказы', 'Сроки', 'Издательства', 'Без заказа', 'Первый класс']);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).slice(4).map((row) => row.slice(1));
    expect(rows('Заказы').at(-1)).toEqual(['', 'Всего', status.orders.total.schools, ...(['none', 'draft', 'returned', 'agreed', 'formed'] as const).map((k) => status.orders.total[k])]);
    expect(rows('Издательства')).toEqual([...status.publishers.map((p) => [p.publisher, p.schools, p.copies, p.sum_kopecks / 100]), ['Всего', status.total.schools, status.total.copies, status.total.sum_kopecks / 100]]);
    expect(rows('Без заказа').map((row) => row[0])).toEqual(status.missing.map((m) => m.code));
    expect(rows('Сроки')).toHaveLength(status.deadlines.overdue.length + status.deadlines.due_soon.length);
  });

  it.skipIf(!CHROMIUM.available)('shows in Chromium the numbers of status --json, without console errors', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'status.html');
    expect((await run(['status', '--html', file, '--as-of', AS_OF, '-w', ws])).code).toBe(0);
    // UCHEBNIK_README_SCREENSHOT=1 renews the README's picture of the page from this run.
    const readme = process.env.UCHEBNIK_README_SCREENSHOT === '1' ? path.join(REPO, 'docs', 'status-page.png') : undefined;
    const page = await openInChromium(file, path.join(dir, 'status.png'), readme);
    expect(page.errors).toEqual([]);
    const expected = new Map<string, string>();
    const put = (k: string, v: string | number) => expected.set(k, String(v));
    for (const m of [...status.orders.municipalities.map((m) => ({ ...m, key: m.municipality })), { ...status.orders.total, key: 'total' }])
      for (const k of ['schools', 'none', 'draft', 'returned', 'agreed', 'formed'] as const) put(`orders.${m.key}.${k}`, m[k]);
    for (const p of status.publishers) {
      put(`publishers.${p.publisher}.schools`, p.schools);
      put(`publishers.${p.publisher}.copies`, p.copies);
      put(`publishers.${p.publisher}.sum`, `${formatMoney(p.sum_kopecks, 'ru')}\u00A0₽`);
    }
    put('total.schools', status.total.schools);
    put('total.copies', status.total.copies);
    put('total.sum', `${formatMoney(status.total.sum_kopecks, 'ru')}\u00A0₽`);
    put('deadlines.overdue.count', status.deadlines.overdue.length);
    put('deadlines.due_soon.count', status.deadlines.due_soon.length);
    status.deadlines.overdue.forEach((i, n) => i.entities_total === undefined || put(`deadlines.overdue.${n}.entities`, i.entities.length));
    status.deadlines.due_soon.forEach((i, n) => i.entities_total === undefined || put(`deadlines.due_soon.${n}.entities`, i.entities.length));
    for (const k of ['applied', 'partially_applied', 'not_applied', 'unrequested'] as const) put(`recommendations.${k}`, status.recommendations![k]);
    for (const m of status.first_grade!.municipalities) {
      put(`first_grade.${m.municipality}.schools`, m.schools);
      put(`first_grade.${m.municipality}.submitted`, m.submitted);
    }
    // every figure the page shows is the JSON's, and every figure of the JSON is shown
    for (const [k, text] of page.figures) expect([k, text]).toEqual([k, expected.get(k)]);
    expect(new Set(page.figures.map(([k]) => k))).toEqual(new Set(expected.keys()));
    expect(fs.statSync(path.join(dir, 'status.png')).size).toBeGreaterThan(10_000);
  });

  it.skipIf(!CHROMIUM.available)('renders a 700-school region in under 2 s and 2 MB, every school missing', async () => {
    const dir = tempDir();
    const municipalities = Array.from({ length: 35 }, (_, i) => String(i + 1).padStart(2, '0'));
    const missing = Array.from({ length: 700 }, (_, i) => ({
      code: `${municipalities[i % 35]}${String(i).padStart(3, '0')}`,
      name: `МБОУ «Средняя общеобразовательная школа № ${i + 1}» с углублённым изучением отдельных предметов`,
      municipality: municipalities[i % 35]!,
      state: 'none' as const,
      version: null,
    }));
    const big: CampaignStatus = {
      ...status,
      orders: {
        municipalities: municipalities.map((m) => ({ municipality: m, name: `Муниципальный район ${m}`, schools: 20, none: 20, draft: 0, returned: 0, agreed: 0, formed: 0 })),
        total: { schools: 700, none: 700, draft: 0, returned: 0, agreed: 0, formed: 0 },
      },
      missing,
    };
    const file = path.join(dir, 'region-700.html');
    fs.writeFileSync(file, renderStatusHtml(big));
    const size = fs.statSync(file).size;
    expect(size).toBeLessThan(2 * 1024 * 1024);
    const page = await openInChromium(file, undefined);
    expect(page.errors).toEqual([]);
    expect(page.loadMs).toBeLessThan(2000);
    console.log(`status page of 700 schools: ${Math.round(size / 1024)} KiB, loaded in ${page.loadMs} ms`);
  });
});

/** A letter as a mail client reads it: headers (unfolded, encoded words decoded) and its text parts. */
function parseEml(eml: string): { headers: Map<string, string>; parts: Map<string, string> } {
  const [head, ...rest] = eml.split('\r\n\r\n');
  const decode = (v: string) => v.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gu, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r\n[ \t]/gu, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers.set(line.slice(0, at).toLowerCase(), decode(line.slice(at + 1).trim()));
  }
  const boundary = /boundary="([^"]+)"/u.exec(headers.get('content-type') ?? '')![1]!;
  const parts = new Map<string, string>();
  for (const chunk of rest.join('\r\n\r\n').split(`--${boundary}`).slice(1, -1)) {
    const [partHead, body] = chunk.trim().split('\r\n\r\n');
    const type = /Content-Type: ([^;]+)/u.exec(partHead!)![1]!;
    expect(partHead).toContain('Content-Transfer-Encoding: base64');
    parts.set(type, Buffer.from(body!.replace(/\r\n/gu, ''), 'base64').toString('utf8'));
  }
  return { headers, parts };
}

describe('uchebnik deadlines remind', () => {
  const demo = () => ws;
  it('writes one letter per late school and municipality, each naming its overdue stages, and an index', async () => {
    // one school with an e-mail in the registry's requisites (registry requisites, issue 17), in a copy
    const ws = path.join(tempDir(), 'ws');
    fs.cpSync(demo(), ws, { recursive: true });
    const registryFile = path.join(ws, 'state', 'registry.json');
    const registry = JSON.parse(fs.readFileSync(registryFile, 'utf8')) as { schools: { code: string; requisites?: Record<string, string> }[] };
    registry.schools.find((s) => s.code === '0103')!.requisites = { email: 'school0103@example.ru' };
    fs.writeFileSync(registryFile, JSON.stringify(registry));

    const out = path.join(tempDir(), 'letters');
    const r = await run(['deadlines', 'remind', '--out', out, '--as-of', AS_OF, '--plan', 'textbooks', '--from', 'rcoko@example.ru', '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const index = JSON.parse(r.stdout) as { letters: { file: string; kind: string; code: string; email: string | null; stages: string[] }[] };

    // the entities deadlines check finds late or due soon, each once
    const check = JSON.parse((await run(['deadlines', 'check', '--json', '--as-of', AS_OF, '--plan', 'textbooks', '-w', ws])).stdout) as { overdue: { stage: number; role: string; entities: string[] }[]; due_soon: { entities: string[]; role: string }[] };
    const late = new Set<string>();
    for (const i of [...check.overdue, ...check.due_soon]) for (const e of i.entities) late.add(`${['schools', 'school-heads'].includes(i.role) ? 'school' : 'municipality'} ${e}`);
    expect(new Set(index.letters.map((l) => `${l.kind} ${l.code}`))).toEqual(late);
    expect(index.letters.length).toBe(late.size);
    expect(fs.readdirSync(out).sort()).toEqual([...index.letters.map((l) => l.file), 'index.csv'].sort());

    for (const letter of index.letters) {
      const { headers, parts } = parseEml(fs.readFileSync(path.join(out, letter.file), 'utf8'));
      expect(headers.get('from')).toBe('rcoko@example.ru');
      expect(headers.get('to')).toBe(letter.email ?? undefined);
      expect(headers.get('x-uchebnik-entity')).toBe(`${letter.kind} ${letter.code}`);
      expect(headers.get('subject')).toMatch(new RegExp(`^Напоминание: .*\\((школа|муниципалитет) ${letter.code}\\)$`, 'u'));
      expect([...parts.keys()]).toEqual(['text/plain', 'text/html']);
      const overdue = check.overdue.filter((i) => i.entities.includes(letter.code)).map((i) => i.stage);
      for (const stage of overdue) {
        expect(parts.get('text/plain')).toContain(`этап ${stage} — `);
        expect(parts.get('text/html')).toContain(`этап ${stage} — `);
      }
      expect(parts.get('text/plain')).toContain('01.03.2018');
    }
    expect(index.letters.find((l) => l.code === '0103')?.email).toBe('school0103@example.ru');
    const csv = fs.readFileSync(path.join(out, 'index.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFfile;kind;code;name;email;overdue;due_soon;stages\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(index.letters.length + 1);
  });
});
