/**
 * Literals one of which every match of a regular expression contains, so that a text search
 * runs the expression only on entries whose raw bytes hold one (text-search-run.ts). The
 * pattern has already compiled with the `u` flag (and `i` without case), whose stricter
 * grammar (no lone `{`, `}` or `]`, no `\` before a letter it does not define) this relies on.
 * Anything not understood gives no literal, and the search tests every entry.
 */
export interface RegexLiteral {
  /** The run's characters (one code point each). */
  readonly text: string;
  /** Matched without ASCII case: then `text` is ASCII, lower case, and holds no s or k. */
  readonly folded: boolean;
}

/**
 * ASCII characters that `/x/iu` matches beyond their two ASCII cases: `s` matches ſ (U+017F)
 * and `k` the Kelvin sign (U+212A), so a folded byte search for either could miss a match.
 * test/core/inspector/query/regex-literal.test.ts checks this against every code point.
 */
export const FOLDS_BEYOND_ASCII = 'sk';

/** A group that is not understood (a modifier group such as `(?i:…)`, or a syntax this parser does not know). */
class Unknown extends Error {}

interface Scan {
  /** Per branch of the sequence's alternation (one without), the runs every match of that branch contains. */
  readonly branches: string[][];
  /** Index of the `)` closing the group, or the pattern's length. */
  readonly end: number;
}

/**
 * Literals one of which every match of `pattern` contains: the longest run (of two characters
 * or more) of each branch of its top-level alternation (one without), or null when a branch
 * has none.
 */
export function requiredLiterals(pattern: string, caseSensitive: boolean): RegexLiteral[] | null {
  let scan: Scan;
  try {
    scan = scanSequence(pattern, 0, caseSensitive);
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
  if (scan.end !== pattern.length) return null; // a stray `)`: never valid, but never trusted either
  const texts = new Set<string>();
  for (const runs of scan.branches) {
    let best = '';
    for (const run of runs) if ([...run].length > [...best].length) best = run;
    if ([...best].length < 2) return null;
    texts.add(caseSensitive ? best : best.toLowerCase());
  }
  return [...texts].map((text) => ({ text, folded: !caseSensitive }));
}

/** Whether a literal character may stand in a run: any code point with case, only ASCII outside s/k without. */
function usable(ch: string, caseSensitive: boolean): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return false; // a lone surrogate: never in decoded UTF-8 data
  if (caseSensitive) return true;
  return cp < 0x80 && !FOLDS_BEYOND_ASCII.includes(ch.toLowerCase());
}

/** The smallest count of the quantifier at `i` (1 when there is none) and the index after it. */
function quantifier(p: string, i: number): { min: number; next: number } {
  let min: number;
  let j = i + 1;
  const c = p[i];
  if (c === '*' || c === '?') min = 0;
  else if (c === '+') min = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(p.slice(i));
    if (!m) throw new Unknown();
    min = Number(m[1]);
    j = i + m[0].length;
  } else return { min: 1, next: i };
  if (p[j] === '?') j++; // lazy
  return { min, next: j };
}

/** The index after the character class opening at `i` (`[` … `]`). */
function skipClass(p: string, i: number): number {
  for (let j = i + 1; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']') return j + 1;
  }
  throw new Unknown();
}

/**
 * The escape at `i` (a `\`): the literal character it stands for (a syntax character escaped),
 * or null for a class, an assertion, a back reference or a character given by code; and the
 * index after it.
 */
function escape(p: string, i: number): { ch: string | null; next: number; atom: boolean } {
  const c = p[i + 1];
  if (c === undefined) throw new Unknown();
  if (c === 'b' || c === 'B') return { ch: null, next: i + 2, atom: false };
  if ('^$\\.*+?()[]{}|/'.includes(c)) return { ch: c, next: i + 2, atom: true };
  if (c === 'p' || c === 'P' || c === 'k' || (c === 'u' && p[i + 2] === '{')) {
    const close = p.indexOf(c === 'k' ? '>' : '}', i + 2);
    if (close < 0) throw new Unknown();
    return { ch: null, next: close + 1, atom: true };
  }
  if (c === 'u') return { ch: null, next: i + 6, atom: true };
  if (c === 'x') return { ch: null, next: i + 4, atom: true };
  if (c === 'c') return { ch: null, next: i + 3, atom: true };
  if (c >= '0' && c <= '9') {
    let j = i + 1;
    while (j < p.length && p[j]! >= '0' && p[j]! <= '9') j++;
    return { ch: null, next: j, atom: true };
  }
  if ('dDwWsSnrtfv-'.includes(c)) return { ch: null, next: i + 2, atom: true };
  throw new Unknown();
}

/**
 * Scans the sequence from `i` up to the `)` closing its group (or the end): per branch of its
 * alternation, the runs of literal characters every match of that branch contains.
 */
function scanSequence(p: string, i: number, caseSensitive: boolean): Scan {
  const branches: string[][] = [[]];
  let runs = branches[0]!;
  let run = '';
  const flush = () => {
    if (run !== '') runs.push(run);
    run = '';
  };
  while (i < p.length) {
    const c = p[i]!;
    if (c === ')') break;
    if (c === '|') {
      flush();
      branches.push((runs = []));
      i++;
      continue;
    }
    if (c === '^' || c === '$') {
      flush();
      i++;
      continue;
    }
    if (c === '(') {
      flush();
      let body = i + 1;
      let keeps = true;
      if (p[body] === '?') {
        const kind = p[body + 1];
        // A lookaround consumes nothing: what it holds need not be in the match.
        const look = kind === '=' || kind === '!' ? 2 : kind === '<' && (p[body + 2] === '=' || p[body + 2] === '!') ? 3 : 0;
        if (kind === ':') body += 2;
        else if (look > 0) {
          keeps = false;
          body += look;
        } else if (kind === '<') {
          const close = p.indexOf('>', body);
          if (close < 0) throw new Unknown();
          body = close + 1;
        } else throw new Unknown();
      }
      const inner = scanSequence(p, body, caseSensitive);
      if (p[inner.end] !== ')') throw new Unknown();
      const q = quantifier(p, inner.end + 1);
      // A group with one branch: its runs are required; with several, none of them is.
      if (keeps && q.min >= 1 && inner.branches.length === 1) runs.push(...inner.branches[0]!);
      i = q.next;
      continue;
    }
    let ch: string | null;
    let next: number;
    if (c === '[') {
      ch = null;
      next = skipClass(p, i);
    } else if (c === '.') {
      ch = null;
      next = i + 1;
    } else if (c === '\\') {
      const e = escape(p, i);
      if (!e.atom) {
        flush();
        i = e.next;
        continue;
      }
      ({ ch, next } = e);
    } else if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') {
      throw new Unknown(); // a quantifier with nothing before it: not valid with `u`
    } else {
      ch = String.fromCodePoint(p.codePointAt(i)!);
      next = i + ch.length;
    }
    const q = quantifier(p, next);
    if (ch !== null && q.min >= 1 && usable(ch, caseSensitive)) {
      run += ch;
      // Repeated: the run holds it once, and what follows comes after the repeats.
      if (q.next !== next) flush();
    } else {
      flush();
    }
    i = q.next;
  }
  flush();
  return { branches, end: i };
}
