/**
 * The cel-spec conformance suites (from @bufbuild/cel-spec 0.6.1, test/fixtures/cel-spec/) that
 * touch our expression subset, run through our where environment and compileWhere. Every case
 * runs, or is in one of the skip lists below with its reason; a skipped case is still checked:
 * an unsupported feature must fail with an error, never a value, and a known deviation must
 * still deviate (so a library upgrade that fixes it makes this test ask for the list to shrink).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../../../../core/inspector/query/where/compile-where.js';
import { whereEnvironment } from '../../../../../core/inspector/query/where/cel-environment.js';
import { QueryError } from '../../../../../core/inspector/query/where/query-error.js';
import { REPO_ROOT } from '../../../../support/paths.js';

interface SpecValue { readonly [kind: string]: unknown }
interface SpecCase {
  readonly suite: string; readonly name: string; readonly expr: string;
  readonly value?: SpecValue; readonly evalError?: unknown;
  readonly typeEnv?: unknown; readonly bindings?: unknown; readonly container?: unknown;
}

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/cel-spec/conformance-subset.json');
const CASES = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as SpecCase[];
const idOf = (c: SpecCase) => `${c.suite}/${c.name}`;

/** Cases that declare variables, bind values or name a protobuf container: our variables are an entry's fields and our language has no protobuf messages. */
const NEEDS_DECLARATIONS = 'declares typed variables, binds values or names a protobuf container (our variables are an entry\'s fields; no protobuf messages)';

/** Features outside our subset: each must be an error (a QueryError when checked, or an evaluation error), never a value. */
const UNSUPPORTED: Record<string, readonly string[]> = {
  'protobuf wrapper and message literals (google.protobuf.*{…})': [
    'comparisons/eq_literal/eq_dyn_json_null',
    ...['bool', 'bytes', 'double', 'float', 'int32', 'int64', 'string', 'uint32', 'uint64']
      .flatMap((t) => [`comparisons/eq_wrapper/eq_${t}`, `comparisons/eq_wrapper/eq_${t}_empty`, `comparisons/eq_wrapper/eq_${t}_not_null`]),
  ],
  'ordering of bytes (our variables hold no bytes)': [
    'comparisons/lt_literal/lt_bytes', 'comparisons/lt_literal/not_lt_bytes_same', 'comparisons/lt_literal/not_lt_bytes_width',
    'comparisons/gt_literal/gt_bytes_one', 'comparisons/gt_literal/gt_bytes_one_to_empty', 'comparisons/gt_literal/not_gt_bytes_sorting',
    'comparisons/lte_literal/lte_bytes_empty', 'comparisons/lte_literal/not_lte_bytes_length',
    'comparisons/gte_literal/gte_bytes_to_empty', 'comparisons/gte_literal/not_gte_bytes_empty_to_nonempty', 'comparisons/gte_literal/gte_bytes_samelength',
  ],
  'the spec runs these unchecked (disableCheck); we type-check every query first, so mixed types are a check error': [
    'basic/variables/unbound_is_runtime_error', 'basic/functions/unbound_is_runtime_error',
    'comparisons/eq_literal/not_eq_list_length', 'comparisons/eq_literal/eq_list_elem_mixed_types',
    'logic/conditional/mixed_type', 'logic/AND/short_circuit_type_left', 'logic/AND/short_circuit_type_right',
    'logic/OR/short_circuit_type_left', 'logic/OR/short_circuit_type_right', 'macros/exists_one/map_one',
  ],
  'a double literal without a leading digit (.99): cel-js does not parse it': ['comparisons/gt_literal/not_gt_double'],
  'has() on a map literal: cel-js takes only a field of a variable (has(data.x) works)': [
    'fields/map_has/has', 'fields/map_has/has_not', 'fields/map_has/has_empty',
  ],
  'a list indexed by a uint': ['lists/index/zero_based_uint'],
};

/** Where our answer differs from the spec's, on purpose or because of cel-js 8.0: asserted to still differ. */
const DEVIATIONS: Record<string, readonly string[]> = {
  'by design: an int and a double compare exactly (the issue: big integers compare exactly), where the spec converts the int to a double': [
    'comparisons/lt_literal/not_lt_dyn_int_big_lossy_double', 'comparisons/gt_literal/not_gt_dyn_big_double_int',
    'comparisons/lte_literal/lte_dyn_big_double_int', 'comparisons/gte_literal/gte_dyn_int_big_lossy_double',
  ],
  'cel-js 8.0: a non-ASCII character in a bytes literal is one byte, not its UTF-8 (our variables hold no bytes)': [
    'basic/self_eval_nonzeroish/self_eval_bytes_escape', 'comparisons/eq_literal/eq_bytes', 'comparisons/ne_literal/not_ne_bytes',
  ],
  // In the bare environment only: a --where raises it (guard-comparisons.ts checkNegation; compile-where.test.ts).
  'cel-js 8.0: negating int64 min overflows to 2^63 instead of an overflow error': [
    'integer_math/int64_math/int64_min_negate', 'integer_math/int64_math/int64_min_negate_div',
  ],
};

/**
 * Where the bare cel-js 8.0 environment gives another answer (or an error) and a where gives the
 * spec's: asserted both ways, so a library upgrade that fixes it shows that our correction can go.
 */
const FIXED_IN_WHERE: Record<string, readonly string[]> = {
  'cel-js 8.0 finds a uint in a list only among uints; a where compares it by value (guard-comparisons.ts, membersByValue)': [
    'lists/in/uint_in_ints', 'lists/in/uint_in_doubles', 'lists/in/int_in_uints', 'lists/in/double_in_uints',
  ],
  'cel-js 8.0 types [] as list<T>, so a macro over it fails its check ("overload … overlaps"); a where types the range list<dyn> (empty-list-ranges.ts)': [
    'macros/exists/list_empty', 'macros/all/list_empty', 'macros/exists_one/list_empty',
  ],
  'cel-js 8.0 finds lists and maps unequal when a uint meets an int or double of the same value ([1u] == [1.0]); a where compares them again by value (guard-comparisons.ts, listsAndMapsByValue)': [
    'comparisons/eq_literal/eq_list_mixed_type_numbers', 'comparisons/eq_literal/eq_map_mixed_type_numbers',
  ],
};

const reasonOf = new Map<string, { kind: 'unsupported' | 'deviation' | 'fixed in where'; reason: string }>();
for (const [reason, ids] of Object.entries(UNSUPPORTED)) for (const id of ids) reasonOf.set(id, { kind: 'unsupported', reason });
for (const [reason, ids] of Object.entries(DEVIATIONS)) for (const id of ids) reasonOf.set(id, { kind: 'deviation', reason });
for (const [reason, ids] of Object.entries(FIXED_IN_WHERE)) for (const id of ids) reasonOf.set(id, { kind: 'fixed in where', reason });

const byKey = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** A cel-js result in a comparable form (kinds kept apart: 1, 1u and 1.0 differ). */
function normal(v: unknown): unknown {
  if (typeof v === 'bigint') return { int: String(v) };
  if (typeof v === 'number') return { double: String(v) };
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(normal);
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [normal(k), normal(x)]).sort(byKey) };
  if (typeof v === 'object' && typeof (v as { value?: unknown }).value === 'bigint') return { uint: String((v as { value: bigint }).value) };
  if (typeof v === 'object') return { map: Object.entries(v).map(([k, x]) => [k, normal(x)]).sort(byKey) };
  throw new Error(`unexpected result ${String(v)}`);
}

/** The spec's expected value (google.api.expr.Value as JSON) in the same form. */
function expected(v: SpecValue): unknown {
  if ('int64Value' in v) return { int: String(v.int64Value) };
  if ('uint64Value' in v) return { uint: String(v.uint64Value) };
  if ('doubleValue' in v) return { double: String(Number(v.doubleValue)) };
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('nullValue' in v) return null;
  if ('bytesValue' in v) return { bytes: v.bytesValue };
  if ('listValue' in v) return ((v.listValue as { values?: SpecValue[] }).values ?? []).map(expected);
  if ('mapValue' in v) {
    const entries = (v.mapValue as { entries?: { key: SpecValue; value: SpecValue }[] }).entries ?? [];
    // cel-js gives a string-keyed map as an object, so a string key is compared as its text.
    return { map: entries.map((e) => [typeof e.key.stringValue === 'string' ? e.key.stringValue : expected(e.key), expected(e.value)]).sort(byKey) };
  }
  throw new Error(`unknown expected value kind: ${Object.keys(v).join(',')}`);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };
const env = whereEnvironment();
function evaluate(expr: string): Outcome {
  try {
    return { ok: true, value: normal(env.evaluate(expr)) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** compileWhere's answer on a row with no variables: a QueryError's message, or test()'s bool. */
function asWhere(expr: string): string | boolean {
  try {
    return compileWhere(expr).test({});
  } catch (err) {
    if (err instanceof QueryError) return err.message;
    throw err;
  }
}

const run = CASES.filter((c) => !c.typeEnv && !c.bindings && !c.container);
const declared = CASES.filter((c) => !run.includes(c));

describe('cel-spec conformance (basic, comparisons, logic, string, integer_math, fp_math, lists, macros, fields)', () => {
  it('has every listed skip among the cases, and most cases run', () => {
    const ids = new Set(run.map(idOf));
    expect([...reasonOf.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect(CASES.length).toBe(751);
    expect(run.length - reasonOf.size).toBeGreaterThanOrEqual(600);
    // The counts the README gives.
    const count = (k: string) => [...reasonOf.values()].filter((r) => r.kind === k).length;
    expect([run.length - reasonOf.size, count('fixed in where'), count('unsupported'), count('deviation')]).toEqual([615, 9, 54, 9]);
  });

  for (const c of run) {
    const id = idOf(c);
    const skip = reasonOf.get(id);
    it(`${id}: ${c.expr}${skip ? ` (${skip.kind === 'fixed in where' ? 'fixed in where' : 'skipped'}: ${skip.reason})` : ''}`, () => {
      const got = evaluate(c.expr);
      const where = asWhere(c.expr);
      if (skip?.kind === 'unsupported') {
        expect(got.ok, `an error, not ${JSON.stringify(got)}`).toBe(false);
        expect(where === false || typeof where === 'string').toBe(true);
        return;
      }
      if (skip?.kind === 'deviation') {
        const want = c.value ? expected(c.value) : 'an error';
        expect(got.ok ? got.value : 'an error').not.toEqual(want);
        return;
      }
      if (skip?.kind === 'fixed in where') {
        const want = expected(c.value!);
        expect(typeof want).toBe('boolean');
        expect(got.ok ? got.value : 'an error').not.toEqual(want);
        expect(where).toBe(want);
        return;
      }
      if (c.evalError !== undefined) {
        expect(got.ok, `an error, not ${JSON.stringify(got)}`).toBe(false);
        // A query whose evaluation fails matches no entry (or is refused when checked).
        expect(where === false || typeof where === 'string').toBe(true);
        return;
      }
      const want = expected(c.value!);
      expect(got).toEqual({ ok: true, value: want });
      if (typeof want === 'boolean') expect(where).toBe(want);
      // A value that is not a bool is refused when its type is known, else it matches nothing.
      else if (typeof where === 'string') expect(where).toMatch(/expected a condition \(a bool\)/);
      else expect(where).toBe(false);
    });
  }

  it(`skips the ${declared.length} cases that ${NEEDS_DECLARATIONS}`, () => {
    expect(declared.map(idOf)).toContain('comparisons/bound/int_lte_right_true');
    expect(declared.length).toBe(64);
  });
});
