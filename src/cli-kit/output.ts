/**
 * Where a command writes the file the user named with `--out`: resolved against the working folder,
 * its folder made; a folder that cannot be made is `workspace.write-failed` naming it (exit 4,
 * src/io/workspace/io.ts makeDirsSync), not a stack trace at the first write.
 */
import path from 'node:path';
import type { Ctx } from './context.js';
import { makeDirsSync } from '../io/workspace/io.js';

export function outputFile(ctx: Ctx, out: string): string {
  const file = path.resolve(ctx.cwd, out);
  makeDirsSync(path.dirname(file));
  return file;
}
