import type { ASTNode } from '@marcbachmann/cel-js';
import { CelUint, numbersEqual, type Num } from './cel-environment.js';

type Evaluate = (ev: unknown, ast: unknown, ctx: unknown) => unknown;

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);

/**
 * Makes every comparison, membership test and bool-valued call (startsWith, matches, has…)
 * false where it would fail — a missing key, a value of another type — so that a failure is
 * that comparison's answer for the row (and `!(data.x > 1)` holds where x is absent), never the
 * whole query's. The library resolves a node's evaluator on first use and stores it on the
 * node, so the guard resolves it once through the prototype and keeps it.
 */
export function guardComparisons(root: ASTNode): void {
  const visit = (node: ASTNode): void => {
    const args: unknown = node.args;
    const walk = (a: unknown): void => {
      if (Array.isArray(a)) a.forEach(walk);
      else if (a && typeof a === 'object' && 'op' in a) visit(a as ASTNode);
    };
    walk(args);
    const bool = (node as { checkedType?: { name?: string } }).checkedType?.name === 'bool';
    if (node.op === 'in') membersByValue(node);
    else if (node.op === '==' || node.op === '!=') listsAndMapsByValue(node);
    if (COMPARISONS.has(node.op) || ((node.op === 'call' || node.op === 'rcall') && bool)) guard(node);
    else if (node.op === '-_') checkNegation(node);
  };
  visit(root);
}

/**
 * Replaces a node's evaluation with `around`, handed `run`: the node's evaluation as the library
 * does it (one function made once: `around` runs per row). The library resolves a node's evaluator
 * on first use and stores it on the node over ours, so the first call resolves through the
 * prototype and then keeps what was stored.
 */
function wrapEvaluate(node: ASTNode, around: (run: Evaluate, ev: unknown, ast: unknown, ctx: unknown) => unknown): void {
  const target = node as unknown as { evaluate: Evaluate };
  const resolve = Object.getPrototypeOf(node).evaluate as Evaluate;
  let inner: Evaluate | null = null;
  const run: Evaluate = (ev, ast, ctx) => {
    if (inner) return inner.call(node, ev, ast, ctx);
    try {
      return resolve.call(node, ev, ast, ctx);
    } finally {
      if (target.evaluate !== wrapped) {
        inner = target.evaluate;
        target.evaluate = wrapped;
      }
    }
  };
  const wrapped: Evaluate = (ev, ast, ctx) => around(run, ev, ast, ctx);
  target.evaluate = wrapped;
}

function guard(node: ASTNode): void {
  wrapEvaluate(node, (run, ev, ast, ctx) => {
    try {
      return run(ev, ast, ctx);
    } catch {
      return false;
    }
  });
}

type Handle = (left: unknown, right: unknown, ast: unknown, ev: unknown) => unknown;

function isNumber(v: unknown): v is Num {
  return typeof v === 'bigint' || typeof v === 'number' || v instanceof CelUint;
}

/**
 * cel-js 8.0 finds a uint in a list only among uints (`dyn(3u) in [1, 3]` is false; an int and a
 * double it compares by value). Where the library says false, a number is looked for again
 * by value among the list's numbers when a uint is on either side — as `==` compares them
 * (cel-environment.ts). The library's handler is kept (it is set on the node when checked).
 */
function membersByValue(node: ASTNode): void {
  const n = node as unknown as { handle?: Handle };
  const inner = n.handle;
  if (typeof inner !== 'function') return;
  n.handle = (left, right, ast, ev) => {
    const r = inner(left, right, ast, ev);
    if (r !== false || !isNumber(left) || !Array.isArray(right)) return r;
    const uint = left instanceof CelUint;
    for (const v of right) if (isNumber(v) && (uint || v instanceof CelUint) && numbersEqual(left, v)) return true;
    return false;
  };
}

/**
 * Whether two lists or maps are equal with numbers compared by value at any depth (a Map's
 * numeric keys too; a map literal's keys are text already): true or false, or null for a kind
 * this leaves to the library (bytes, timestamps).
 */
function sameByValue(a: unknown, b: unknown): boolean | null {
  if (isNumber(a) || isNumber(b)) return isNumber(a) && isNumber(b) && numbersEqual(a, b);
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const e = sameByValue(a[i], b[i]);
      if (e !== true) return e;
    }
    return true;
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      let other: unknown = b.get(k);
      if (other === undefined && isNumber(k)) for (const [k2, v2] of b) if (isNumber(k2) && numbersEqual(k, k2)) other = v2;
      if (other === undefined) return false;
      const e = sameByValue(v, other);
      if (e !== true) return e;
    }
    return true;
  }
  if (isPlainMap(a) && isPlainMap(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      const e = sameByValue(a[k], b[k]);
      if (e !== true) return e;
    }
    return true;
  }
  return null;
}

/** A map as cel-js makes a map literal: a plain object (its keys as text). */
function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isAggregate(v: unknown): boolean {
  return Array.isArray(v) || v instanceof Map || isPlainMap(v);
}

/**
 * cel-js 8.0 finds lists and maps unequal when an element or key is a uint on one side and an
 * int or double of the same value on the other (`[1u] == [1.0]` is false). Where the library
 * says unequal and both sides are lists or maps, they are compared again by value.
 */
function listsAndMapsByValue(node: ASTNode): void {
  const n = node as unknown as { handle?: Handle };
  const inner = n.handle;
  if (typeof inner !== 'function') return;
  const eq = node.op === '==';
  n.handle = (left, right, ast, ev) => {
    const r = inner(left, right, ast, ev);
    if (r !== !eq || !isAggregate(left) || !isAggregate(right)) return r;
    const same = sameByValue(left, right);
    return same === null ? r : same === eq;
  };
}

const INT64_MAX = (1n << 63n) - 1n;

/**
 * cel-js 8.0 negates an int without its overflow check: -(-2^63) gives 2^63, a value no int64
 * holds (the cel-spec says overflow). Raise it here, so the comparison above it fails as for any
 * other overflow (the row does not match) instead of comparing a wrong number.
 */
function checkNegation(node: ASTNode): void {
  wrapEvaluate(node, (run, ev, ast, ctx) => {
    const r = run(ev, ast, ctx);
    if (typeof r === 'bigint' && r > INT64_MAX) throw new RangeError('integer overflow: the negation is past int64');
    return r;
  });
}
