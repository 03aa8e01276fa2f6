import { describe, expect, it } from 'vitest';
import { JSON_MEMBERS_WASM_BASE64 } from '../../../core/wal/wasm/json-members-wasm.js';
import { JsonMembersKernel } from '../../../core/wal/wasm/json-members.js';
import { compileJsonMembers } from '../../../scripts/build-wasm.js';

/** Member spans of `text` as the texts they cover, or -1. */
function members(k: JsonMembersKernel, text: string): [string, string][] | -1 {
  const bytes = Buffer.from(text);
  const n = k.scan(bytes);
  if (n < 0) return -1;
  return Array.from({ length: n }, (_, i) => [
    bytes.subarray(k.span(i, 0), k.span(i, 1)).toString(), bytes.subarray(k.span(i, 2), k.span(i, 3)).toString(),
  ]);
}

describe('WebAssembly JSON member scanner', () => {
  it('the embedded module is what its AssemblyScript source compiles to (rebuild: npx tsx scripts/build-wasm.ts)', async () => {
    const built = Buffer.from(await compileJsonMembers()).toString('base64');
    expect(built === JSON_MEMBERS_WASM_BASE64, 'core/wal/wasm/json-members-wasm.ts is stale').toBe(true);
  }, 60_000);

  it('gives each member\'s key and value span, duplicates included', () => {
    const k = JsonMembersKernel.create()!;
    const long = 'é'.repeat(40);
    expect(members(k, ` { "a" : [1, {"b":null}] ,"é":"${long}","a":-1.5e+3, "t":true,"f":false }  `)).toEqual([
      ['a', '[1, {"b":null}]'], ['é', `"${long}"`], ['a', '-1.5e+3'], ['t', 'true'], ['f', 'false'],
    ]);
    expect(members(k, '{}')).toEqual([]);
  });

  it('is not sure (-1) of anything outside its subset, valid or not', () => {
    const k = JsonMembersKernel.create()!;
    const pad = 'p'.repeat(40);
    for (const text of [
      '[1]', '"s"', '', '{', '{"a":1,}', '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":1e}', '{"a":tru}', '{"a":nul}', '{"a":1} 2',
      `{"a":"${pad}\\n"}`, `{"a":"${pad}\u0001"}`, '{"$serde_json::private::Number":"1"}', `{"a":${'['.repeat(64)}${']'.repeat(64)}}`,
      '\ufeff{}', '{"a" 1}', '{a:1}', `{"a":"${pad}`,
    ]) expect(members(k, text), JSON.stringify(text)).toBe(-1);
    // 63 levels inside the object are taken
    expect(members(k, `{"a":${'['.repeat(63)}${']'.repeat(63)}}`)).not.toBe(-1);
  });

  it('grows its memory for large data', () => {
    const k = JsonMembersKernel.create()!;
    const big = 'x'.repeat(3 << 20);
    expect(members(k, `{"n":1,"big":"${big}"}`)).toEqual([['n', '1'], ['big', `"${big}"`]]);
  });
});
