/**
 * Command lines printed for the user to run (a refusal's «the command that reads the file»): each word
 * as a POSIX shell reads it back — bare when it is letters, digits and `_./:=@%+,-`, else in single
 * quotes. Cyrillic file names stay readable; a space, `;`, `?` or a quote is quoted.
 */
export function shellQuote(s: string): string {
  return /^[\p{L}\p{N}_./:=@%+,-]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
