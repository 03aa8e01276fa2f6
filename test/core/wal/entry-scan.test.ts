import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { hashIdBytes, internedBytes } from '../../../core/wal/id-interner.js';
import { hashHi, hashId, hashLo } from '../../../core/wal/id-hash.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import { indexRange, type IndexedRange } from '../../support/index-columns.js';
import { BinaryRunScanner, type RunVisitor } from '../../../core/wal/binary-run-scanner.js';
import { ByteWindow, FileByteSource } from '../../../core/wal/byte-source.js';
import { EntryScanKernel, entryScanKernel } from '../../../core/wal/wasm/entry-scan.js';
import { ENTRY_SCAN_WASM_BASE64 } from '../../../core/wal/wasm/entry-scan-wasm.js';
import { compileEntryScan } from '../../../scripts/build-wasm.js';
import { randomEntry, randomId, seededRandom } from '../../support/random-entries.js';
import { GOLDEN } from '../../support/paths.js';
import { entryWithData, withValidCrc } from '../../support/crafted-entries.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-entry-scan-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every column of two indexes, compared (ids by their bytes). */
function expectSameIndex(actual: IndexedRange, expected: IndexedRange, label: string): void {
  expect(actual.count, label).toBe(expected.count);
  expect(actual.damage, label).toEqual(expected.damage);
  expect(actual.end, label).toBe(expected.end);
  for (const column of ['offsets', 'lengths', 'types', 'timestamps', 'txHashLo', 'txHashHi', 'txAt', 'hasData', 'dataBytes'] as const) {
    expect(Buffer.from(actual[column].buffer, actual[column].byteOffset, actual[column].byteLength)
      .equals(Buffer.from(expected[column].buffer, expected[column].byteOffset, expected[column].byteLength)), `${label}: ${column}`).toBe(true);
  }
  const ids = (index: IndexedRange, column: 'collections' | 'documents') =>
    Array.from(index[column], (id) => Buffer.from(internedBytes(index.ids, id)).toString('hex'));
  // Each distinct id once: the scanner's hash must be the interner's, or ids would repeat.
  expect(actual.ids.count, `${label}: distinct ids`).toBe(expected.ids.count);
  expect(ids(actual, 'collections'), label).toEqual(ids(expected, 'collections'));
  expect(ids(actual, 'documents'), label).toEqual(ids(expected, 'documents'));
}

function writeFile(name: string, bytes: Uint8Array): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
}

/** Entries the WebAssembly path took in the last expectEnginesAgree. */
let fastShare = 0;

function expectEnginesAgree(p: string, from = 0, stop = Infinity): IndexedRange {
  const before = entryScanKernel()!.accepted;
  const fast = indexRange(p, from, stop, 'wasm');
  fastShare = fast.count === 0 ? 0 : (entryScanKernel()!.accepted - before) / fast.count;
  expectSameIndex(fast, indexRange(p, from, stop, 'typescript'), `${path.basename(p)} [${from}, ${stop})`);
  return fast;
}

/** Bytes that are mostly UTF-8, with the invalid forms a validator gets wrong mixed in. */
function utf8ish(rand: () => number, n: number): Uint8Array {
  const pieces = [
    [0x41], [0x7f], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xed, 0x9f, 0xbf],
    [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80],
    [0xf5, 0x80, 0x80, 0x80], [0xff], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98],
  ];
  const out: number[] = [];
  while (out.length < n) {
    if (rand() < 0.9) for (let k = Math.floor(rand() * 40); k > 0; k--) out.push(0x20 + Math.floor(rand() * 90));
    out.push(...pieces[Math.floor(rand() * (rand() < 0.7 ? 7 : pieces.length))]!);
  }
  return Uint8Array.from(out.slice(0, n));
}

describe('WebAssembly entry scanner', () => {
  it('the embedded module is what its AssemblyScript source compiles to (rebuild: npx tsx scripts/build-wasm.ts)', async () => {
    const built = Buffer.from(await compileEntryScan()).toString('base64');
    expect(built === ENTRY_SCAN_WASM_BASE64, 'core/wal/wasm/entry-scan-wasm.ts is stale').toBe(true);
  }, 60_000);

  it('accepts data exactly when it is valid UTF-8 (as node:buffer.isUtf8)', () => {
    const kernel = new EntryScanKernel(1 << 20);
    const rand = seededRandom(77);
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < 3000; i++) {
      const data = utf8ish(rand, Math.floor(rand() * (i % 10 === 0 ? 2000 : 60)));
      const entry = entryWithData(data, i);
      kernel.chunk.set(entry, 0);
      const k = kernel.scanRun(0, entry.length, entry.length);
      expect(k, `data ${Buffer.from(data).toString('hex')}`).toBe(isUtf8(data) ? 1 : 0);
      if (isUtf8(data)) valid++;
      else invalid++;
    }
    expect(valid).toBeGreaterThan(300);
    expect(invalid).toBeGreaterThan(300);
  });

  it('agrees with the TypeScript scanner on every golden binary file', () => {
    const files = fs.readdirSync(GOLDEN, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.wal$/.test(f) && fs.statSync(path.join(GOLDEN, f)).isFile());
    let checked = 0;
    for (const f of files) {
      const p = path.join(GOLDEN, f);
      const head = fs.readFileSync(p).subarray(0, 1);
      if (head[0] === 0x7b) continue; // JSON Lines
      expectEnginesAgree(p);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('agrees on edge cases: long ids, u64 timestamps, invalid UTF-8 data, overlong varints, entries past the chunk', () => {
    const rand = seededRandom(9);
    const parts: Buffer[] = [];
    const ts = [0n, 1n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n + 12345n, 2n ** 64n - 1n];
    for (let i = 0; i < 400; i++) {
      parts.push(Buffer.from(encodeBinaryEntry(createEntry({
        entryType: (['Insert', 'Update', 'Delete', 'Begin', 'Commit', 'Rollback'] as const)[i % 6]!,
        transactionId: randomId(rand, 32),
        collection: i % 50 === 0 ? 'c'.repeat(127 + (i % 3)) : 'users',
        documentId: [0, 15, 16, 17, 127, 128, 255, 256, 300][i % 9] === 0 ? '' : randomId(rand, [1, 15, 16, 17, 127, 128, 255, 256, 300][i % 9]!),
        timestamp: ts[i % ts.length]!,
        data: i % 4 === 0 ? null : i % 4 === 1 ? '' : i % 4 === 2 ? 'é€😀'.repeat(i) : 'x'.repeat(Math.floor(rand() * 3000)),
      }))));
      if (i % 37 === 0) parts.push(entryWithData(Uint8Array.from([0x61, 0xed, 0xa0, 0x80, 0x61]), i)); // a surrogate: undecodable
      if (i % 41 === 0) {
        // A valid entry whose collection length is an overlong varint (0x85 0x00): decodable, left to TypeScript.
        const e = Buffer.from(encodeBinaryEntry(createEntry({ entryType: 'Delete', transactionId: randomId(rand, 32), collection: 'users', documentId: 'd', timestamp: 5n, data: null })));
        const o = Buffer.concat([e.subarray(0, 34), Buffer.from([0x85, 0x00]), e.subarray(35)]);
        parts.push(withValidCrc(o));
      }
      if (i === 200) parts.push(entryWithData(Buffer.alloc(5 << 20, 0x61), i)); // larger than the 4 MiB chunk
      if (i === 300) parts.push(entryWithData(Buffer.alloc((1 << 20) + 17, 0x62), i)); // larger than a run
    }
    const index = expectEnginesAgree(writeFile('edges.wal', Buffer.concat(parts)));
    expect(index.damage.length).toBeGreaterThan(5);
    expect(fastShare).toBeGreaterThan(0.5);
    expect(Math.max(...index.lengths)).toBeGreaterThan(5 << 20);
  });

  it('agrees on seeded mutations of logs larger than the chunk, and on ranges cut anywhere', () => {
    const rand = seededRandom(20261127);
    const base = Buffer.concat(Array.from({ length: 12_000 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i)))));
    expect(base.length).toBeGreaterThan(4 << 20);
    for (let round = 0; round < 12; round++) {
      const file = Buffer.from(base);
      for (let m = 0; m < 1 + round; m++) {
        const at = Math.floor(rand() * file.length);
        const kind = Math.floor(rand() * 3);
        if (kind === 0) file[at] = file[at]! ^ (1 << Math.floor(rand() * 8));
        else if (kind === 1) file.fill(0, at, at + 1 + Math.floor(rand() * 200));
        else for (let k = at; k < Math.min(file.length, at + 50); k++) file[k] = Math.floor(rand() * 256);
      }
      const cut = round % 3 === 0 ? Math.floor(rand() * file.length) : file.length;
      const p = writeFile(`mutated-${round}.wal`, file.subarray(0, cut));
      const whole = expectEnginesAgree(p);
      if (round < 4) expect(whole.damage.length).toBeGreaterThan(0);
      expect(fastShare).toBeGreaterThan(0.97); // only the entries next to damage are read by TypeScript
      const from = whole.offsets[Math.floor(whole.count / 3)]!;
      expectEnginesAgree(p, from, from + Math.floor(rand() * (2 << 20)));
    }
  }, 60_000);

  it('two scans that take turns in one thread (sharing its scanner) each read their own file', () => {
    const rand = seededRandom(5);
    const files = [0, 1].map((k) => writeFile(`turns-${k}.wal`, Buffer.concat(Array.from({ length: 9000 + k * 500 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i)))))));
    const collect = (into: number[]): RunVisitor => ({
      run: (kernel, k, base) => {
        for (let j = 0; j < k; j++) into.push(kernel.u32[kernel.columns.offset + j]! + base - kernel.input, kernel.u32[kernel.columns.length + j]!);
      },
      entry: (s) => into.push(s.entryOffset, s.entryLength),
      damage: (s) => into.push(-s.damageOffset, s.damageLength),
    });
    const sources = files.map((f) => FileByteSource.open(f, f));
    try {
      const scans = sources.map((src) => new BinaryRunScanner(new ByteWindow(src)));
      const got: number[][] = [[], []];
      const visitors = got.map(collect);
      let live = 2;
      while (live > 0) {
        live = 0;
        for (const k of [0, 1]) if (scans[k]!.next(Infinity, visitors[k]!) > 0) live++;
      }
      for (const k of [0, 1]) {
        const index = indexRange(files[k]!, 0, Infinity, 'typescript');
        const want = Array.from({ length: index.count }, (_, i) => [index.offsets[i]!, index.lengths[i]!]).flat();
        expect(got[k]).toEqual(want);
      }
    } finally {
      for (const src of sources) src.close();
    }
  });

  it('hashes ids as the interner and id-hash do (document, transaction)', () => {
    const kernel = new EntryScanKernel(1 << 20);
    const rand = seededRandom(21);
    for (let i = 0; i < 300; i++) {
      const doc = randomId(rand, i % 260);
      const e = Buffer.from(encodeBinaryEntry(createEntry({ entryType: 'Delete', transactionId: randomId(rand, 32), collection: 'c', documentId: doc, timestamp: 1n, data: null })));
      kernel.chunk.set(e, 0);
      expect(kernel.scanRun(0, e.length, e.length)).toBe(1);
      const c = kernel.columns;
      const docAt = kernel.u32[c.docStart]!;
      const docLen = kernel.u32[c.docLen]!;
      expect(Buffer.from(kernel.bytes.subarray(docAt, docAt + docLen)).toString().replace(/\0+$/, '')).toBe(doc.slice(0, 256));
      expect(kernel.u32[c.docHash]).toBe(hashIdBytes(kernel.bytes, docAt, docLen));
      hashId(e, 2, 32);
      expect([kernel.u32[c.txLo], kernel.u32[c.txHi]]).toEqual([hashLo(), hashHi()]);
    }
  });
});
