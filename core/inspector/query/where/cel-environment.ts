import { Environment } from '@marcbachmann/cel-js';
import { WHERE_VARIABLES } from '../../../contract/contract-query.js';
import { CelUint } from './cel-values.js';

export type Num = bigint | number | { readonly value: bigint };

/** A CEL number as an exact bigint, or a double as itself. */
function exact(v: Num): bigint | number {
  return typeof v === 'object' ? v.value : v;
}

/** Whether two numbers are equal by value (an int and a double compare exactly, past 2^53 too). */
export function numbersEqual(a: Num, b: Num): boolean {
  const x = exact(a);
  const y = exact(b);
  if (typeof x === typeof y) return x === y;
  const d = (typeof x === 'number' ? x : y) as number;
  const i = (typeof x === 'bigint' ? x : y) as bigint;
  return Number.isInteger(d) && BigInt(d) === i;
}

const NUMERIC = ['int', 'uint', 'double'] as const;

/**
 * The environment every `where` is checked and run in: the entry's variables with their types,
 * `==`/`!=` across int, uint and double by value (CEL leaves them without overloads when the
 * types are known, so `size == 5.0` would not type-check), mixed list literals allowed.
 */
export function whereEnvironment(): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false, limits: { maxAstNodes: 10_000, maxDepth: 100 } });
  for (const v of WHERE_VARIABLES) env.registerVariable(v.name, v.type);
  // Registering `a == b` gives `b == a` and both `!=` as well.
  for (const [k, l] of NUMERIC.entries()) {
    for (const r of NUMERIC.slice(k + 1)) env.registerOperator(`${l} == ${r}`, (a: Num, b: Num) => numbersEqual(a, b));
  }
  return env;
}

export { CelUint };
