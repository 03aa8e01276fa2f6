import type { ASTNode, Environment } from '@marcbachmann/cel-js';
import type { WhereVariable } from '../../../contract/contract-query.js';
import { whereEnvironment } from './cel-environment.js';
import { describeCelError } from './describe-cel-error.js';
import { typeEmptyListRanges } from './empty-list-ranges.js';
import { guardComparisons } from './guard-comparisons.js';
import { requiredDataText } from './required-text.js';
import { QueryError } from './query-error.js';

/** The variables of one row, as CEL values (see entry-activation.ts). */
export type WhereActivation = { readonly [K in WhereVariable]?: unknown };

export interface WhereQuery {
  readonly text: string;
  /** True when the row matches; never throws (an evaluation error means no match). */
  test(activation: WhereActivation): boolean;
  /** The variables the expression reads: a row needs only these. */
  readonly uses: ReadonlySet<WhereVariable>;
  /**
   * Texts that appear in the data of every row that matches, as long as that data holds no
   * backslash (which could escape them): `"key"` for each key a top-level comparison reads
   * (a missing key makes it false) and `"text"` for a string it must equal. A row whose data
   * lacks one cannot match and is ruled out before its data is parsed. Empty: nothing known.
   */
  readonly requiredText: readonly string[];
  /**
   * The top-level data keys the expression reads, when it reads data only as `data.<key>…`
   * (select chains, has()): the rest of an entry's data need not be made into CEL values.
   * Null when data is used otherwise (`size(data)`, `"k" in data`, `data["k"]`…).
   */
  readonly dataKeys: ReadonlySet<string> | null;
}

let shared: Environment | null = null;

function environment(): Environment {
  return (shared ??= whereEnvironment());
}

function variablesOf(node: ASTNode, out: Set<WhereVariable>): void {
  if (node.op === 'id') out.add(node.args as WhereVariable);
  const args: unknown = node.args;
  const visit = (a: unknown): void => {
    if (Array.isArray(a)) a.forEach(visit);
    else if (a && typeof a === 'object' && 'op' in a) variablesOf(a as ASTNode, out);
  };
  visit(args);
}

/** See WhereQuery.dataKeys. */
function topDataKeys(root: ASTNode): Set<string> | null {
  const keys = new Set<string>();
  let other = false;
  const visit = (node: ASTNode, parent: ASTNode | null): void => {
    if (node.op === 'id' && node.args === 'data') {
      const [first, key] = (parent?.op === '.' ? parent.args : []) as [unknown, unknown];
      if (first === node && typeof key === 'string') keys.add(key);
      else other = true;
      return;
    }
    const walk = (a: unknown): void => {
      if (Array.isArray(a)) a.forEach(walk);
      else if (a && typeof a === 'object' && 'op' in a) visit(a as ASTNode, node);
    };
    walk(node.args);
  };
  visit(root, null);
  return other ? null : keys;
}

/**
 * Checks and compiles a CEL `where` expression once. Malformed text, an unknown variable or a
 * comparison whose operand types can never meet (`size == "x"`) is a QueryError naming the
 * column; a result that is not a bool too. `field` names the input in the error.
 */
export function compileWhere(text: string, field = 'where'): WhereQuery {
  const env = environment();
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(text);
  } catch (err) {
    throw new QueryError(describeCelError(err, text), { field, column: columnOf(err, text) });
  }
  typeEmptyListRanges(parsed.ast);
  const checked = parsed.check();
  if (!checked.valid) {
    const err = checked.error;
    throw new QueryError(describeCelError(err, text), { field, column: columnOf(err, text) });
  }
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    throw new QueryError(`the query is a ${checked.type}, expected a condition (a bool), e.g. data.x == 1`, { field, column: 1 });
  }
  guardComparisons(parsed.ast);
  const uses = new Set<WhereVariable>();
  variablesOf(parsed.ast, uses);
  const run = parsed;
  return {
    text, uses, requiredText: requiredDataText(parsed.ast), dataKeys: topDataKeys(parsed.ast),
    test(activation) {
      try {
        return run(activation as Record<string, unknown>) === true;
      } catch {
        return false;
      }
    },
  };
}

function columnOf(err: unknown, text: string): number {
  const range = (err as { range?: { start: number } } | undefined)?.range;
  const at = range && Number.isFinite(range.start) ? range.start : 0;
  return Math.min(at, text.length) + 1;
}
