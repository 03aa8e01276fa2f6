import type { ASTNode } from '@marcbachmann/cel-js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);

/** Keys of a select chain rooted at `data` (`data.a.b` → [a, b]), or null. */
function dataPath(node: ASTNode): string[] | null {
  const keys: string[] = [];
  let n: ASTNode = node;
  while (n.op === '.') {
    const [inner, key] = n.args as [ASTNode, string];
    keys.unshift(key);
    n = inner;
  }
  return n.op === 'id' && n.args === 'data' && keys.length > 0 ? keys : null;
}

/** A string literal JSON would write without escapes (so its text is in the data as it is). */
function plainString(node: ASTNode): string | null {
  if (node.op !== 'value' || typeof node.args !== 'string') return null;
  return /["\\\u0000-\u001f\u2028\u2029]/.test(node.args) ? null : node.args;
}

function quoted(s: string): string {
  return `"${s}"`;
}

/**
 * What the data text of a matching row must hold (see WhereQuery.requiredText). Only
 * conjuncts at the top (under `&&` alone: not `||`, `!` or `?:`) count, and in them only
 * operands that are evaluated whatever the row: a select chain on `data`, the receiver of a
 * method, the argument of `has`, and a string literal compared for equality or membership.
 */
export function requiredDataText(root: ASTNode): string[] {
  const out = new Set<string>();
  const addPath = (node: ASTNode): boolean => {
    const path = dataPath(node);
    if (path) for (const k of path) out.add(quoted(k));
    return path !== null;
  };
  const conjunct = (node: ASTNode): void => {
    if (node.op === '&&') {
      for (const a of node.args as ASTNode[]) conjunct(a);
      return;
    }
    if (COMPARISONS.has(node.op)) {
      const [l, r] = node.args as [ASTNode, ASTNode];
      const lp = addPath(l);
      const rp = addPath(r);
      if (node.op === '==' && (lp || rp)) {
        const lit = plainString(lp ? r : l);
        if (lit !== null) out.add(quoted(lit));
      }
      if (node.op === 'in' && rp) {
        const lit = plainString(l);
        if (lit !== null) out.add(quoted(lit));
      }
      return;
    }
    if (node.op === 'rcall') {
      const [, receiver] = node.args as [string, ASTNode, ASTNode[]];
      addPath(receiver);
      return;
    }
    if (node.op === 'call') {
      const [name, args] = node.args as [string, ASTNode[]];
      if (name === 'has' && args.length === 1) addPath(args[0]!);
    }
  };
  conjunct(root);
  return [...out];
}
