import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import type { EntryType } from '../../../../core/wal/entry-type.js';
import { encodeJsonlEntry } from '../../../../core/wal/jsonl-codec.js';
import { type LogEntry } from '../../../../core/wal/log-entry.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import type { InspectorEvent, InspectorApi, SessionInfo } from '../../../../core/contract/contract.js';
import { createInspectorService, type InspectorService, type InspectorServiceOptions } from '../../../../core/inspector/service.js';

export const BASE_TS = 1_732_400_000_000n;

export function tempDir(prefix = 'inspector-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Spec {
  type: EntryType;
  tx?: string;
  collection?: string;
  doc?: string;
  data?: string | null;
  ts?: bigint;
}

/** Entries from short specs; transaction ids are padded to be recognisable (`tx-<i>`). */
export function entries(specs: readonly Spec[]): LogEntry[] {
  return specs.map((s, i) => createEntry({
    entryType: s.type, transactionId: s.tx ?? `tx-${i}`, collection: s.collection ?? 'users', documentId: s.doc ?? `doc-${i}`,
    timestamp: s.ts ?? BASE_TS + BigInt(i * 1000), data: s.data === undefined ? (s.type === 'Insert' || s.type === 'Update' ? `{"i":${i}}` : null) : s.data,
  }));
}

export function binaryBytes(list: readonly LogEntry[]): Buffer {
  return Buffer.concat(list.map((e) => encodeBinaryEntry(e)));
}

export function jsonlBytes(list: readonly LogEntry[]): Buffer {
  return Buffer.from(list.map((e) => encodeJsonlEntry(e)).join(''), 'utf8');
}

export function writeFile(file: string, bytes: Uint8Array): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

/** n generated entries: types cycle Insert, Update, Delete…; `every` documents; data mentions `needle-<i>`. */
export function generated(n: number, start = 0): LogEntry[] {
  const types: EntryType[] = ['Insert', 'Update', 'Update', 'Delete', 'Begin', 'Commit'];
  const out: LogEntry[] = [];
  for (let i = start; i < start + n; i++) {
    const type = types[i % types.length]!;
    out.push(createEntry({
      entryType: type, transactionId: `gen-${String(i).padStart(8, '0')}`, collection: i % 3 === 0 ? 'orders' : 'users',
      documentId: `doc-${i % 50}`, timestamp: BASE_TS + BigInt(((i * 7919) % n) * 10),
      data: type === 'Insert' || type === 'Update' ? `{"i":${i},"name":"Name${i}","note":"needle-${i}"}` : null,
    }));
  }
  return out;
}

export interface Harness {
  readonly service: InspectorService;
  readonly api: InspectorApi;
  readonly events: InspectorEvent[];
  /** Opens and waits for the initial indexing to finish. */
  open(p: string, collection?: string): Promise<SessionInfo>;
  /** Waits for an event matching `pred` (already received ones count). */
  waitFor(pred: (e: InspectorEvent) => boolean, ms?: number): Promise<InspectorEvent>;
}

export function harness(options: InspectorServiceOptions = {}): Harness {
  const service = createInspectorService({ followPollMs: 50, ...options });
  const events: InspectorEvent[] = [];
  const waiters: { pred: (e: InspectorEvent) => boolean; resolve: (e: InspectorEvent) => void }[] = [];
  service.onEvent((e) => {
    events.push(e);
    for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
  });
  const waitFor = (pred: (e: InspectorEvent) => boolean, ms = 20_000) => {
    const hit = events.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise<InspectorEvent>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out waiting for an event')), ms);
      waiters.push({ pred, resolve: (e) => { clearTimeout(t); resolve(e); } });
    });
  };
  return {
    service, api: service.api, events, waitFor,
    async open(p, collection) {
      const r = await service.api.session.open({ path: p, ...(collection ? { collection } : {}) });
      if (!r.ok) throw new Error(`open failed: ${r.error.code} ${r.error.message}`);
      const id = r.value.session_id;
      await waitFor((e) => e.type === 'index.done' && e.session_id === id);
      const info = await service.api.session.info({ session_id: id });
      if (!info.ok) throw new Error(info.error.message);
      return info.value;
    },
  };
}

/** Unwraps an Outcome in tests: the value, or a thrown error naming the code. */
export function must<T>(o: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!o.ok) throw new Error(`${o.error.code}: ${o.error.message}`);
  return o.value;
}
