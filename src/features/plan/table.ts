/**
 * `plan import`: a plan table shaped like the seeds' → a Plan. Two shapes are understood:
 * - one column per executor whose cells are deadline phrases (plan 000), the executor names either
 *   in the header row or in a row under a group label such as «Исполнитель/срок»;
 * - «Сроки» + «Ответственные» (plan 003), where the responsible cell may name several executors.
 * The header is looked for among the first rows, after any title rows.
 */
import type { Finding } from '../../core/finding.js';
import { columnLetter, finding } from '../../core/finding.js';
import { parseDeadlinePhrase } from './date-phrase.js';
import type { Plan, Stage, StageExecutor } from './model.js';
import { stageExecutor } from './model.js';

export interface PlanTableRow {
  /** 1-based row as the spreadsheet shows it */
  row: number;
  /** cells[0] is column A */
  cells: string[];
}

export interface PlanTableOptions {
  /** the year for deadline phrases that state none («до 16 февраля») */
  campaignYear: number;
  id?: string;
  /** default: the title rows above the header */
  title?: string;
}

/** How far down a header may be: title rows and banners come first (docs/file-formats.md#reading). */
const HEADER_SEARCH_ROWS = 30;

/** Header matching ignores case, ё/е, punctuation, repeated spaces and line breaks (docs/file-formats.md#reading). */
function key(cell: string | undefined): string {
  return (cell ?? '')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[^\p{L}\p{N}№]+/gu, ' ')
    .trim();
}

const isNumberHeader = (k: string): boolean => /^(№|n|номер|п п)(\s|$)/u.test(k);
const isTextHeader = (k: string): boolean => /мероприяти|этап|наименование|содержание/u.test(k);
const isDateHeader = (k: string): boolean => /^срок/u.test(k);
const isResponsibleHeader = (k: string): boolean => /ответствен|исполнител/u.test(k);

/** «1.», «1», «1)» with stray spaces; stages are numbered from 1 (a «0» is no stage number, and was once stored as one, damaging plans.json). */
function stageNumber(cell: string | undefined): number | undefined {
  const m = /^0*([1-9]\d{0,8})\s*[.)]?$/u.exec((cell ?? '').trim());
  return m ? Number(m[1]) : undefined;
}

/** The row of column numbers some forms put under the header (1 2 3 4 …). */
function isColumnNumbersRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length >= 2 && filled.every((c, i) => c === String(i + 1));
}

/** A line under the table that explains an abbreviation: «МООУСО – муниципальные органы …,» (kept without the list's comma). */
const NOTE = /^[\p{Lu}]{2,}\s*[-–—]\s+\S/u;

/** Several lines of a cell read as one line, as a deadline phrase or an executor's name. */
const oneLine = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** A stage's text keeps its line breaks (lists inside the cell) but not the blank space around them. */
const multiLine = (s: string): string =>
  s
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');

/**
 * The executors named in one «Ответственные» cell. Commas, semicolons and line breaks separate
 * executors, but a piece that starts with a small letter continues the previous name: the seed's
 * «Главные⏎операторы ОО» is one executor, and so is «Сотрудники МООУСО, курирующие ОО».
 */
export function splitExecutors(cell: string): string[] {
  const parts = cell.trim().split(/\s*([,;\n])\s*/u);
  const names: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const piece = oneLine(parts[i] ?? '');
    if (piece === '') continue;
    const sep = parts[i - 1];
    const last = names.length - 1;
    if (last >= 0 && /^\p{Ll}/u.test(piece)) names[last] = `${names[last]}${sep === '\n' ? ' ' : `${sep} `}${piece}`;
    else names.push(piece);
  }
  return names;
}

type Layout =
  | { kind: 'executor-columns'; columns: { index: number; name: string }[] }
  | { kind: 'responsible'; dateCol: number; responsibleCol: number };

interface Header {
  /** index in rows of the header row; the rows above it are the title */
  at: number;
  /** index in rows of the first data row */
  dataFrom: number;
  numberCol: number;
  textCol: number;
  layout: Layout;
}

function findHeader(rows: PlanTableRow[]): Header | undefined {
  for (let h = 0; h < Math.min(rows.length, HEADER_SEARCH_ROWS); h++) {
    const keys = (rows[h]?.cells ?? []).map(key);
    const numberCol = keys.findIndex(isNumberHeader);
    const textCol = keys.findIndex(isTextHeader);
    if (numberCol < 0 || textCol < 0) continue;

    // «Исполнитель/срок» names both a responsible and a date: it is a group label over executor columns.
    const dateCol = keys.findIndex((k) => isDateHeader(k) && !isResponsibleHeader(k));
    const responsibleCol = keys.findIndex((k) => isResponsibleHeader(k) && !isDateHeader(k));
    if (dateCol >= 0 && responsibleCol >= 0) {
      return { at: h, dataFrom: h + 1, numberCol, textCol, layout: { kind: 'responsible', dateCol, responsibleCol } };
    }

    // A second header row holds the executor names when its № and text cells are empty (or repeat
    // the header, as a reader that fills merged cells gives them).
    const next = (rows[h + 1]?.cells ?? []).map(key);
    const blankUnder = (i: number): boolean => next[i] === '' || next[i] === undefined || next[i] === keys[i];
    const subHeader = rows[h + 1] !== undefined && blankUnder(numberCol) && blankUnder(textCol) && next.some((k, i) => i > textCol && k !== '');
    const nameRow = subHeader ? (rows[h + 1]?.cells ?? []) : (rows[h]?.cells ?? []);
    const columns: { index: number; name: string }[] = [];
    nameRow.forEach((cell, index) => {
      const name = oneLine(cell);
      const k = key(cell);
      if (index <= Math.max(numberCol, textCol) || name === '') return;
      if (!subHeader && (isDateHeader(k) || isResponsibleHeader(k))) return;
      columns.push({ index, name });
    });
    if (columns.length > 0) {
      return { at: h, dataFrom: h + (subHeader ? 2 : 1), numberCol, textCol, layout: { kind: 'executor-columns', columns } };
    }
  }
  return undefined;
}

function titleFrom(rows: PlanTableRow[]): string {
  // Tables pasted from Word through Markdown keep the title's bold markers (**…**).
  return oneLine(rows.flatMap((r) => r.cells).join(' ').replace(/\*+/gu, ' '));
}

export function planFromTable(rows: PlanTableRow[], options: PlanTableOptions): { plan: Plan | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const header = findHeader(rows);
  if (!header) return { plan: null, findings: [finding('plan-header-not-found', 'error', {})] };

  const year = options.campaignYear;
  const stages: Stage[] = [];
  const notes: string[] = [];
  const seen = new Map<number, number>();

  const checkDate = (text: string, at: { row: number; column: string }, stage: number, executor: string): void => {
    const parsed = parseDeadlinePhrase(text, year);
    if (!('invalid' in parsed)) return;
    const code = parsed.invalid === 'no-such-date' ? 'schedule-date-invalid' : 'schedule-date-unparsed';
    findings.push(finding(code, 'error', at, { stage, executor, text }));
  };

  for (const { row, cells } of rows.slice(header.dataFrom)) {
    const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
    if (filled.length === 0 || isColumnNumbersRow(cells)) continue;
    const number = stageNumber(cells[header.numberCol]);
    if (number === undefined) {
      const text = oneLine(filled.join(' '));
      if (NOTE.test(text)) notes.push(text.replace(/[,;]$/u, ''));
      else findings.push(finding('plan-row-unnumbered', 'warning', { row }, { text: text.length > 80 ? `${text.slice(0, 79)}…` : text }));
      continue;
    }
    const first = seen.get(number);
    if (first !== undefined) {
      findings.push(finding('plan-stage-duplicate', 'error', { row }, { stage: number, first }));
      continue;
    }
    seen.set(number, row);

    const executors: StageExecutor[] = [];
    const layout = header.layout;
    if (layout.kind === 'executor-columns') {
      for (const { index, name } of layout.columns) {
        const text = oneLine(cells[index] ?? '');
        if (text === '') continue;
        const column = columnLetter(index);
        checkDate(text, { row, column }, number, name);
        executors.push({ ...stageExecutor(name, text, year), column });
      }
    } else {
      const text = oneLine(cells[layout.dateCol] ?? '');
      const column = columnLetter(layout.dateCol);
      const names = splitExecutors(cells[layout.responsibleCol] ?? '');
      if (names.length > 0) checkDate(text, { row, column }, number, names.join(', '));
      for (const name of names) executors.push({ ...stageExecutor(name, text, year), column });
    }
    if (executors.length === 0) findings.push(finding('plan-stage-no-executor', 'warning', { row }, { stage: number }));
    stages.push({ number, text: multiLine(cells[header.textCol] ?? ''), executors, row });
  }

  const plan: Plan = {
    id: options.id ?? 'imported',
    title: options.title ?? titleFrom(rows.slice(0, header.at)),
    campaign_year: year,
    stages,
  };
  if (header.layout.kind === 'executor-columns') plan.executor_columns = header.layout.columns.map((c) => c.name);
  if (notes.length > 0) plan.notes = notes;
  return { plan, findings };
}
