/**
 * A small structural JSON diff for recovery previews: it walks both values side by side and
 * yields pretty-printed lines, each marked as unchanged, added or removed, so a person sees a
 * document's before and after the way a code review shows a file.
 *
 * `undefined` means "no document" (an insert has no before, a delete no after). Numbers are
 * LosslessNumber (their text), compared by text as serde_json compares them.
 */
import { LosslessNumber, scalarJson } from './lossless-json.js';

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffLine {
  readonly kind: DiffKind;
  readonly depth: number;
  readonly text: string;
}

export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
}

type JsonObject = { readonly [key: string]: unknown };

/** Arrays longer than this (product of both lengths) are compared index by index. */
const LCS_CELL_LIMIT = 40_000;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof LosslessNumber) return b instanceof LosslessNumber && a.text === b.text;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

function scalarText(value: unknown): string {
  if (value === undefined) return 'undefined';
  return scalarJson(value);
}

/** Pretty-prints one value as lines of a single kind. */
function emitValue(out: DiffLine[], prefix: string, value: unknown, depth: number, kind: DiffKind): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push({ kind, depth, text: `${prefix}[]` });
      return;
    }
    out.push({ kind, depth, text: `${prefix}[` });
    for (const item of value) emitValue(out, '', item, depth + 1, kind);
    out.push({ kind, depth, text: ']' });
    return;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push({ kind, depth, text: `${prefix}{}` });
      return;
    }
    out.push({ kind, depth, text: `${prefix}{` });
    for (const key of keys) emitValue(out, `${JSON.stringify(key)}: `, value[key], depth + 1, kind);
    out.push({ kind, depth, text: '}' });
    return;
  }
  out.push({ kind, depth, text: `${prefix}${scalarText(value)}` });
}

function diffObjects(out: DiffLine[], prefix: string, a: JsonObject, b: JsonObject, depth: number): void {
  out.push({ kind: 'same', depth, text: `${prefix}{` });
  for (const key of Object.keys(a)) {
    const keyPrefix = `${JSON.stringify(key)}: `;
    if (Object.hasOwn(b, key)) diffValues(out, keyPrefix, a[key], b[key], depth + 1);
    else emitValue(out, keyPrefix, a[key], depth + 1, 'removed');
  }
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) emitValue(out, `${JSON.stringify(key)}: `, b[key], depth + 1, 'added');
  }
  out.push({ kind: 'same', depth, text: '}' });
}

type ArrayStep = { op: 'same' | 'removed' | 'added'; a?: number; b?: number };

/** Longest common subsequence alignment of two arrays by deep equality. */
function alignArrays(a: readonly unknown[], b: readonly unknown[]): ArrayStep[] {
  const n = a.length;
  const m = b.length;
  if (n * m > LCS_CELL_LIMIT) {
    const steps: ArrayStep[] = [];
    for (let i = 0; i < Math.max(n, m); i++) {
      if (i < n && i < m && jsonEqual(a[i], b[i])) steps.push({ op: 'same', a: i, b: i });
      else {
        if (i < n) steps.push({ op: 'removed', a: i });
        if (i < m) steps.push({ op: 'added', b: i });
      }
    }
    return steps;
  }
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = jsonEqual(a[i], b[j])
        ? table[at(i + 1, j + 1)]! + 1
        : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
    }
  }
  const steps: ArrayStep[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (jsonEqual(a[i], b[j])) steps.push({ op: 'same', a: i++, b: j++ });
    else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) steps.push({ op: 'removed', a: i++ });
    else steps.push({ op: 'added', b: j++ });
  }
  while (i < n) steps.push({ op: 'removed', a: i++ });
  while (j < m) steps.push({ op: 'added', b: j++ });
  return steps;
}

function isContainer(value: unknown): boolean {
  return Array.isArray(value) || isPlainObject(value);
}

function diffArrays(out: DiffLine[], prefix: string, a: readonly unknown[], b: readonly unknown[], depth: number): void {
  out.push({ kind: 'same', depth, text: `${prefix}[` });
  const steps = alignArrays(a, b);
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (step.op === 'same') {
      emitValue(out, '', a[step.a!], depth + 1, 'same');
      continue;
    }
    // A removed container followed by an added one is shown as an edit of the same element.
    const next = steps[k + 1];
    if (step.op === 'removed' && next?.op === 'added' && isContainer(a[step.a!]) && isContainer(b[next.b!])) {
      diffValues(out, '', a[step.a!], b[next.b!], depth + 1);
      k++;
      continue;
    }
    if (step.op === 'removed') emitValue(out, '', a[step.a!], depth + 1, 'removed');
    else emitValue(out, '', b[step.b!], depth + 1, 'added');
  }
  out.push({ kind: 'same', depth, text: ']' });
}

function diffValues(out: DiffLine[], prefix: string, a: unknown, b: unknown, depth: number): void {
  if (jsonEqual(a, b)) {
    emitValue(out, prefix, a, depth, 'same');
  } else if (isPlainObject(a) && isPlainObject(b)) {
    diffObjects(out, prefix, a, b, depth);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(out, prefix, a, b, depth);
  } else {
    if (a !== undefined) emitValue(out, prefix, a, depth, 'removed');
    if (b !== undefined) emitValue(out, prefix, b, depth, 'added');
  }
}

/** The lines of the diff from `before` to `after`; `undefined` stands for "no document". */
export function diffJson(before: unknown, after: unknown): DiffLine[] {
  const out: DiffLine[] = [];
  diffValues(out, '', before, after, 0);
  return out;
}

export function summarizeDiff(lines: readonly DiffLine[]): DiffSummary {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return { added, removed };
}

export type DiffChunk =
  | { readonly type: 'lines'; readonly start: number; readonly lines: readonly DiffLine[] }
  | { readonly type: 'folded'; readonly start: number; readonly count: number };

/**
 * Groups lines for display: runs of unchanged lines longer than `2 * context + 1` are folded,
 * keeping `context` lines on each side of every change.
 */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): DiffChunk[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = 1;
  });
  const chunks: DiffChunk[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const kept = keep[i] === 1;
    while (i < lines.length && (keep[i] === 1) === kept) i++;
    if (kept || i - start <= 2) chunks.push({ type: 'lines', start, lines: lines.slice(start, i) });
    else chunks.push({ type: 'folded', start, count: i - start });
  }
  return chunks;
}
