import { describe, expect, it } from 'vitest';
import { blake3Hex, blake3HexSync, documentHash, documentHashSync, initBlake3, parseJson } from '../../../core/json/index.js';

const EMPTY = 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262';

describe('BLAKE3', () => {
  it('hashes the empty input to the known vector', async () => {
    expect(await blake3Hex('')).toBe(EMPTY);
    expect(await blake3Hex(new Uint8Array())).toBe(EMPTY);
  });

  it('hashes the UTF-8 bytes of a string', async () => {
    const text = '{"name":"Zoë 😀"}';
    expect(await blake3Hex(text)).toBe(await blake3Hex(new TextEncoder().encode(text)));
    expect(await blake3Hex('a')).not.toBe(await blake3Hex('b'));
  });

  it('has a synchronous form once loaded, giving the same digests', async () => {
    await initBlake3();
    await initBlake3();
    expect(blake3HexSync('')).toBe(EMPTY);
    for (const s of ['abc', 'x'.repeat(100_000), 'é\u2028😀']) expect(blake3HexSync(s)).toBe(await blake3Hex(s));
  });

  it('gives correct digests when async calls overlap', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => 'doc-' + i);
    const parallel = await Promise.all(inputs.map((s) => blake3Hex(s)));
    for (let i = 0; i < inputs.length; i++) expect(parallel[i]).toBe(blake3HexSync(inputs[i] as string));
  });

  it('refuses a string with a lone surrogate', async () => {
    await expect(blake3Hex('\ud800')).rejects.toThrow(TypeError);
  });

  it('hashes a document as the compact text of its data', async () => {
    const r = parseJson('{"name":"Alice","email":"alice@example.com","age":30}');
    if (!r.ok) throw new Error(r.message);
    // crash-before-write/store/data/users/alice.json in the golden recovery cases
    const expected = '8da51ac76b999282fc038abf706bd408282d7eef908dd57f6ffee2ab75375735';
    expect(await documentHash(r.value)).toBe(expected);
    await initBlake3();
    expect(documentHashSync(r.value)).toBe(expected);
    expect(await blake3Hex('{"age":30,"email":"alice@example.com","name":"Alice"}')).toBe(expected);
  });
});
