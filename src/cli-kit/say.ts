/**
 * A help text in the language `--help` is shown in. Kept apart from action.ts, which loads the message
 * catalogue through the Ctx: the program's own `--help` needs only these and commander (issue 20:
 * start-up within 100 ms, bench/README.md).
 */
import type { Lang } from '../core/i18n/catalog.js';

/** What the helpers need of the Runtime (src/cli-kit/action.ts). */
type HelpRuntime = { helpLang: Lang };

/** A description in both languages; --help shows the one the user reads. */
export function say(rt: HelpRuntime, ru: string, en: string): string {
  return rt.helpLang === 'en' ? en : ru;
}

/** The «Examples» block that leads each command's help (clig.dev: lead with examples). */
export function examples(rt: HelpRuntime, lines: string[]): string {
  return `\n${say(rt, 'Примеры', 'Examples')}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
