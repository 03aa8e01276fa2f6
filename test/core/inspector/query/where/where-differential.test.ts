import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../../../../core/inspector/query/where/compile-where.js';
import { EntryActivation } from '../../../../../core/inspector/query/where/entry-activation.js';
import { seededRandom } from '../../../../support/random-entries.js';
import { facts } from './where-facts.js';

/**
 * Random expressions over random entries, each evaluated by compileWhere and by the reference
 * below, written from the semantics as documented (not from the library): a comparison whose
 * operand is missing, or whose operands cannot be ordered, is false; numbers compare by exact
 * value across int and double; == between other kinds is false and != true.
 */
type V =
  | { k: 'int'; v: bigint } | { k: 'double'; v: number } | { k: 'string'; v: string } | { k: 'bool'; v: boolean } | { k: 'null' }
  | { k: 'list'; v: V[] } | { k: 'object'; v: Map<string, V> };
const MISSING = Symbol('missing');
type R = V | typeof MISSING;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const KEYS = ['a', 'b', 'c', 'n'];
const STRINGS = ['', 'a', 'ab', 'b', 'Jane', 'beta', 'zz'];
const BIG = 9007199254740992n;

function scalar(r: Rand): V {
  switch (pick(r, ['int', 'int', 'big', 'double', 'string', 'bool', 'null'])) {
    case 'int': return { k: 'int', v: BigInt(Math.floor(r() * 7) - 3) };
    case 'big': return { k: 'int', v: BIG + BigInt(Math.floor(r() * 3) - 1) };
    case 'double': return { k: 'double', v: pick(r, [-1.5, 0, 0.5, 1, 2.25, 9007199254740992]) };
    case 'string': return { k: 'string', v: pick(r, STRINGS) };
    case 'bool': return { k: 'bool', v: r() < 0.5 };
    default: return { k: 'null' };
  }
}

function value(r: Rand, depth: number): V {
  const x = r();
  if (depth > 0 && x < 0.2) {
    const m = new Map<string, V>();
    for (const k of KEYS) if (r() < 0.6) m.set(k, value(r, depth - 1));
    return { k: 'object', v: m };
  }
  if (depth > 0 && x < 0.3) return { k: 'list', v: Array.from({ length: Math.floor(r() * 3) }, () => scalar(r)) };
  return scalar(r);
}

function json(v: V): string {
  switch (v.k) {
    case 'int': return v.v.toString();
    case 'double': return Number.isInteger(v.v) ? `${BigInt(v.v)}.0` : String(v.v);
    case 'string': return JSON.stringify(v.v);
    case 'bool': return String(v.v);
    case 'null': return 'null';
    case 'list': return `[${v.v.map(json).join(',')}]`;
    default: return `{${[...v.v].map(([k, x]) => `${JSON.stringify(k)}:${json(x)}`).join(',')}}`;
  }
}

const cel = (v: V): string => (v.k === 'int' && v.v < 0n ? `(${v.v})` : v.k === 'double' && v.v < 0 ? `(${json(v)})` : json(v));

/** -1, 0, 1, or null when the two cannot be ordered. Exact for int vs double. */
function order(a: V, b: V): number | null {
  const num = (x: V) => x.k === 'int' || x.k === 'double';
  if (num(a) && num(b)) {
    const av = a.v as bigint | number;
    const bv = b.v as bigint | number;
    if (typeof av === typeof bv) return av < bv ? -1 : av > bv ? 1 : 0;
    const d = (typeof av === 'number' ? av : bv) as number;
    const i = (typeof av === 'bigint' ? av : bv) as bigint;
    const fl = BigInt(Math.floor(d));
    const c = i < fl ? -1 : i > fl ? 1 : Number.isInteger(d) ? 0 : -1; // i vs d (i = floor(d) < d)
    return typeof av === 'bigint' ? c : -c;
  }
  if (a.k === 'string' && b.k === 'string') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.k === 'bool' && b.k === 'bool') return Number(a.v) - Number(b.v);
  return null;
}

function equal(a: V, b: V): boolean {
  const o = order(a, b);
  if (o !== null) return o === 0;
  if (a.k === 'null' || b.k === 'null') return a.k === b.k;
  if (a.k === 'list' && b.k === 'list') return a.v.length === b.v.length && a.v.every((x, i) => equal(x, b.v[i]!));
  if (a.k === 'object' && b.k === 'object') return a.v.size === b.v.size && [...a.v].every(([k, x]) => b.v.has(k) && equal(x, b.v.get(k)!));
  return false;
}

interface Expr { text: string; ref(data: V, size: bigint): boolean }

function path(r: Rand): { text: string; get(data: V): R; keys: string[] } {
  const keys = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, KEYS));
  return {
    text: `data.${keys.join('.')}`, keys,
    get(data) {
      let cur = data as R;
      for (const k of keys) {
        if (cur === MISSING || cur.k !== 'object' || !cur.v.has(k)) return MISSING;
        cur = cur.v.get(k)!;
      }
      return cur;
    },
  };
}

function leaf(r: Rand): Expr {
  const kind = pick(r, ['cmp', 'cmp', 'cmp', 'in', 'has', 'starts', 'size']);
  if (kind === 'size') {
    const lit = r() < 0.5 ? { k: 'int' as const, v: BigInt(Math.floor(r() * 200)) } : { k: 'double' as const, v: pick(r, [99.5, 100, 150.25]) };
    const op = pick(r, ['==', '!=', '<', '<=', '>', '>=']);
    return { text: `size ${op} ${cel(lit)}`, ref: (_d, size) => compare(op, { k: 'int', v: size }, lit) };
  }
  const p = path(r);
  if (kind === 'has') {
    return {
      text: `has(${p.text})`,
      ref(d) {
        const parent = p.keys.length === 1 ? d : path1(d, p.keys.slice(0, -1));
        return parent !== MISSING && parent.k === 'object' && parent.v.has(p.keys.at(-1)!);
      },
    };
  }
  if (kind === 'starts') {
    const s = pick(r, STRINGS);
    return { text: `${p.text}.startsWith(${JSON.stringify(s)})`, ref: (d) => { const v = p.get(d); return v !== MISSING && v.k === 'string' && v.v.startsWith(s); } };
  }
  if (kind === 'in') {
    const lits = Array.from({ length: 1 + Math.floor(r() * 3) }, () => scalar(r));
    return { text: `${p.text} in [${lits.map(cel).join(', ')}]`, ref: (d) => { const v = p.get(d); return v !== MISSING && lits.some((l) => equal(v, l)); } };
  }
  const lit = scalar(r);
  // Ordering against null is refused when the query is checked (a usage error), not per entry.
  const op = pick(r, lit.k === 'null' ? ['==', '!='] : ['==', '!=', '<', '<=', '>', '>=']);
  return { text: `${p.text} ${op} ${cel(lit)}`, ref: (d) => { const v = p.get(d); return v !== MISSING && compare(op, v, lit); } };
}

function path1(d: V, keys: string[]): R {
  let cur = d as R;
  for (const k of keys) {
    if (cur === MISSING || cur.k !== 'object' || !cur.v.has(k)) return MISSING;
    cur = cur.v.get(k)!;
  }
  return cur;
}

function compare(op: string, a: V, b: V): boolean {
  if (op === '==') return equal(a, b);
  if (op === '!=') return !equal(a, b);
  const o = order(a, b);
  if (o === null) return false;
  return op === '<' ? o < 0 : op === '<=' ? o <= 0 : op === '>' ? o > 0 : o >= 0;
}

function expr(r: Rand, depth: number): Expr {
  if (depth === 0 || r() < 0.35) return leaf(r);
  const x = r();
  if (x < 0.15) {
    const e = expr(r, depth - 1);
    return { text: `!(${e.text})`, ref: (d, s) => !e.ref(d, s) };
  }
  const a = expr(r, depth - 1);
  const b = expr(r, depth - 1);
  return x < 0.6
    ? { text: `(${a.text} && ${b.text})`, ref: (d, s) => a.ref(d, s) && b.ref(d, s) }
    : { text: `(${a.text} || ${b.text})`, ref: (d, s) => a.ref(d, s) || b.ref(d, s) };
}

describe('where: differential against a reference evaluation', () => {
  it('agrees on 400 random expressions × 60 random entries (seeded)', () => {
    const r = seededRandom(20261202);
    const rows = Array.from({ length: 60 }, () => {
      const data = value(r, 3);
      return { data, size: BigInt(Math.floor(r() * 200)), text: json(data) };
    });
    const act = new EntryActivation(facts());
    let agreed = 0;
    let matched = 0;
    for (let k = 0; k < 400; k++) {
      const e = expr(r, 3);
      const q = compileWhere(e.text);
      for (const row of rows) {
        const want = e.ref(row.data, row.size);
        const got = q.test(act.reset(facts({ data: row.text, size: Number(row.size) })));
        if (got !== want) expect.fail(`${e.text} on ${row.text} (size ${row.size}): got ${got}, reference ${want}`);
        // And with data made only of the top-level keys the expression reads (what a scan does).
        const projected = q.test(new EntryActivation(facts({ data: row.text, size: Number(row.size) }), q.dataKeys));
        if (projected !== want) expect.fail(`${e.text} on ${row.text}, keys ${[...q.dataKeys ?? []]}: got ${projected}, reference ${want}`);
        agreed++;
        if (want) matched++;
      }
    }
    expect(agreed).toBe(400 * 60);
    // Both answers occur often enough for the comparison to mean something.
    expect(matched).toBeGreaterThan(agreed * 0.1);
    expect(matched).toBeLessThan(agreed * 0.9);
  });
});
