/**
 * The library's error as a sentence that says what was found and what was expected (its own
 * summaries, such as "Unexpected token: EOF", name a token class, not what to write).
 */
export function describeCelError(err: unknown, text: string): string {
  const summary = String((err as { summary?: string } | undefined)?.summary ?? (err as Error | undefined)?.message ?? err).split('\n', 1)[0]!;
  const start = (err as { range?: { start: number } } | undefined)?.range?.start ?? 0;
  const found = text.slice(start).match(/^\S+/)?.[0];
  let m: RegExpMatchArray | null;
  if (/^Unexpected token: EOF/.test(summary)) return 'the query ends too early: expected a value, a field or a closing bracket';
  if ((m = summary.match(/^Unexpected character: (.*)$/))) {
    if (m[1] === '=') return 'found "=": expected "==" to compare (or Sentinel\'s field=value syntax in --filter)';
    if (m[1] === '&' || m[1] === '|') return `found "${m[1]}": expected "${m[1]}${m[1]}"`;
    return `found "${m[1]}": expected an operator, a value or a field`;
  }
  if ((m = summary.match(/^Unexpected token: (.*)$/))) return `found ${found ? `"${found}"` : m[1]}: expected a value or a field`;
  if ((m = summary.match(/^Unknown variable: (.*)$/)) || (m = summary.match(/^Unknown (?:identifier|variable)[: ]+(\S+)/))) {
    return `unknown variable ${m[1]}: expected one of entry_type, transaction_id, collection, document_id, timestamp, time, size, segment, offset, transaction_status, damaged, data`;
  }
  if ((m = summary.match(/^no such overload: (.*)$/))) return `no such comparison: ${m[1]} (the two sides' types never meet)`;
  if (/^Unterminated string/.test(summary)) return 'unterminated string: expected a closing quote';
  return summary.replace(/^./, (c) => c.toLowerCase());
}
