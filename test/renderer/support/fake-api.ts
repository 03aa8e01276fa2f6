/**
 * A stand-in inspector API for component tests (the end-to-end test uses the real service).
 * Built with the contract's own buildApi so that it has exactly the contract's shape.
 */
import {
  buildApi,
  type ArgsOf,
  type InspectorEvent,
  type OperationName,
  type Outcome,
  type ResultOf,
  type Row,
  type SessionInfo,
  type Timeline,
} from '../../../renderer/src/contract.js';

type Handlers = { [N in OperationName]?: (args: ArgsOf<N>) => ResultOf<N> | Promise<ResultOf<N>> };

export interface FakeApi {
  readonly api: ReturnType<typeof buildApi>;
  readonly calls: Array<{ op: OperationName; args: unknown }>;
  emit(event: InspectorEvent): void;
}

export function createFakeApi(handlers: Handlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Set<(e: InspectorEvent) => void>();
  const api = buildApi(
    async (op, args) => {
      calls.push({ op, args });
      const handler = handlers[op] as ((a: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'NOT_AVAILABLE', message: `${op} is not faked`, context: {} } } as Outcome<never>;
      return { ok: true, value: await handler(args) } as Outcome<never>;
    },
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
  return { api, calls, emit: (e) => listeners.forEach((l) => l(e)) };
}

/** Row `i` of a synthetic log: every 1000th row is a damaged range. */
export function syntheticRow(i: number): Row {
  const damaged = i % 1000 === 999;
  const base = {
    row: i,
    segment_index: 0,
    segment: 'transactions.wal',
    offset: i * 600,
    length: damaged ? 1200 : 600,
    time: 1_700_000_000_000 + i * 1000,
    has_data: !damaged,
    id_utf8_valid: true,
  };
  if (damaged) {
    return {
      ...base,
      kind: 'damage',
      entry_type: null,
      transaction_id: '',
      collection: '',
      document_id: '',
      timestamp: '',
      damage: 'crc-mismatch',
      detail: 'stored CRC 0x00000000, computed 0x1234abcd',
    };
  }
  return {
    ...base,
    kind: 'entry',
    entry_type: (['Insert', 'Update', 'Delete'] as const)[i % 3]!,
    transaction_id: `tx${String(i).padStart(30, '0')}`,
    collection: 'users',
    document_id: `user-${i}`,
    timestamp: String(base.time),
    damage: null,
    detail: null,
  };
}

export function fakeSession(rows: number): SessionInfo {
  return {
    session_id: 's1',
    input: '/tmp/store/data/users',
    kind: 'wal-dir',
    wal_dir: '/tmp/store/data/users/.wal',
    collection_dir: '/tmp/store/data/users',
    collection: 'users',
    segments: [
      { index: 0, name: 'transactions.wal', path: '/tmp/store/data/users/.wal/transactions.wal', compression: 'none', file_bytes: rows * 600, bytes: rows * 600, format: 'binary', active: true },
    ],
    warnings: [],
    progress: { bytes_done: rows * 600, bytes_total: rows * 600, rows, entries: rows, damaged: Math.floor(rows / 1000), complete: true, error: null },
    first_time: 1_700_000_000_000,
    last_time: 1_700_000_000_000 + rows * 1000,
    following: false,
    opened_at: 0,
  };
}

/** rows.page over `count` synthetic rows (file order, no filtering). */
export function pagedRows(count: number) {
  return (args: ArgsOf<'rows.page'>): ResultOf<'rows.page'> => {
    const rows: Row[] = [];
    for (let i = args.offset; i < Math.min(count, args.offset + args.limit); i++) rows.push(syntheticRow(i));
    return { rows, total: count, total_unfiltered: count, offset: args.offset, complete: true };
  };
}

/** A timeline.get answer with one empty bucket. */
export function emptyTimeline(): Timeline {
  const zero = [0];
  return { time_from: 0, time_to: 1, bucket_ms: 1, bucket_count: 1, counts: { Begin: zero, Insert: zero, Update: zero, Delete: zero, Commit: zero, Rollback: zero }, damage: [0], max_total: 0 };
}
