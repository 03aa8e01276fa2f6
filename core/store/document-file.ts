import { JsonNumber, JsonObject, parseJson, toPrettyTextOrdered, type JsonValue } from '../json/index.js';
import type { StoredDocument } from './document-ops.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export type DocumentParse = { readonly ok: true; readonly document: StoredDocument } | { readonly ok: false; readonly message: string };

function text(value: JsonValue | undefined, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * Reads a `<id>.json` file. The bytes must be UTF-8 JSON as serde_json takes it (a BOM is
 * invalid), holding an object with `data`; the other wrapper fields are kept as found.
 */
export function parseDocumentFile(bytes: Uint8Array, fileId: string): DocumentParse {
  let source: string;
  try {
    source = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, message: 'stream did not contain valid UTF-8' };
  }
  const parsed = parseJson(source);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const root = parsed.value;
  if (!(root instanceof JsonObject)) return { ok: false, message: 'invalid type: expected struct Document' };
  const data = root.get('data');
  if (data === undefined) return { ok: false, message: 'missing field `data`' };
  return {
    ok: true,
    document: {
      id: text(root.get('id'), fileId),
      version: root.get('version') ?? new JsonNumber('1'),
      createdAt: root.get('created_at') ?? null,
      updatedAt: root.get('updated_at') ?? null,
      hash: text(root.get('hash'), ''),
      signature: text(root.get('signature'), ''),
      data,
    },
  };
}

/** The file text: serde_json pretty printing, wrapper fields in Sentinel's order, no final newline. */
export function renderDocument(doc: StoredDocument): string {
  return toPrettyTextOrdered(
    new JsonObject([
      ['id', doc.id],
      ['version', doc.version],
      ['created_at', doc.createdAt],
      ['updated_at', doc.updatedAt],
      ['hash', doc.hash],
      ['signature', doc.signature],
      ['data', doc.data],
    ]),
  );
}

export function renderDocumentBytes(doc: StoredDocument): Uint8Array {
  return encoder.encode(renderDocument(doc));
}
