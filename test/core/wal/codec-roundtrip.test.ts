import { describe, expect, it } from 'vitest';
import { decodeBinaryEntry, encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { fixedBytes256, fixedBytes32, idText } from '../../../core/wal/fixed-bytes.js';
import { decodeJsonlLine, encodeJsonlEntry } from '../../../core/wal/jsonl-codec.js';
import { entryText, U64_MAX, type LogEntry } from '../../../core/wal/log-entry.js';
import { createEntry } from '../../../core/wal/new-entry.js';

const TX = 'tz4a98xxat96iws9zmbrgj3a1qjnv9b2';

function roundTrip(entry: LogEntry): void {
  const bytes = encodeBinaryEntry(entry);
  const back = decodeBinaryEntry(bytes);
  expect(back).toEqual(entry);
  expect(Buffer.from(encodeBinaryEntry(back)).equals(Buffer.from(bytes))).toBe(true);
  const line = encodeJsonlEntry(entry);
  expect(line.endsWith('\n')).toBe(true);
  const fromLine = decodeJsonlLine(line.trim());
  expect(fromLine.ok).toBe(true);
  if (fromLine.ok && entryText(entry).idUtf8Valid) expect(fromLine.entry).toEqual(entry);
}

describe('FixedBytes padding and truncation', () => {
  it.each([0, 15, 16, 17, 255, 256, 257, 300])('a %i-byte id pads to a multiple of 16, cut at 256', (n) => {
    const b = fixedBytes256('a'.repeat(n));
    expect(b.length).toBe(Math.min(256, Math.ceil(n / 16) * 16));
    expect(idText(b).text).toBe('a'.repeat(Math.min(n, 256)));
  });

  it('FixedBytes32 is always 32 bytes', () => {
    for (const n of [0, 1, 31, 32, 33, 40, 64]) expect(fixedBytes32('x'.repeat(n)).length).toBe(32);
    expect(idText(fixedBytes32('x'.repeat(40))).text).toBe('x'.repeat(32));
  });

  it('a multi-byte id cut at 256 bytes mid-character reads back lossily and flagged', () => {
    const id = 'é'.repeat(200); // 400 bytes: the cut at 256 lands on a character boundary
    expect(idText(fixedBytes256(id)).utf8Valid).toBe(true);
    const odd = 'ab' + '€'.repeat(100); // 2 + 300 bytes: byte 256 falls inside a 3-byte character
    const t = idText(fixedBytes256(odd));
    expect(t.utf8Valid).toBe(false);
    expect(t.text.endsWith('\ufffd')).toBe(true);
  });
});

describe('binary and JSON Lines round trips', () => {
  it.each([0, 15, 16, 17, 255, 256, 257, 300])('ids of %i bytes', (n) => {
    roundTrip(createEntry({ entryType: 'Insert', transactionId: TX, collection: 'c'.repeat(n), documentId: 'd'.repeat(n), timestamp: 1n, data: '{}' }));
  });

  it('multi-byte UTF-8 ids', () => {
    roundTrip(createEntry({ entryType: 'Update', transactionId: TX, collection: 'ユーザー', documentId: '😀-doc-ü', timestamp: 5n, data: '{"a":1}' }));
  });

  it.each([0n, 127n, 128n, (1n << 53n) + 1n, U64_MAX])('timestamp %s', (ts) => {
    roundTrip(createEntry({ entryType: 'Delete', transactionId: TX, collection: 'users', documentId: 'u1', timestamp: ts }));
  });

  it('data absent, empty, 100 KB and unicode', () => {
    for (const data of [null, '', JSON.stringify({ big: 'x'.repeat(100 * 1024) }), '{"s":"😀\u2028\u2029\\n\\"é"}']) {
      roundTrip(createEntry({ entryType: 'Insert', transactionId: TX, collection: 'users', documentId: 'u1', timestamp: 9n, data }));
    }
  });

  it('rejects timestamps outside u64', () => {
    expect(() => createEntry({ entryType: 'Begin', collection: 'a', documentId: 'b', timestamp: U64_MAX + 1n })).toThrow(RangeError);
  });

  it('generates cuid2 transaction ids of 32 characters', () => {
    const e = createEntry({ entryType: 'Begin', collection: 'a', documentId: 'b' });
    expect(entryText(e).transactionId).toMatch(/^[a-z0-9]{32}$/);
  });
});

describe('JSON Lines decoding follows the original', () => {
  const base = { collection: 'users', data: '{"a":1}', document_id: 'u1', entry_type: 'Insert', timestamp: 7, transaction_id: TX };
  const line = (o: Record<string, unknown>) => JSON.stringify(o);

  it('accepts any key order and extra keys; the last duplicate wins', () => {
    const r = decodeJsonlLine('{"zzz":1,"timestamp":7,"entry_type":"Insert","document_id":"u1","collection":"users","transaction_id":"' + TX + '","data":"x","data":"y"}');
    expect(r.ok && r.entry.data).toBe('y');
  });
  it('missing or non-string data is no data', () => {
    const { data: _omit, ...noData } = base;
    const a = decodeJsonlLine(line(noData));
    const b = decodeJsonlLine(line({ ...base, data: 5 }));
    expect(a.ok && a.entry.data).toBe(null);
    expect(b.ok && b.entry.data).toBe(null);
  });
  it('rejects float and negative timestamps, unknown and wrong-case entry types, missing fields', () => {
    expect(decodeJsonlLine(line({ ...base, timestamp: 1.5 })).ok).toBe(false);
    expect(decodeJsonlLine(line({ ...base, timestamp: -1 })).ok).toBe(false);
    expect(decodeJsonlLine(line({ ...base, entry_type: 'insert' })).ok).toBe(false);
    const { entry_type: _e, ...noType } = base;
    expect(decodeJsonlLine(line(noType)).ok).toBe(false);
  });
  it('keeps u64 timestamps above 2^53 exactly', () => {
    const r = decodeJsonlLine(line({ ...base, timestamp: 0 }).replace('"timestamp":0', '"timestamp":18446744073709551615'));
    expect(r.ok && r.entry.timestamp).toBe(U64_MAX);
    expect(decodeJsonlLine(line({ ...base, timestamp: 0 }).replace('"timestamp":0', '"timestamp":18446744073709551616')).ok).toBe(false);
  });
  it('rejects an unpaired surrogate escape as serde_json does', () => {
    expect(decodeJsonlLine(line(base).replace('"u1"', '"\\ud800"')).ok).toBe(false);
  });
});
