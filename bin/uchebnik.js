#!/usr/bin/env node
// A bare `--version` needs nothing but the version, and a bare `--help` to a pipe nothing but the
// program's help as commander prints it at 80 columns (kept in src/cli-kit/program-help.ts, checked
// against commander by test/cli/program-help.test.ts): both are answered before the program loads
// (its modules are most of a start's 100 ms budget; bench/README.md). A terminal gets commander's
// help at its own width.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else if (args.length === 1 && (args[0] === '--help' || args[0] === '-h') && !process.stdout.isTTY) {
  const [{ PROGRAM_HELP }, { parseLang }] = await Promise.all([import('../dist/cli-kit/program-help.js'), import('../dist/core/i18n/catalog.js')]);
  process.stdout.write(PROGRAM_HELP[parseLang(process.env.UCHEBNIK_LANG) ?? 'ru']);
} else {
  const { start } = await import('../dist/main.js');
  await start();
}
