/** Where a text search in data matches a stored text, as the service matches it. */
export interface TextMatchQuery {
  readonly text: string;
  readonly caseSensitive: boolean;
  readonly regex: boolean;
}

/** ASCII-only lowercasing, as the service folds (letters outside ASCII match only themselves). */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/**
 * [start, end) ranges (UTF-16 indexes) of the matches in `stored`, in order, not overlapping,
 * at most `max`. An invalid regular expression matches nothing (the service refuses it).
 */
export function textMatchRanges(stored: string, q: TextMatchQuery, max = 1000): [number, number][] {
  const out: [number, number][] = [];
  if (!q.text) return out;
  if (q.regex) {
    let re: RegExp;
    try {
      re = new RegExp(q.text, q.caseSensitive ? 'gu' : 'giu');
    } catch {
      return out;
    }
    for (const m of stored.matchAll(re)) {
      if (m[0].length === 0) continue;
      out.push([m.index, m.index + m[0].length]);
      if (out.length >= max) break;
    }
    return out;
  }
  const hay = q.caseSensitive ? stored : foldAscii(stored);
  const needle = q.caseSensitive ? q.text : foldAscii(q.text);
  for (let at = hay.indexOf(needle); at >= 0 && out.length < max; at = hay.indexOf(needle, at + needle.length)) out.push([at, at + needle.length]);
  return out;
}
