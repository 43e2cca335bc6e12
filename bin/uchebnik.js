#!/usr/bin/env node
// A bare `--version` needs nothing but the version: answered before loading the program (its modules
// are most of a start's 100 ms budget; bench/README.md). Same output as commander's `-V, --version`.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { start } = await import('../dist/main.js');
  await start();
}
