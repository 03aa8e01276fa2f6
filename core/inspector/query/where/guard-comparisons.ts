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
