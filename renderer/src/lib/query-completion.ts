import { WHERE_VARIABLES } from '../contract.js';

export interface Completion {
  /** Where the replaced text starts (the word being typed). */
  readonly from: number;
  readonly items: readonly string[];
}

/**
 * What may complete the word before `cursor`: variable names, or after `data.` (and deeper)
 * the data key paths the service sampled (query.fields) one level at a time.
 */
export function completeAt(text: string, cursor: number, dataPaths: readonly string[]): Completion {
  const before = text.slice(0, cursor);
  // Inside a string literal nothing is completed.
  if (((before.match(/"/g)?.length ?? 0) % 2) === 1) return { from: cursor, items: [] };
  const m = before.match(/([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]*)*)$/);
  if (!m) return { from: cursor, items: [] };
  const word = m[1]!;
  const from = cursor - word.length;
  if (from > 0 && before[from - 1] === '.') return { from: cursor, items: [] };
  if (word.startsWith('data.')) {
    const path = word.slice(5);
    const dot = path.lastIndexOf('.');
    const parent = dot < 0 ? '' : path.slice(0, dot + 1);
    const seen = new Set<string>();
    const items: string[] = [];
    for (const p of dataPaths) {
      if (!p.startsWith(path) || !p.startsWith(parent)) continue;
      const rest = p.slice(parent.length);
      const next = parent + rest.split('.')[0]!;
      if (next === path || seen.has(next)) continue;
      seen.add(next);
      items.push(`data.${next}`);
    }
    return { from, items: items.slice(0, 50) };
  }
  if (word.includes('.')) return { from: cursor, items: [] };
  const items = WHERE_VARIABLES.map((v) => v.name).filter((n) => n.startsWith(word) && n !== word);
  return { from, items };
}
