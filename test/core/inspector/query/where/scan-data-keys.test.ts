/** The one-pass text scan's own edges (data-members.test.ts holds it to the whole parse on random documents). */
import { describe, expect, it } from 'vitest';
import { CelUint } from '../../../../../core/inspector/query/where/cel-values.js';
import { scanDataKeys } from '../../../../../core/inspector/query/where/scan-data-keys.js';

describe('scanDataKeys', () => {
  it('makes only the keys asked for, the last of duplicates, numbers as the whole parse does', () => {
    const got = scanDataKeys('{"a":1,"skip":{"x":[1,2,{"y":"z"}]},"a":-0,"b":1.0,"c":18446744073709551615,"d":2e0}', new Set(['a', 'b', 'c', 'd']));
    expect(got).toEqual(new Map<string, unknown>([['a', 0n], ['b', 1], ['c', new CelUint(18446744073709551615n)], ['d', 2]]));
    expect(scanDataKeys(' [1, "x", null, true] ', new Set(['a']))).toEqual([1n, 'x', null, true]);
  });

  it('is not sure (undefined) of escapes, surrogates, the number token, deep text or text that is not JSON', () => {
    for (const text of ['{"a":"\\n"}', '{"a":"😀"}', '{"$serde_json::private::Number":"1"}', `{"a":${'['.repeat(64)}${']'.repeat(64)}}`,
      '{"a":1,}', '{"a":01}', '{"a":1.}', '{"a":1e+}', '\ufeff{}', '{"a":1} x', '', '{"a":"x\u0001"}']) {
      expect(scanDataKeys(text, new Set(['a'])), JSON.stringify(text)).toBeUndefined();
    }
  });
});
