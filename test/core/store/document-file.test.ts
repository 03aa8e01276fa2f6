import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentHashSync, initBlake3, JsonNumber } from '../../../core/json/index.js';
import { parseDocumentFile, renderDocument } from '../../../core/store/document-file.js';
import { newDocument, updatedDocument } from '../../../core/store/document-transition.js';
import { formatRfc3339Nanos, systemClock } from '../../../core/store/timestamp.js';
import { json } from './store-fixture.js';
import { GOLDEN as GOLDEN_ROOT } from '../../support/paths.js';

const GOLDEN = join(GOLDEN_ROOT, 'recovery');

function goldenDocuments(): string[] {
  const out: string[] = [];
  for (const c of readdirSync(GOLDEN, { withFileTypes: true })) {
    if (!c.isDirectory()) continue;
    const data = join(GOLDEN, c.name, 'store', 'data');
    for (const col of readdirSync(data)) {
      for (const sub of ['', '.deleted']) {
        let names: string[];
        try {
          names = readdirSync(join(data, col, sub));
        } catch {
          continue;
        }
        for (const n of names) if (n.endsWith('.json')) out.push(join(data, col, sub, n));
      }
    }
  }
  return out;
}

beforeAll(() => initBlake3());

describe('document files', () => {
  it.each(goldenDocuments())('re-renders %s byte for byte, hash included', (file) => {
    const bytes = readFileSync(file);
    const parsed = parseDocumentFile(bytes, 'x');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(renderDocument(parsed.document)).toBe(bytes.toString('utf8'));
    expect(documentHashSync(parsed.document.data)).toBe(parsed.document.hash);
  });

  it('writes the wrapper in Sentinel\'s order, pretty, data keys sorted by UTF-8 bytes, no final newline', () => {
    const doc = newDocument('d-1', json('{"😀":1,"ｚ":2,"b":[1.50,{"y":null,"x":true}],"a":{}}'), '2025-01-02T03:04:05.000000006Z');
    const text = renderDocument(doc);
    expect(text).toBe([
      '{',
      '  "id": "d-1",',
      '  "version": 1,',
      '  "created_at": "2025-01-02T03:04:05.000000006Z",',
      '  "updated_at": "2025-01-02T03:04:05.000000006Z",',
      `  "hash": "${doc.hash}",`,
      '  "signature": "",',
      '  "data": {',
      '    "a": {},',
      '    "b": [',
      '      1.50,',
      '      {',
      '        "x": true,',
      '        "y": null',
      '      }',
      '    ],',
      '    "ｚ": 2,',
      '    "😀": 1',
      '  }',
      '}',
    ].join('\n'));
    expect(doc.hash).toBe(documentHashSync(json('{"a":{},"b":[1.50,{"x":true,"y":null}],"ｚ":2,"😀":1}')));
  });

  it('an update keeps id, version and created_at, and drops the signature', () => {
    const old = { ...newDocument('d', json('{"a":1}'), 'T0'), version: new JsonNumber('7'), signature: 'abc' };
    const up = updatedDocument(old, json('{"a":2}'), 'T1');
    expect(up).toMatchObject({ id: 'd', version: old.version, createdAt: 'T0', updatedAt: 'T1', signature: '' });
    expect(up.hash).toBe(documentHashSync(json('{"a":2}')));
  });

  it.each([
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"data":1}')])],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['no data', Buffer.from('{"id":"x"}')],
    ['not an object', Buffer.from('[1]')],
    ['an unpaired surrogate escape', Buffer.from('{"data":"\\ud800"}')],
    ['128 levels of nesting', Buffer.from('{"data":' + '['.repeat(127) + ']'.repeat(127) + '}')],
  ])('refuses a file with %s', (_what, bytes) => {
    expect(parseDocumentFile(bytes, 'x').ok).toBe(false);
  });

  it('accepts 127 levels of nesting', () => {
    expect(parseDocumentFile(Buffer.from('{"data":' + '['.repeat(126) + ']'.repeat(126) + '}'), 'x').ok).toBe(true);
  });

  it('timestamps are RFC 3339 UTC with nanoseconds', () => {
    expect(formatRfc3339Nanos(1_763_543_986_275_205_324n)).toBe('2025-11-19T09:19:46.275205324Z');
    expect(formatRfc3339Nanos(1_000_000_000n)).toBe('1970-01-01T00:00:01.000000000Z');
    expect(systemClock()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });
});
