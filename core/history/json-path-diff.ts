import { cloneJson, jsonEquals, JsonObject, type JsonValue } from '../json/index.js';

/** A path into a document: object keys from the root (arrays are compared and replaced whole). */
export type JsonPath = readonly string[];

/**
 * One step of the difference between two states of a document. `create` / `delete` are the
 * whole document appearing or disappearing (path `[]`); `set` / `remove` one key's value.
 */
export type PathChange =
  | { readonly kind: 'set'; readonly path: JsonPath; readonly value: JsonValue }
  | { readonly kind: 'remove'; readonly path: JsonPath }
  | { readonly kind: 'create'; readonly path: JsonPath; readonly value: JsonValue }
  | { readonly kind: 'delete'; readonly path: JsonPath };

function diffValues(a: JsonValue, b: JsonValue, path: string[], out: PathChange[]): void {
  if (a instanceof JsonObject && b instanceof JsonObject) {
    for (const [key, av] of a.entries) {
      const bv = b.entries.get(key);
      if (bv === undefined) out.push({ kind: 'remove', path: [...path, key] });
      else diffValues(av, bv, [...path, key], out);
    }
    for (const [key, bv] of b.entries) if (!a.entries.has(key)) out.push({ kind: 'set', path: [...path, key], value: bv });
    return;
  }
  if (!jsonEquals(a, b)) out.push({ kind: 'set', path, value: b });
}

/**
 * The JSON-path difference from state `a` to state `b` (null: the document is absent): the
 * smallest set of key-level changes that turns one into the other, objects recursed into,
 * every other value (arrays included) compared and replaced whole.
 */
export function diffStates(a: JsonValue | null | undefined, b: JsonValue | null | undefined): PathChange[] {
  const before = a ?? undefined;
  const after = b ?? undefined;
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ kind: 'create', path: [], value: after! }];
  if (after === undefined) return [{ kind: 'delete', path: [] }];
  const out: PathChange[] = [];
  diffValues(before, after, [], out);
  return out;
}

/** One path is the other or lies inside it: a change of either touches the other. */
export function pathsOverlap(a: JsonPath, b: JsonPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `state` with the changes applied (a copy; `state` is not changed). A `set` below a value
 * that is not an object makes that value an object first: it only happens when a later
 * change is kept over an excluded one (`--on-conflict later`).
 */
export function applyChanges(state: JsonValue | null, changes: readonly PathChange[]): JsonValue | null {
  let root = state === null ? null : cloneJson(state);
  for (const c of changes) {
    if (c.kind === 'create') root = cloneJson(c.value);
    else if (c.kind === 'delete') root = null;
    else if (c.path.length === 0) root = c.kind === 'set' ? cloneJson(c.value) : null;
    else root = applyAtPath(root, c);
  }
  return root;
}

/** A key-level set or remove below the root, on a copy the caller owns. */
function applyAtPath(root: JsonValue | null, c: PathChange & { kind: 'set' | 'remove' }): JsonValue | null {
  if (!(root instanceof JsonObject)) {
    if (c.kind === 'remove') return root;
    root = new JsonObject();
  }
  let node: JsonObject = root;
  for (const key of c.path.slice(0, -1)) {
    let next = node.entries.get(key);
    if (!(next instanceof JsonObject)) {
      if (c.kind === 'remove') return root;
      next = new JsonObject();
      node.entries.set(key, next);
    }
    node = next;
  }
  const last = c.path[c.path.length - 1]!;
  if (c.kind === 'set') node.entries.set(last, cloneJson(c.value));
  else node.entries.delete(last);
  return root;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$`, `$.name`, `$.address["post code"]`: a path as a person reads it. */
export function pathText(path: JsonPath): string {
  return '$' + path.map((k) => (PLAIN_KEY.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join('');
}
