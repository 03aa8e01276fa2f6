/** Hand-built histories for the history and restore tests: entries with their own times and transactions. Not a test file. */
import { toCompactText, type JsonValue } from '../../../core/json/index.js';
import type { EntryType } from '../../../core/wal/entry-type.js';
import type { LogEntry } from '../../../core/wal/log-entry.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import { toRecords } from '../store/store-fixture.js';
import type { WalRecord } from '../../../core/wal/records.js';

export const T0 = 1_732_400_000_000n;

export interface Step {
  readonly type: EntryType;
  readonly doc: string;
  readonly data?: string | null;
  readonly tx?: string;
  /** Milliseconds after T0 (default: the step's index). */
  readonly at?: number;
}

let counter = 0;
export const tx = (name: string): string => `${name}`.padEnd(32, '0').slice(0, 32);
const fresh = (): string => `st${String(++counter).padStart(30, '0')}`;

export const I = (doc: string, data: string, more: Partial<Step> = {}): Step => ({ type: 'Insert', doc, data, ...more });
export const U = (doc: string, data: string, more: Partial<Step> = {}): Step => ({ type: 'Update', doc, data, ...more });
export const D = (doc: string, more: Partial<Step> = {}): Step => ({ type: 'Delete', doc, ...more });
export const B = (id: string, at?: number): Step => ({ type: 'Begin', doc: 'txn', tx: id, ...(at !== undefined ? { at } : {}) });
export const C = (id: string, at?: number): Step => ({ type: 'Commit', doc: 'txn', tx: id, ...(at !== undefined ? { at } : {}) });
export const R = (id: string, at?: number): Step => ({ type: 'Rollback', doc: 'txn', tx: id, ...(at !== undefined ? { at } : {}) });

export function entries(steps: readonly Step[], collection = 'users'): LogEntry[] {
  return steps.map((s, i) => createEntry({
    entryType: s.type, transactionId: s.tx ?? fresh(), collection, documentId: s.doc,
    timestamp: T0 + BigInt(s.at ?? i), data: s.data ?? null,
  }));
}

/** The records a one-segment log (`transactions.wal`) of these steps reads as. */
export function records(steps: readonly Step[]): WalRecord[] {
  return toRecords(entries(steps));
}

export const source = (rs: readonly WalRecord[]) => async function* () {
  yield* rs;
};

export const compact = (v: JsonValue | null | undefined): string | null => (v === null || v === undefined ? null : toCompactText(v));
