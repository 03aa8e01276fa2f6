import { WHERE_VARIABLES } from '../contract.js';

export type TokenKind = 'variable' | 'field' | 'function' | 'string' | 'number' | 'keyword' | 'operator' | 'punct' | 'space' | 'other';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
}

const VARIABLES = new Set<string>(WHERE_VARIABLES.map((v) => v.name));
const KEYWORDS = new Set(['true', 'false', 'null', 'in']);
const PATTERNS: readonly [TokenKind, RegExp][] = [
  ['space', /\s+/y],
  ['string', /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/y],
  ['number', /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?u?/y],
  ['other', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['operator', /==|!=|<=|>=|&&|\|\||[<>!?:+\-*/%]/y],
  ['punct', /[()[\]{},.]/y],
];

/** CEL text as tokens for highlighting: a lexer for colour only (the service parses for real). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  while (at < text.length) {
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      let k = kind;
      if (kind === 'other') {
        const prev = out.filter((t) => t.kind !== 'space').at(-1);
        const next = text.slice(at + m[0].length).trimStart();
        if (prev?.text === '.') k = next.startsWith('(') ? 'function' : 'field';
        else if (KEYWORDS.has(m[0])) k = 'keyword';
        else if (VARIABLES.has(m[0])) k = 'variable';
        else if (next.startsWith('(')) k = 'function';
      }
      out.push({ kind: k, text: m[0], start: at });
      at += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      out.push({ kind: 'other', text: text[at]!, start: at });
      at++;
    }
  }
  return out;
}
