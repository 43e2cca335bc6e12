// Child process for the cross-process workspace tests. It imports the sources transpiled by
// workspace-compile.ts (given as the first argument), so it always runs the current code.
//   node workspace-child.mjs COMPILED hold-lock ROOT COMMAND   holds the lock until killed
//   node workspace-child.mjs COMPILED write-loop FILE A B      rewrites FILE with A, B, A, … until killed
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [compiled, mode, ...args] = process.argv.slice(2);
const load = (module) => import(pathToFileURL(join(compiled, 'io', 'workspace', module)).href);

// Never outlive a test run that died without killing us.
setTimeout(() => process.exit(3), 30_000);

if (mode === 'hold-lock') {
  const { withLock } = await load('lock.js');
  const [root, command] = args;
  await withLock(root, command, async () => {
    process.stdout.write('locked\n');
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  });
} else if (mode === 'write-loop') {
  const { writeFileAtomic } = await load('atomic.js');
  const [file, a, b] = args;
  const contents = [readFileSync(a), readFileSync(b)];
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) await writeFileAtomic(file, contents[i % 2]);
} else {
  throw new Error(`unknown mode ${mode}`);
}
