import type { ASTNode } from '@marcbachmann/cel-js';

type Check = (chk: unknown, ast: unknown, ctx: unknown) => unknown;
interface NodeMeta {
  /** A macro is expanded when parsed: into `alternate` (a comprehension over the receiver) or a `macro`. */
  readonly meta: { readonly check: Check; readonly macro?: unknown; readonly alternate?: unknown };
  setMeta(key: 'check', value: Check): unknown;
}

/**
 * cel-js 8.0 types the empty list literal `[]` as list<T> with T unbound, so a macro over it
 * (`[].all(e, e > 0)`) gives its variable that open type, which matches every numeric overload
 * of `>` or `==` at once and fails the check ("overload … overlaps"). The range of a macro that
 * is an empty list literal is typed list<dyn> instead (as `dyn([])` is): its body is still
 * checked, and over no elements it never runs, so the answer is the spec's (all: true, exists:
 * false, exists_one: false). Call before the expression is checked.
 */
export function typeEmptyListRanges(root: ASTNode): void {
  const visit = (node: ASTNode): void => {
    const walk = (a: unknown): void => {
      if (Array.isArray(a)) a.forEach(walk);
      else if (a && typeof a === 'object' && 'op' in a) visit(a as ASTNode);
    };
    walk(node.args);
    const meta = (node as unknown as NodeMeta).meta;
    if (node.op !== 'rcall' || !(meta.macro || meta.alternate)) return;
    const receiver = (node.args as unknown[])[1] as ASTNode | undefined;
    if (receiver?.op !== 'list' || (receiver.args as unknown[]).length !== 0) return;
    const r = receiver as unknown as NodeMeta;
    const check = r.meta.check;
    r.setMeta('check', (chk, ast, ctx) => {
      check(chk, ast, ctx); // sets the node's evaluation (an empty list)
      return (chk as { getType(name: string): unknown }).getType('list<dyn>');
    });
  };
  visit(root);
}
