/**
 * Text from a log (ids, data, segment and file names, messages quoting them) is shown to a
 * person's terminal, and a terminal obeys what it receives: ESC [2J clears the screen, OSC 0 sets
 * the window title, OSC 8 makes links, C1 controls (U+009B is a one-character CSI) do the same
 * without ESC, and bidi overrides reorder what the line appears to say. Every human output
 * goes through here so that such characters arrive as visible escapes, never as themselves.
 * Machine output (--json, jsonl) keeps the exact text: JSON escapes C0 itself, and its readers
 * are programs.
 */

// C0, DEL, C1; the bidi marks, embeddings, overrides and isolates; line and paragraph separators.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// The same without \n, for whole reports whose line breaks are ours.
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One field (an id, a name, data) with every control character shown as an escape (`\x1b`, `\u202e`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** A report of several lines: the same, except that its own line breaks stay line breaks. */
export function escapeControlsInLines(text: string): string {
  return text.replace(CONTROLS_BUT_NEWLINE, visible);
}
