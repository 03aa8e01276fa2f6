import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InspectorApi, Outcome } from '../../../core/contract/contract.js';
import { tempDir } from '../../core/inspector/support/inspector-fixtures.js';
import { GOLDEN } from '../../support/paths.js';
import { eventWaiter } from './transports.js';

/** The logs every parity test runs on: original-written files, damaged ones, a chain, JSON Lines. */
export const PARITY_LOGS = [
  'basic.wal', 'basic.jsonl', 'chain', 'damaged-zero-run.wal', 'damaged-truncated.wal', 'damaged-lines.jsonl',
  'damaged-data-bitflip.wal', 'edge-ids.wal',
].map((name) => path.join(GOLDEN, name));

/** Golden recovery cases: a store with documents beside its WAL, some of them damaged or partial. */
export const PARITY_STORES = ['partial-transaction', 'insert-existing-different', 'already-applied'];

/** A fresh copy of a golden recovery case's collection directory (never the files in ../shared). */
export function copyStore(name: string): string {
  const dir = tempDir('parity-store-');
  fs.cpSync(path.join(GOLDEN, 'recovery', name, 'store'), dir, { recursive: true });
  const data = path.join(dir, 'data');
  const [collection] = fs.readdirSync(data);
  return path.join(data, collection!);
}

/** Values that name this call or this process rather than the answer: equal across transports by construction. */
const VOLATILE = new Set(['session_id', 'plan_id', 'job_id', 'index_ms', 'opened_at', 'elapsed_ms', 'duration_ms']);

export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = VOLATILE.has(k) ? '<volatile>' : normalise(v);
    return out;
  }
  // A sealed segment is named after the second it is sealed in.
  if (typeof value === 'string') return value.replace(/^transactions\.\d+(-\d+)?\.wal(\.(zst|lz4|br|deflate|gz))?$/, 'transactions.<secs>.wal$2');
  return value;
}

/** What one operation answered (an Outcome, normalised), under a name the comparison prints. */
export type Transcript = Record<string, unknown>;

/** The read-only operations on one log, in the order a user meets them. */
export async function logScenario(api: InspectorApi, log: string): Promise<Transcript> {
  const events = eventWaiter(api);
  const t: Transcript = {};
  let session = '\u0000';
  const record = <T>(name: string, o: Outcome<T>): T | undefined => {
    t[name] = normalise(JSON.parse(JSON.stringify(o).split(session).join('<session>')));
    return o.ok ? o.value : undefined;
  };
  try {
    const opened = record('session.open', await api.session.open({ path: log }));
    if (!opened) return t;
    const session_id = opened.session_id;
    session = session_id;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    const info = record('session.info', await api.session.info({ session_id }));
    const rows = info?.progress.rows ?? 0;
    record('rows.page', await api.rows.page({ session_id, offset: 0, limit: 100 }));
    record('rows.page damaged', await api.rows.page({ session_id, offset: 0, limit: 100, filter: { damage: 'only' } }));
    record('rows.page sorted', await api.rows.page({ session_id, offset: 0, limit: 20, sort: { key: 'time', direction: 'desc' } }));
    for (const row of [0, Math.floor(rows / 2), rows - 1]) if (row >= 0 && row < rows) record(`entry.get ${row}`, await api.entry.get({ session_id, row }));
    record('entry.get out of range', await api.entry.get({ session_id, row: rows + 5 }));
    record('damage.list', await api.damage.list({ session_id }));
    record('timeline.get', await api.timeline.get({ session_id, bucket_count: 50 }));
    record('transactions.list', await api.transactions.list({ session_id }));
    record('stats.get', await api.stats.get({ session_id }));
    record('verify.run', await api.verify.run({ session_id, store: null }));
    record('checkpoint.plan', await api.checkpoint.plan({ session_id, compact: false }));
    record('session.close', await api.session.close({ session_id }));
    record('session.info after close', await api.session.info({ session_id }));
    return t;
  } finally {
    events.stop();
  }
}

/** Verify and every recovery mode's plan against a copy of a store (nothing is applied). */
export async function storeScenario(api: InspectorApi, collectionDir: string): Promise<Transcript> {
  const events = eventWaiter(api);
  const t: Transcript = {};
  const record = <T>(name: string, o: Outcome<T>): T | undefined => {
    t[name] = normalise(JSON.parse(JSON.stringify(o).split(collectionDir).join('<store>')));
    return o.ok ? o.value : undefined;
  };
  try {
    const opened = record('session.open', await api.session.open({ path: collectionDir }));
    if (!opened) return t;
    const session_id = opened.session_id;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    record('verify.run', await api.verify.run({ session_id }));
    for (const mode of ['safe', 'force'] as const) {
      for (const committed_only of [false, true]) {
        record(`recovery.plan ${mode}${committed_only ? ' committed-only' : ''}`, await api.recovery.plan({ session_id, mode, committed_only }));
      }
    }
    record('checkpoint.plan compact', await api.checkpoint.plan({ session_id, compact: true }));
    record('session.close', await api.session.close({ session_id }));
    return t;
  } finally {
    events.stop();
  }
}
