import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowFilter } from '../../../../core/contract/contract.js';
import { openLocation } from '../../../../core/inspector/open-location.js';
import { rowPage } from '../../../../core/inspector/query/row-page.js';
import { foldAsciiInto, Needle } from '../../../../core/inspector/query/text-needle.js';
import { textMatches } from '../../../../core/inspector/query/text-search.js';
import { Session } from '../../../../core/inspector/session.js';
import { seededRandom } from '../../../support/random-entries.js';
import { binaryBytes, entries, harness, jsonlBytes, must, tempDir, writeFile, type Spec } from '../support/inspector-fixtures.js';

/** Text search in data: raw-byte search (folded, anchored or exact) and regular expressions, against a plain reference. */
const h = harness();
afterAll(() => h.service.close());

// ſ (U+017F) and the Kelvin sign (U+212A) match s and k in a regular expression without case.
const WORDS = ['Alice', 'alice', 'ALICE', 'aLiCe', 'bob', 'user-77', 'USER-77', 'Ünïcode', 'ünïcode', 'naïve', 'x', 'order 12345', '"name":"Al"', 'uſer-77', '\u212aind', 'kind'];
const rand = seededRandom(9);
const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
/** 1,200 entries: data made of the words above; ids sometimes hold a word too (never a match: only data counts). */
const SPECS: Spec[] = Array.from({ length: 1200 }, (_, i) => {
  const type = (['Insert', 'Update', 'Delete', 'Begin', 'Commit'] as const)[i % 5]!;
  const data = type === 'Insert' || type === 'Update' ? JSON.stringify({ i, note: `${pick()} ${pick()}`, pad: 'p'.repeat(Math.floor(rand() * 300)) }) : null;
  return { type, doc: i % 7 === 0 ? 'alice-doc' : `doc-${i}`, tx: i % 11 === 0 ? 'user-77-tx' : `tx-${i}`, data };
});

function reference(test: (data: string) => boolean): number[] {
  return SPECS.flatMap((s, row) => (s.data && test(s.data) ? [row] : []));
}
const asciiLower = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());

const logs: Record<string, string> = {};
beforeAll(async () => {
  const dir = tempDir();
  logs.binary = (await h.open(writeFile(path.join(dir, 'text.wal'), binaryBytes(entries(SPECS))))).session_id;
  logs.jsonl = (await h.open(writeFile(path.join(dir, 'text.jsonl'), jsonlBytes(entries(SPECS))))).session_id;
});

async function rowsFor(session_id: string, filter: RowFilter): Promise<number[]> {
  return must(await h.api.rows.page({ session_id, offset: 0, limit: 10_000, filter })).rows.map((r) => r.row);
}

describe('text search in data', () => {
  /** The last element, when given: a text that one of the matching rows' data must hold (the case is not vacuous). */
  const cases: [string, RowFilter, (d: string) => boolean, string?][] = [
    ['folded, with a letter-free anchor', { text: 'user-77' }, (d) => asciiLower(d).includes('user-77')],
    ['folded, letters only', { text: 'ALICE' }, (d) => asciiLower(d).includes('alice')],
    ['folded: letters outside ASCII match only themselves', { text: 'Ünïcode' }, (d) => asciiLower(d).includes(asciiLower('Ünïcode'))],
    ['case-sensitive', { text: 'aLiCe', text_case_sensitive: true }, (d) => d.includes('aLiCe')],
    ['stored text with quotes', { text: '"note":"al' }, (d) => asciiLower(d).includes('"note":"al')],
    ['a regular expression', { text: 'ali(ce)? u', text_regex: true }, (d) => /ali(ce)? u/iu.test(d)],
    ['a case-sensitive regular expression beyond ASCII', { text: '^\\{"i":\\d+,"note":"ü', text_regex: true, text_case_sensitive: true }, (d) => /^\{"i":\d+,"note":"ü/u.test(d)],
    ['a regular expression folding non-ASCII case', { text: 'ÜNÏ', text_regex: true }, (d) => /ÜNÏ/iu.test(d)],
    ['a regular expression whose s matches ſ', { text: 'user-77', text_regex: true }, (d) => /user-77/iu.test(d), 'uſer-77'],
    ['a regular expression whose k matches the Kelvin sign', { text: '"kind', text_regex: true }, (d) => /"kind/iu.test(d), '"\u212aind'],
    ['a regular expression with an alternation (no literal)', { text: 'bob|order \\d+', text_regex: true }, (d) => /bob|order \d+/iu.test(d)],
    ['a regular expression with a literal in a group', { text: '"note":"(?:al)+ice', text_regex: true }, (d) => /"note":"(?:al)+ice/iu.test(d)],
  ];
  for (const [name, filter, test, held] of cases) {
    it(`finds exactly the rows whose data matches: ${name}`, async () => {
      const want = reference(test);
      expect(want.length).toBeGreaterThan(0);
      if (held) expect(want.some((r) => SPECS[r]!.data!.includes(held))).toBe(true);
      for (const kind of ['binary', 'jsonl']) expect(await rowsFor(logs[kind]!, filter), kind).toEqual(want);
    });
  }

  it('answers within a deadline with the rows found so far, and goes on from there', async () => {
    const want = reference((d) => asciiLower(d).includes('bob'));
    const file = writeFile(path.join(tempDir(), 'partial.wal'), binaryBytes(entries(SPECS)));
    const session = new Session({ id: 'p', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    try {
      await session.indexer.whenDone();
      const seen: number[] = [];
      // Runs of 4 KiB and a deadline already past: one run a call.
      const ask = () => textMatches(session, 'bob', { caseSensitive: false, regex: false, deadline: 0, runBytes: 4096 });
      const rowsOf = (bitmap: Uint8Array) => Array.from(bitmap.keys()).filter((r) => bitmap[r] === 1);
      let m = await ask();
      let calls = 1;
      while (m.scanned < session.store.rows) {
        // Never a match it does not have: only rows already scanned, exactly those that match.
        expect(rowsOf(m.bitmap)).toEqual(want.filter((r) => r < m.scanned));
        seen.push(m.scanned);
        m = await ask();
        calls++;
        if (calls > 10_000) throw new Error('no progress');
      }
      expect(seen.length).toBeGreaterThan(5);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(rowsOf(m.bitmap)).toEqual(want);
      // Through rows.page: the same answer once done, with scanned = every row.
      const page = await rowPage(session, 0, 10_000, { text: 'bob' }, undefined, undefined, undefined, 5000);
      expect([page.rows.map((r) => r.row), page.scanned]).toEqual([want, session.store.rows]);
    } finally {
      await session.close();
    }
  });

  it("finds a regular expression's shorter literal that starts after a longer one which runs past the data into the CRC", async () => {
    // Data "12345" and a CRC whose first byte is a letter or digit X: /345X|45/ has the literals
    // "345X" (found first, ending in the CRC) and "45" (starting after it, inside the data).
    let bytes: Buffer | null = null;
    for (let i = 0; i < 5000 && !bytes; i++) {
      const b = binaryBytes(entries([{ type: 'Insert', doc: `doc-${i}`, data: '12345' }]));
      if (/[A-Za-z0-9]/.test(String.fromCharCode(b[b.length - 4]!))) bytes = b;
    }
    const crc0 = String.fromCharCode(bytes![bytes!.length - 4]!);
    const query = `345${crc0}|45`;
    expect(new Needle(query, true, true).literals.map(String)).toEqual([`345${crc0}`, '45']);
    const file = writeFile(path.join(tempDir(), 'crc.wal'), bytes!);
    const session = new Session({ id: 'c', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    try {
      await session.indexer.whenDone();
      const m = await textMatches(session, query, { caseSensitive: true, regex: true });
      expect(Array.from(m.bitmap)).toEqual([1]);
    } finally {
      await session.close();
    }
  });

  it('refuses a malformed regular expression with a code naming the field', async () => {
    const r = await h.api.rows.page({ session_id: logs.binary!, offset: 0, limit: 10, filter: { text: 'a(b', text_regex: true } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.context.field]).toEqual(['INVALID_ARGUMENT', 'filter.text']);
  });
});

describe('foldAsciiInto', () => {
  it('lowercases ASCII letters and nothing else, aligned or not, at every length', () => {
    const all = Uint8Array.from({ length: 256 * 4 + 3 }, (_, i) => i % 256);
    for (const offset of [0, 1]) {
      for (const n of [0, 1, 3, 4, 7, 256, all.length - 1]) {
        const src = new Uint8Array(new ArrayBuffer(all.length + 1), offset, all.length);
        src.set(all);
        const dst = new Uint8Array(new ArrayBuffer(all.length + 1), offset, all.length);
        foldAsciiInto(src, dst, n);
        const want = Array.from(all.subarray(0, n), (b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b));
        expect(Array.from(dst.subarray(0, n))).toEqual(want);
      }
    }
  });
});

describe('text search on two threads', () => {
  it('finds the rows one thread finds when a second thread searches every other run', async () => {
    const file = writeFile(path.join(tempDir(), 'two.wal'), binaryBytes(entries(SPECS)));
    const session = new Session({ id: 't', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    try {
      await session.indexer.whenDone();
      const rowsOf = (bitmap: Uint8Array) => Array.from(bitmap.keys()).filter((r) => bitmap[r] === 1);
      const cases: [string, boolean, boolean, (d: string) => boolean][] = [
        ['bob', false, false, (d) => asciiLower(d).includes('bob')],
        ['aLiCe', true, false, (d) => d.includes('aLiCe')],
        ['user-77', false, false, (d) => asciiLower(d).includes('user-77')],
        ['ali(ce)? u', false, true, (d) => /ali(ce)? u/iu.test(d)],
        ['user-77', false, true, (d) => /user-77/iu.test(d)],
        ['bob|x', false, true, (d) => /bob|x/iu.test(d)],
        ['"note":"ALICE', true, true, (d) => /"note":"ALICE/u.test(d)],
      ];
      for (const [query, caseSensitive, regex, test] of cases) {
        const want = reference(test);
        const runs: number[] = [];
        session.cache.lasting.clear();
        // Runs of 4 KiB and no threshold: the log's 200-odd KiB make dozens of runs, half of them elsewhere.
        const m = await textMatches(session, query, { caseSensitive, regex, runBytes: 4096, splitBytes: 0, ran: (n) => runs.push(n) });
        expect(rowsOf(m.bitmap), query).toEqual(want);
        expect(runs[0], query).toBeGreaterThan(10);
      }
    } finally {
      await session.close();
    }
  });

  it('finds exactly the rows a random regular expression matches, on one thread and on two', async () => {
    const file = writeFile(path.join(tempDir(), 'random-regex.wal'), binaryBytes(entries(SPECS)));
    const session = new Session({ id: 'r', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    try {
      await session.indexer.whenDone();
      const rowsOf = (bitmap: Uint8Array) => Array.from(bitmap.keys()).filter((r) => bitmap[r] === 1);
      const r = seededRandom(1617);
      const any = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      // A word of the data, cut and with some of its characters turned into regular expression syntax.
      const piece = () => {
        const w = any(WORDS);
        const from = Math.floor(r() * 3);
        return [...w.slice(from, from + 2 + Math.floor(r() * 8))]
          .map((c) => (/[\\^$.*+?()[\]{}|]/.test(c) ? `\\${c}` : c))
          .map((c) => (r() < 0.1 ? '.' : r() < 0.08 ? `${c}?` : r() < 0.05 ? `(?:${c})+` : r() < 0.04 ? '[a-z]' : c))
          .join('');
      };
      let nonEmpty = 0;
      let withLiteral = 0;
      let withSeveral = 0;
      for (let round = 0; round < 40; round++) {
        const query = r() < 0.4 ? `${piece()}|${piece()}` : r() < 0.3 ? `"note":"${piece()}` : piece();
        const caseSensitive = r() < 0.35;
        const re = new RegExp(query, caseSensitive ? 'u' : 'iu');
        const want = reference((d) => re.test(d));
        if (want.length > 0) nonEmpty++;
        const { literals } = new Needle(query, caseSensitive, true); // searched through its literals
        if (literals.length > 0) withLiteral++;
        if (literals.length > 1) withSeveral++;
        for (const splitBytes of [Infinity, 0]) {
          session.cache.lasting.clear();
          const m = await textMatches(session, query, { caseSensitive, regex: true, runBytes: 4096, splitBytes });
          expect(rowsOf(m.bitmap), `${query} ${caseSensitive ? 'u' : 'iu'} split=${splitBytes}`).toEqual(want);
        }
      }
      expect([nonEmpty > 20, withLiteral > 20, withSeveral > 4]).toEqual([true, true, true]);
    } finally {
      await session.close();
    }
  });
});
