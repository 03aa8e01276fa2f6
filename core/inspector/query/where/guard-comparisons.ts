import type { ASTNode } from '@marcbachmann/cel-js';

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
    if (COMPARISONS.has(node.op) || ((node.op === 'call' || node.op === 'rcall') && bool)) guard(node);
    else if (node.op === '-_') checkNegation(node);
  };
  visit(root);
}

function guard(node: ASTNode): void {
  const target = node as unknown as { evaluate: Evaluate };
  const resolve = Object.getPrototypeOf(node).evaluate as Evaluate;
  let inner: Evaluate | null = null;
  const guarded: Evaluate = function (ev, ast, ctx) {
    try {
      if (inner) {
        return inner.call(node, ev, ast, ctx);
      }
      const r = resolve.call(node, ev, ast, ctx);
      inner = target.evaluate;
      target.evaluate = guarded;
      return r;
    } catch {
      if (!inner && target.evaluate !== guarded) {
        inner = target.evaluate;
        target.evaluate = guarded;
      }
      return false;
    }
  };
  target.evaluate = guarded;
}

const INT64_MAX = (1n << 63n) - 1n;

/**
 * cel-js 8.0 negates an int without its overflow check: -(-2^63) gives 2^63, a value no int64
 * holds (the cel-spec says overflow). Raise it here, so the comparison above it fails as for any
 * other overflow (the row does not match) instead of comparing a wrong number.
 */
function checkNegation(node: ASTNode): void {
  const target = node as unknown as { evaluate: Evaluate };
  const resolve = Object.getPrototypeOf(node).evaluate as Evaluate;
  let inner: Evaluate | null = null;
  const checked: Evaluate = function (ev, ast, ctx) {
    let r: unknown;
    if (inner) r = inner.call(node, ev, ast, ctx);
    else {
      try {
        r = resolve.call(node, ev, ast, ctx);
      } finally {
        if (target.evaluate !== checked) {
          inner = target.evaluate;
          target.evaluate = checked;
        }
      }
    }
    if (typeof r === 'bigint' && r > INT64_MAX) throw new RangeError('integer overflow: the negation is past int64');
    return r;
  };
  target.evaluate = checked;
}
