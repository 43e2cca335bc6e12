/** Entry point (bin/uchebnik.js imports this): the only place that ends the process. */
import { main } from './cli/main.js';

// `uchebnik … | head` closes stdout early; that is the reader's choice, not our failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

const code = await main(process.argv, { stdout: process.stdout, stderr: process.stderr }, process.env, process.cwd());
// Let buffered output drain before leaving; a pending timer or handle must not keep us alive.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
