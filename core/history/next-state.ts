import { deepMerge, parseJson, toCompactText } from '../json/index.js';

/** A document's state as text: its JSON data, or null when absent. */
export type StateText = string | null;

export type NextState =
  | { readonly ok: true; readonly state: StateText }
  /** The entry's data is missing or not JSON as serde_json reads it: the state after it is unknown. */
  | { readonly ok: false; readonly reason: string };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** deepMerge(prev, incoming) equals incoming: every key of prev is in incoming, recursively where both are objects. */
function mergeIsIncoming(prev: unknown, incoming: unknown): boolean {
  if (!isPlainObject(prev) || !isPlainObject(incoming)) return true;
  for (const key of Object.keys(prev)) {
    if (!hasOwn(incoming, key)) return false;
    if (!mergeIsIncoming(prev[key], incoming[key])) return false;
  }
  return true;
}

// Where JSON.parse accepts what serde_json refuses: escaped surrogates (a lone one is refused) and deep nesting.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const DEEP = 100;

function nestingAtMost(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return true;
}

/** JSON.parse's answer when it is serde_json's too (same values, same keys), else undefined. */
function nativeParse(text: string): { value: unknown } | undefined {
  if (SURROGATE_ESCAPE.test(text) || !nestingAtMost(text, DEEP)) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function strictMerge(prev: string, data: string): NextState {
  const a = parseJson(prev);
  const b = parseJson(data);
  if (!b.ok) return { ok: false, reason: `invalid JSON in update: ${b.message}` };
  if (!a.ok) return { ok: false, reason: `invalid JSON in the state before: ${a.message}` };
  return { ok: true, state: toCompactText(deepMerge(a.value, b.value)) };
}

/** The data of an Insert or Update as a state: checked as serde_json checks it. */
function checkedData(data: string, what: string): NextState {
  if (nativeParse(data) !== undefined) return { ok: true, state: data };
  const r = parseJson(data);
  return r.ok ? { ok: true, state: data } : { ok: false, reason: `invalid JSON in ${what}: ${r.message}` };
}

/**
 * The state after one entry, from the state before it (FORMAT.md, "The store"): Insert → its
 * data; Update → the deep merge of the state and the data; Delete → absent. Sentinel's
 * Updates carry the whole document, so the merge is usually the data itself: that case is
 * found with the built-in JSON.parse (where it reads as serde_json does) and keeps the data's
 * text; any other merge is computed exactly. An Update of an absent document takes its data.
 */
export function nextState(prev: StateText, entryType: 'Insert' | 'Update' | 'Delete', data: string | null): NextState {
  if (entryType === 'Delete') return { ok: true, state: null };
  if (data === null) return { ok: false, reason: `${entryType} without data` };
  if (entryType === 'Insert' || prev === null) return checkedData(data, entryType === 'Insert' ? 'insert' : 'update');
  const incoming = nativeParse(data);
  const before = incoming !== undefined ? nativeParse(prev) : undefined;
  if (incoming !== undefined && before !== undefined && mergeIsIncoming(before.value, incoming.value)) return { ok: true, state: data };
  return strictMerge(prev, data);
}
