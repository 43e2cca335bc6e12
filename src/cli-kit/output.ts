/**
 * Where a command writes the file the user named with `--out`: resolved against the working folder,
 * its folder made; a folder that cannot be made is a usage error naming the file (exit 2), not a
 * stack trace at the first write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Ctx } from './context.js';

export function outputFile(ctx: Ctx, out: string): string {
  const file = path.resolve(ctx.cwd, out);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (err) {
    throw new UsageError('common.out-unwritable', { file: out, reason: (err as Error).message });
  }
  return file;
}
