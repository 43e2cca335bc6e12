/** Option parsers shared by several commands. */
import { InvalidArgumentError } from 'commander';
import type { OpenOptions } from '../sheets/types.js';

/** `--map field=COLUMN`, repeatable, into an object. */
export function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError('field=COLUMN (e.g. price=H or "price=Цена, руб.")');
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

/** Reader options common to every command that reads a file. */
export function readOptions(opts: Record<string, unknown>): OpenOptions {
  const out: OpenOptions = {};
  if (typeof opts.encoding === 'string') out.encoding = opts.encoding;
  if (typeof opts.delimiter === 'string') out.delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  return out;
}
