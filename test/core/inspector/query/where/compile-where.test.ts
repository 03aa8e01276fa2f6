import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../../../../core/inspector/query/where/compile-where.js';
import { EntryActivation, type RowFacts } from '../../../../../core/inspector/query/where/entry-activation.js';
import { QueryError } from '../../../../../core/inspector/query/where/query-error.js';
import { facts } from './where-facts.js';

function matches(where: string, over: Partial<RowFacts>): boolean {
  return compileWhere(where).test(new EntryActivation(facts(over)));
}

function errorOf(where: string): QueryError {
  try {
    compileWhere(where);
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
  throw new Error(`compiled: ${where}`);
}

describe('the issue\'s examples', () => {
  const ex1 = 'entry_type == "Update" && data.counters.views > 40000 && data.active == true';
  const ex2 = 'collection == "inventory" && has(data.tags) && "beta" in data.tags';
  const ex3 = 'entry_type in ["Insert", "Update"] && data.name.startsWith("J") && data.age >= 40';

  it('selects the entries each describes', () => {
    expect(matches(ex1, { entryType: 'Update', data: '{"counters":{"views":40001},"active":true}' })).toBe(true);
    expect(matches(ex1, { entryType: 'Update', data: '{"counters":{"views":40000},"active":true}' })).toBe(false);
    expect(matches(ex1, { entryType: 'Insert', data: '{"counters":{"views":90000},"active":true}' })).toBe(false);
    expect(matches(ex1, { entryType: 'Update', data: '{"counters":{"views":40000.5},"active":true}' })).toBe(true);
    expect(matches(ex2, { collection: 'inventory', data: '{"tags":["alpha","beta"]}' })).toBe(true);
    expect(matches(ex2, { collection: 'inventory', data: '{"tags":["alpha"]}' })).toBe(false);
    expect(matches(ex2, { collection: 'users', data: '{"tags":["beta"]}' })).toBe(false);
    expect(matches(ex3, { entryType: 'Insert', data: '{"name":"Jane","age":40}' })).toBe(true);
    expect(matches(ex3, { entryType: 'Update', data: '{"name":"John","age":41.5}' })).toBe(true);
    expect(matches(ex3, { entryType: 'Delete', data: '{"name":"Jane","age":40}' })).toBe(false);
    expect(matches(ex3, { entryType: 'Insert', data: '{"name":"Ann","age":40}' })).toBe(false);
  });

  it('a missing field or another type makes that comparison false, never an error', () => {
    expect(matches(ex1, { entryType: 'Update', data: '{"active":true}' })).toBe(false);
    expect(matches(ex1, { entryType: 'Update', data: '{"counters":"many","active":true}' })).toBe(false);
    // `in` over a string is no CEL operation: false for that entry.
    expect(matches(ex2, { collection: 'inventory', data: '{"tags":"beta"}' })).toBe(false);
    expect(matches(ex3, { entryType: 'Insert', data: '{"name":7,"age":40}' })).toBe(false);
    expect(matches(ex3, { entryType: 'Insert', data: null })).toBe(false);
  });
});

describe('semantics', () => {
  it('a failed comparison is false, so its negation holds', () => {
    expect(matches('!(data.x > 1)', { data: '{"y":1}' })).toBe(true);
    expect(matches('!(data.x > 1)', { data: '{"x":2}' })).toBe(false);
    expect(matches('data.x > 1 || data.y == 1', { data: '{"y":1}' })).toBe(true);
    expect(matches('data.x != 1', { data: '{}' })).toBe(false);
    expect(matches('!has(data.x)', { data: '{}' })).toBe(true);
    // Not a comparison: a non-bool result, or an error outside one, is no match.
    expect(matches('data.flag', { data: '{"flag":true}' })).toBe(true);
    expect(matches('data.flag', { data: '{}' })).toBe(false);
    expect(matches('data.flag', { data: '{"flag":"yes"}' })).toBe(false);
  });

  it('numbers compare by value across int, uint and double; big integers exactly', () => {
    expect(matches('data.i == 40.0 && 40.0 == data.i && data.d == 40', { data: '{"i":40,"d":40.0}' })).toBe(true);
    expect(matches('size == 120.0 && size != 120.5 && size > 119.5', {})).toBe(true);
    expect(matches('timestamp == 1732400000000 && timestamp > 1732399999999.5', {})).toBe(true);
    const big = '{"big":9007199254740993,"near":9007199254740992}';
    expect(matches('data.big == 9007199254740993', { data: big })).toBe(true);
    expect(matches('data.big != 9007199254740992', { data: big })).toBe(true);
    expect(matches('data.big > data.near', { data: big })).toBe(true);
    expect(matches('data.big > 9007199254740992.0', { data: big })).toBe(true);
    expect(matches('data.big == 9007199254740992.0', { data: big })).toBe(false);
    // Past int64 a JSON integer is a uint; past uint64 a double.
    expect(matches('data.u == 18446744073709551615u && data.u > 9223372036854775807', { data: '{"u":18446744073709551615}' })).toBe(true);
    expect(matches('data.x == 1.0e20', { data: '{"x":100000000000000000000}' })).toBe(true);
    expect(matches('timestamp == 18446744073709551615u', { timestamp: 18446744073709551615n })).toBe(true);
  });

  it('every variable has its type and value', () => {
    const f = { entryType: 'Delete', transactionId: 'tx-9', collection: 'c', documentId: 'd-1', timestamp: 1_700_000_000_000n, size: 99,
      segment: 'transactions.1-0.wal', offset: 4096, damaged: true, transactionStatus: 'rolled_back', data: '[1,2]' };
    expect(matches('entry_type == "Delete" && transaction_id == "tx-9" && collection == "c" && document_id.endsWith("-1")', f)).toBe(true);
    expect(matches('timestamp == 1700000000000u && time == timestamp("2023-11-14T22:13:20Z") && size == 99 && offset == 4096', f)).toBe(true);
    expect(matches('segment == "transactions.1-0.wal" && damaged && transaction_status == "rolled_back" && data[1] == 2', f)).toBe(true);
    expect(matches('time > timestamp("2024-01-01T00:00:00Z")', f)).toBe(false);
  });

  it('data that is not JSON is null: comparisons on it are false, data == null holds', () => {
    expect(matches('data == null', { data: 'not json {' })).toBe(true);
    expect(matches('data.x == 1', { data: '{"x":1' })).toBe(false);
    expect(matches('!has(data.x)', { data: 'plain text' })).toBe(true); // null has no key x
    expect(matches('data == null', { data: null })).toBe(true);
  });

  it('object keys are data, not properties: no prototype key is found', () => {
    expect(matches('has(data.constructor)', { data: '{}' })).toBe(false);
    expect(matches('data.__proto__ == 1', { data: '{"__proto__":1}' })).toBe(true);
  });
});

describe('what a query needs', () => {
  it('lists the variables read and the texts a matching data must hold', () => {
    const q = compileWhere('entry_type == "Update" && data.counters.views > 40000 && data.name == "Jane" && "beta" in data.tags');
    expect([...q.uses].sort()).toEqual(['data', 'entry_type']);
    expect(q.requiredText).toEqual(['"counters"', '"views"', '"name"', '"Jane"', '"tags"', '"beta"']);
    expect(compileWhere('data.x > 1 || data.y > 1').requiredText).toEqual([]);
    expect(compileWhere('!(data.x > 1)').requiredText).toEqual([]);
    expect(compileWhere('(data.x > 1 ? data.y : 2) == 2').requiredText).toEqual([]);
    expect(compileWhere('size > 10').uses).toEqual(new Set(['size']));
  });
});

describe('malformed queries', () => {
  it('name the column and what was expected', () => {
    const cases: [string, number, RegExp][] = [
      ['entry_type == ', 15, /ends too early: expected a value/],
      ['entry_type = "Insert"', 12, /found "=": expected "=="/],
      ['data.a > > 3', 10, /found ">": expected a value or a field/],
      ['colection == "x"', 1, /unknown variable colection: expected one of entry_type/],
      ['size == "ten"', 1, /no such comparison: int == string/],
      ['data.name == "abc', 14, /unterminated string: expected a closing quote/],
      ['size', 1, /expected a condition \(a bool\)/],
      ['data.x > 1 & data.y', 12, /found "&": expected "&&"/],
    ];
    for (const [text, column, message] of cases) {
      const e = errorOf(text);
      expect(e.code).toBe('INVALID_QUERY');
      expect(e.context.column, text).toBe(column);
      expect(e.message, text).toMatch(new RegExp(`^column ${column}: `));
      expect(e.message, text).toMatch(message);
    }
  });
});

describe('int overflow of a negation (cel-js 8.0 negates without its check)', () => {
  it('-(-2^63) is an overflow: the comparison over it fails for that entry, other entries are compared as usual', () => {
    expect(matches('-data.n > 0', { data: '{"n":-9223372036854775808}' })).toBe(false);
    expect(matches('!(-data.n > 0)', { data: '{"n":-9223372036854775808}' })).toBe(true); // the failed comparison is false, its negation true
    expect(matches('-data.n > 0', { data: '{"n":-9223372036854775807}' })).toBe(true);
    expect(matches('-data.n == 9223372036854775807', { data: '{"n":-9223372036854775807}' })).toBe(true);
    expect(matches('-data.n < 0', { data: '{"n":5}' })).toBe(true);
    expect(matches('-data.x < 0.0', { data: '{"x":2.5}' })).toBe(true);
  });
});

describe('`in` compares a uint by value (cel-js 8.0 finds a uint only among uints)', () => {
  it('a JSON integer past int64 (a uint) is found among ints and doubles of the same value, and ints among uints', () => {
    const big = '{"n":9223372036854775808,"m":3,"tags":[9223372036854775808, 1]}';
    expect(matches('data.n in [9223372036854775808.0, 1]', { data: big })).toBe(true);
    expect(matches('data.n in [9223372036854775809.0]', { data: big })).toBe(true); // the same double: 2^63 + 1 is not a double
    expect(matches('data.n in [9223372036854775807, 1]', { data: big })).toBe(false);
    expect(matches('data.m in [1u, 3u]', { data: big })).toBe(true);
    expect(matches('data.m in [1u, 4u]', { data: big })).toBe(false);
    expect(matches('9223372036854775808.0 in data.tags', { data: big })).toBe(true);
    expect(matches('dyn(3.5) in [3u]', { data: big })).toBe(false);
    expect(matches('dyn("x") in [1u]', { data: big })).toBe(false);
  });
});

describe('a macro over the empty list literal (cel-js 8.0 fails its check)', () => {
  it('is checked with its body and gives the answer over no elements', () => {
    expect(matches('[].all(e, e > data.n)', { data: '{"n":1}' })).toBe(true);
    expect(matches('[].exists(e, e == data.n)', { data: '{"n":1}' })).toBe(false);
    expect(matches('![].exists_one(e, e == 2) && [].map(e, e * 2) == []', {})).toBe(true);
    expect(errorOf('[].all(e, e + "x" > 3)').message).toMatch(/string > int/);
  });
});

describe('lists and maps compare numbers by value (cel-js 8.0 finds a uint unequal to an int or double)', () => {
  it('a data list holding an integer past int64 equals a literal list of the same values', () => {
    const big = '{"tags":[9223372036854775808, 1, "a"]}';
    expect(matches('data.tags == [9223372036854775808.0, 1.0, "a"]', { data: big })).toBe(true);
    expect(matches('data.tags != [9223372036854775808.0, 1.0, "a"]', { data: big })).toBe(false);
    expect(matches('data.tags == [9223372036854775808.0, 2.0, "a"]', { data: big })).toBe(false);
    expect(matches('data.tags == [9223372036854775808.0, 1.0, "b"]', { data: big })).toBe(false);
    expect(matches('data.tags == [9223372036854775808.0, 1.0]', { data: big })).toBe(false);
    expect(matches('[[1u], {"k": 2u}] == [[1.0], {"k": 2}]', {})).toBe(true);
  });
});
