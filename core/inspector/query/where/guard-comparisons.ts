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
