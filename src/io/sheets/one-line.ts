/**
 * Text taken from a file (a sheet name, a cell value, a piece of XML) as a parameter of a message that
 * must stay on one line (docs/architecture.md#conventions: an unreadable file is one line on stderr). Line breaks, tabs and
 * other control characters become single spaces, and a long text is cut.
 */
export function oneLine(text: string, max = 200): string {
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  if (s.length <= max) return s;
  // not between the two halves of a surrogate pair
  const cut = /[\ud800-\udbff]/.test(s.charAt(max - 2)) ? max - 2 : max - 1;
  return `${s.slice(0, cut)}…`;
}
