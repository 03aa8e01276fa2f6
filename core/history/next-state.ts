import { deepMerge, parseJson, toCompactText } from '../json/index.js';
import { shapeSignature } from './shape-signature.js';

/** A document's state as text: its JSON data, or null when absent. */
export type StateText = string | null;

/**
 * The object keys of a state, nested where the value is an object (0: any other value): what
 * deciding a merge needs, kept instead of the parsed state. Undefined: not known (parse the text).
 */
export type StateShape = { readonly [key: string]: StateShape | 0 };

export type NextState =
  /** `signature`: the state's shapeSignature when known (give it back next time, as the shape). */
  | { readonly ok: true; readonly state: StateText; readonly shape?: StateShape | undefined; readonly signature?: string | undefined }
  /** The entry's data is missing or not JSON as serde_json reads it: the state after it is unknown. */
  | { readonly ok: false; readonly reason: string };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape of a parsed value; 0 for anything but an object. */
export function shapeOf(value: unknown): StateShape | 0 {
  if (!isPlainObject(value)) return 0;
  const out: Record<string, StateShape | 0> = Object.create(null) as Record<string, StateShape | 0>;
  for (const key of Object.keys(value)) out[key] = shapeOf(value[key]);
  return out;
}

/** deepMerge(prev, incoming) equals incoming: every key of prev is in incoming, recursively where both are objects. */
function mergeIsIncoming(prev: StateShape | 0, incoming: unknown): boolean {
  if (prev === 0 || !isPlainObject(incoming)) return true;
  for (const key in prev) {
    if (!hasOwn(incoming, key)) return false;
    if (!mergeIsIncoming(prev[key]!, incoming[key])) return false;
  }
  return true;
}

// Where JSON.parse accepts what serde_json refuses: escaped surrogates (a lone one is refused) and deep nesting.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const DEEP = 100;

/** The value nests at most `limit` arrays/objects deep (walks the nodes, not the characters: long strings cost nothing). */
function nestingAtMost(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (limit === 0) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!nestingAtMost(v, limit - 1)) return false;
    return true;
  }
  for (const k in value) if (!nestingAtMost((value as Record<string, unknown>)[k], limit - 1)) return false;
  return true;
}

/** JSON.parse's answer when it is serde_json's too (same values, same keys), else undefined. */
function nativeParse(text: string): { value: unknown } | undefined {
  if (SURROGATE_ESCAPE.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  return nestingAtMost(value, DEEP) ? { value } : undefined;
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
  const native = nativeParse(data);
  if (native !== undefined) return { ok: true, state: data, shape: objectShape(native.value) };
  const r = parseJson(data);
  return r.ok ? { ok: true, state: data } : { ok: false, reason: `invalid JSON in ${what}: ${r.message}` };
}

const objectShape = (v: unknown): StateShape | undefined => {
  const s = shapeOf(v);
  return s === 0 ? undefined : s;
};

function shapeOfText(text: string): StateShape | undefined {
  const native = nativeParse(text);
  return native === undefined ? undefined : objectShape(native.value);
}

/**
 * The state after one entry (FORMAT.md, "The store"): Insert → its data; Update → the deep
 * merge of the state and the data; Delete → absent. Sentinel's Updates carry the whole
 * document, so the merge is usually the data itself: first found without parsing, when the
 * data's key signature (shape-signature.ts) equals the state's (`prevSignature`); else with
 * the built-in JSON.parse (where it reads as serde_json does), keeping the data's text; any
 * other merge is computed exactly. An Update of an absent document takes its data.
 * `prevShape` / `prevSignature`, when known, save parsing the state before (give back the
 * result's next time).
 */
export function nextState(prev: StateText, entryType: 'Insert' | 'Update' | 'Delete', data: string | null, prevShape?: StateShape, prevSignature?: string): NextState {
  if (entryType === 'Delete') return { ok: true, state: null };
  if (data === null) return { ok: false, reason: `${entryType} without data` };
  // Defined only for a text JSON.parse reads as serde_json would: checkedData's first branch, without the parse.
  const signature = shapeSignature(data);
  if (entryType === 'Insert' || prev === null) return signature !== undefined ? { ok: true, state: data, signature } : checkedData(data, entryType === 'Insert' ? 'insert' : 'update');
  if (signature !== undefined && signature === prevSignature) return { ok: true, state: data, signature };
  const incoming = nativeParse(data);
  if (incoming !== undefined) {
    const before = prevShape ?? shapeOfText(prev);
    // No shape: the state is not an object (it has no keys to keep), or does not read natively (merge exactly).
    if (before !== undefined ? mergeIsIncoming(before, incoming.value) : !/^\s*\{/.test(prev)) {
      return { ok: true, state: data, shape: objectShape(incoming.value), signature };
    }
  }
  const merged = strictMerge(prev, data);
  return merged.ok && merged.state !== null ? { ...merged, shape: shapeOfText(merged.state), signature: shapeSignature(merged.state) } : merged;
}
