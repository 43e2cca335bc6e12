/** `uchebnik registry import|show` — municipalities and schools (PRODUCT.md §4.2). */
import type { Command } from 'commander';
import { act, examples, say, type Runtime } from '../cli/action.js';
import { describe } from './index.js';
import { readOptions, readerFlags } from '../cli/options.js';
import { changeWorkspace, useWorkspace } from '../cli/workspace.js';
import type { Ctx } from '../cli/context.js';
import { columnLetter, type CellAddress } from '../domain/finding.js';
import { GRADES, mergeRegistry, parseRegistryRows, schoolsOf, type RegistryRowInput } from '../domain/registry.js';
import { buildReport } from '../report/report.js';
import { plainTable, renderJson, renderReportTable } from '../report/render.js';
import { openWorkbook } from '../sheets/open.js';
import { cellText, findTable, type TableSpec } from '../sheets/table.js';
import { loadRegistry, saveRegistry } from '../workspace/stores/registry.js';
import { UsageError, EXIT } from '../errors.js';

export const REGISTRY_SPEC: TableSpec = {
  fields: [
    { key: 'code', synonyms: ['Код ОО', 'Код школы', 'Код организации', 'Код учреждения', 'Код'], prefix: false },
    { key: 'short_name', synonyms: ['Краткое наименование', 'Сокращенное наименование', 'Наименование ОО', 'Школа', 'Наименование', 'ОО'] },
    { key: 'full_name', synonyms: ['Полное наименование'] },
    { key: 'municipality_code', synonyms: ['Код МО', 'Код муниципалитета', 'Код муниципального образования', 'Код района', 'Код МР'] },
    { key: 'municipality_name', synonyms: ['Муниципалитет', 'Муниципальное образование', 'МО', 'Район', 'Муниципальный район'] },
    { key: 'inn', synonyms: ['ИНН'] },
    { key: 'kpp', synonyms: ['КПП'] },
    { key: 'legal_form', synonyms: ['Тип учреждения', 'Организационно-правовая форма', 'Тип ОО', 'Тип'] },
    ...GRADES.map((g) => ({
      key: `students_${g}`,
      synonyms: [`${g} класс`, `${g} кл`, `${g} классы`, `Контингент ${g}`, `Обучающихся ${g}`, `Количество обучающихся ${g} класс`, `Контингент ${g} класс`],
      prefix: false,
    })),
  ],
  required: ['short_name|full_name', 'municipality_code|municipality_name'],
};

/** Names accepted by --columns for files without a header (the real Томск list is one). */
const COLUMN_ALIASES: Record<string, string> = {
  code: 'code',
  school: 'code',
  short: 'short_name',
  name: 'short_name',
  full: 'full_name',
  municipality: 'municipality_code',
  mo: 'municipality_code',
  'municipality-name': 'municipality_name',
  inn: 'inn',
  kpp: 'kpp',
  form: 'legal_form',
  '-': '-',
  ...Object.fromEntries(GRADES.map((g) => [`g${g}`, `students_${g}`])),
};

function parseColumns(value: string): string[] {
  return value.split(',').map((raw) => {
    const key = COLUMN_ALIASES[raw.trim().toLowerCase()];
    if (!key) throw new UsageError('registry.columns-bad', { value: raw.trim(), allowed: Object.keys(COLUMN_ALIASES).join(', ') });
    return key === '-' ? `skip_${Math.random()}` : key;
  });
}

async function importRegistry(ctx: Ctx, file: string, opts: Record<string, unknown>): Promise<number> {
  const columns = typeof opts.columns === 'string' ? parseColumns(opts.columns) : undefined;
  const wb = await openWorkbook(file, readOptions(opts));
  try {
    const table = await findTable(wb, REGISTRY_SPEC, { sheet: opts.sheet as string | undefined, map: opts.map as Record<string, string>, columns });
    const rows: RegistryRowInput[] = [];
    let dataRows = 0;
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      dataRows++;
      const get = (f: string) => {
        const c = table.cell(r, f);
        return c === undefined ? undefined : cellText(c);
      };
      const students: Record<string, string | number | null> = {};
      for (const g of GRADES) {
        const c = table.cell(r, `students_${g}`);
        if (table.has(`students_${g}`)) students[g] = c?.value === undefined ? null : typeof c.value === 'boolean' ? String(c.value) : c.value;
      }
      rows.push({
        row: r.row,
        code: get('code'),
        short_name: get('short_name'),
        full_name: get('full_name'),
        municipality_code: get('municipality_code'),
        municipality_name: get('municipality_name'),
        inn: get('inn'),
        kpp: get('kpp'),
        legal_form: get('legal_form'),
        students,
        at: (field: string): CellAddress => {
          const col = table.columns.get(field);
          return { file: table.file, sheet: wb.format === 'csv' ? undefined : table.sheet, row: r.row, column: col === undefined ? undefined : columnLetter(col) };
        },
      });
    }
    const parsed = parseRegistryRows(rows);
    const findings = [...table.findings, ...parsed.findings];
    const report = buildReport([{ file: table.file, rows: dataRows }], findings, ctx.lang);

    const outcome = await changeWorkspace<{ merged: ReturnType<typeof mergeRegistry>; unchanged: boolean }>(ctx, 'registry import', async (ws) => {
      const stored = loadRegistry(ws);
      const merged = mergeRegistry(stored, parsed.registry);
      const unchanged = merged.added === 0 && merged.removed === 0 && merged.changed === 0 && stored.schools.length > 0;
      if (unchanged) return { changed: [], result: { merged, unchanged } };
      const input = await ws.storeInput(file, file);
      const written = await saveRegistry(ws, merged.registry);
      return {
        changed: [written, input.stored],
        journal: { file, sha256: input.sha256, added: merged.added, removed: merged.removed, updated: merged.changed },
        result: { merged, unchanged },
      };
    });
    const { merged, unchanged } = outcome;
    ctx.note(
      unchanged
        ? ctx.t('registry.unchanged', { file })
        : ctx.t('registry.imported', {
            file,
            municipalities: parsed.registry.municipalities.length,
            schools: parsed.registry.schools.length,
            added: merged.added,
            changed: merged.changed,
            removed: merged.removed,
          }),
    );
    const hasStudents = parsed.registry.schools.some((s) => s.students);
    if (!hasStudents) ctx.note(ctx.t('registry.no-students'));
    if (opts.json) {
      ctx.out(renderJson({ ...report, imported: { municipalities: parsed.registry.municipalities.length, schools: parsed.registry.schools.length, added: merged.added, changed: merged.changed, removed: merged.removed, unchanged } }));
    } else if (findings.length) {
      ctx.out(renderReportTable(report, ctx));
    }
    return report.ok ? EXIT.ok : EXIT.dataErrors;
  } finally {
    await wb.close();
  }
}

async function showRegistry(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const muni = opts.municipality as string | undefined;
  if (muni && !registry.municipalities.some((m) => m.code === muni))
    throw new UsageError('registry.municipality-unknown', { code: muni, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  const municipalities = registry.municipalities.filter((m) => !muni || m.code === muni);
  const schools = schoolsOf(registry, muni);
  if (opts.json) {
    ctx.out(
      renderJson({
        municipalities: municipalities.map((m) => ({ ...m, schools: registry.schools.filter((s) => s.municipality === m.code).length })),
        schools,
      }),
    );
    return EXIT.ok;
  }
  const summary = plainTable([ctx.t('registry.col-municipality'), ctx.t('registry.col-name'), ctx.t('registry.col-schools'), ctx.t('registry.col-students')], ctx.color);
  for (const m of municipalities) {
    const mine = registry.schools.filter((s) => s.municipality === m.code);
    const students = mine.reduce((n, s) => n + Object.values(s.students ?? {}).reduce((a, b) => a + b, 0), 0);
    summary.push([m.code, m.name === m.code ? '' : m.name, mine.length, students || '—']);
  }
  ctx.out(summary.toString());
  if (muni) {
    const list = plainTable([ctx.t('registry.col-code'), ctx.t('registry.col-name'), ctx.t('registry.col-inn')], ctx.color);
    for (const s of schools) list.push([s.code, s.short_name, s.inn ?? '']);
    ctx.out(list.toString());
  }
  ctx.out(ctx.t('registry.total', { municipalities: municipalities.length, schools: schools.length }));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const registry = program.command('registry').description(describe(rt, 'registry'));
  act(
    readerFlags(
      registry
      .command('import')
      .argument('<file>', say(rt, 'файл xlsx или csv', 'an xlsx or csv file'))
      .description(say(rt, 'загрузить муниципалитеты и школы из файла', 'load municipalities and schools from a file'))
      .option('--columns <list>', say(rt, 'файл без заголовка: столбцы по порядку (municipality,short,full,code,inn,kpp,g1…g11,-)', 'a file without a header: its columns in order (municipality,short,full,code,inn,kpp,g1…g11,-)'))
      .option('--json', say(rt, 'отчёт в JSON', 'report as JSON'))
      .addHelpText(
        'after',
        examples(rt, [
          'uchebnik registry import schools.xlsx',
          'uchebnik registry import tomsk_schools.csv --columns municipality,short,full',
          'uchebnik registry import list.csv --map inn=F --json',
        ]),
      ),
      rt,
    ),
    rt,
    (ctx, opts, [file]) => importRegistry(ctx, file!, opts),
  );
  act(
    registry
      .command('show')
      .description(say(rt, 'показать реестр', 'show the registry'))
      .option('--municipality <code>', say(rt, 'только этот муниципалитет, со списком школ', 'only this municipality, with its schools'))
      .option('--json', say(rt, 'в JSON', 'as JSON'))
      .addHelpText('after', examples(rt, ['uchebnik registry show', 'uchebnik registry show --municipality 124', 'uchebnik registry show --json | jq .schools[0]'])),
    rt,
    (ctx, opts) => showRegistry(ctx, opts),
  );
}
