/** Options shared by several commands: their declaration and their parsing. */
import { InvalidArgumentError, type Command } from 'commander';
import { say, type Runtime } from './action.js';
import { z } from 'zod';
import type { OpenOptions } from '../io/sheets/types.js';

/** `--map field=COLUMN`, repeatable, into an object. */
export function collectMap(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError('field=COLUMN (e.g. price=H or "price=Цена, руб.")');
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

/**
 * The schema of the flags `readerFlags` declares; a command extends it with its own options (a command
 * declared with `{ map: false }` omits `map`).
 */
export const readerOptions = z.object({
  sheet: z.string().optional(),
  map: z.record(z.string(), z.string()).optional(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
});
export type ReaderOptions = z.output<typeof readerOptions>;

/** Reader options common to every command that reads a file. */
export function readOptions(opts: Pick<ReaderOptions, 'encoding' | 'delimiter'>): OpenOptions {
  const out: OpenOptions = {};
  if (opts.encoding !== undefined) out.encoding = opts.encoding;
  if (opts.delimiter !== undefined) out.delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  return out;
}

/**
 * The flags of every command that reads a spreadsheet: `--sheet`, `--map` (unless the command finds
 * its columns itself), `--encoding` and `--delimiter`; `readOptions` and `collectMap` read them back.
 */
export function readerFlags(cmd: Command, rt: Runtime, opts: { map?: boolean; fields?: string[]; sheet?: [ru: string, en: string] } = {}): Command {
  const fields = opts.fields ? ` (${opts.fields.join(', ')})` : '';
  cmd.option('--sheet <name>', say(rt, ...(opts.sheet ?? ['лист книги', 'workbook sheet'])));
  if (opts.map !== false) {
    cmd.option(
      '--map <field=column>',
      say(rt, `где поле${fields}: буква столбца или текст заголовка (можно несколько)`, `where a field is${fields}: column letter or header text (repeatable)`),
      collectMap,
    );
  }
  return cmd
    .option('--encoding <name>', say(rt, 'кодировка CSV (иначе определяется)', 'CSV encoding (detected otherwise)'))
    .option('--delimiter <char>', say(rt, 'разделитель CSV (иначе определяется)', 'CSV delimiter (detected otherwise)'));
}
