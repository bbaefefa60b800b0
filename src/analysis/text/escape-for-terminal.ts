/**
 * Text from the assembly (construct ids, Sids, artifact ids, file names) reaches the terminal: in the command line's
 * table and error lines, and in the lines the checker prints during `cdk synth`. The CDK accepts any character in a construct id, so a template can hold ESC sequences (colours,
 * cursor moves, window titles), CR or LF (a forged "PASSED" line), NUL, DEL, C1 controls and Unicode bidi
 * overrides (text that reads differently than it is, "Trojan Source"). Every such character is printed as a
 * visible escape instead: `\x1b`, `\x0a`, `\u202e`. JSON and SARIF output keep the raw strings: JSON escaping
 * already makes them inert there.
 */

/**
 * C0 controls (tab and LF included: a table cell and an error line are one line), DEL and C1 controls, the Unicode
 * line and paragraph separators, and the bidi controls: ALM, LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
 */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control and bidi character replaced by a visible escape (`\x1b`, `\u202e`). */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, visibleEscape);
}

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}
