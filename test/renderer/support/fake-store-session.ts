/** A store session's info and its store-wide answers for component tests. */
import type {
  CollectionWalConfig, RecoveryPreview, SessionInfo, StoreSessionCollection, VerifyReport,
} from '../../../renderer/src/contract.js';
import { fakeSession } from './fake-api.js';

export const FAKE_WAL: CollectionWalConfig = {
  write_mode: 'strict', verification_mode: 'warn', auto_verify: false, enable_recovery: true, max_wal_size_bytes: 10 * 1024 * 1024,
  max_records_per_file: 1000, compression: 'zstd', format: 'binary', source: 'file', problems: [],
};

export function fakeCollection(name: string, over: Partial<StoreSessionCollection> = {}): StoreSessionCollection {
  return {
    collection: name, dir: `/s/data/${name}`, system: name.startsWith('.'), first_segment: 0, segments: 2, file_bytes: 2048,
    entries: 40, damaged: 0, last_write: 1_732_500_012_000, wal_config: FAKE_WAL, ...over,
  };
}

export function fakeStoreSession(collections: StoreSessionCollection[]): SessionInfo {
  return { ...fakeSession(100), collection: null, collection_dir: null, store: { root: '/s', collections, skipped: [] } };
}

export function fakeVerifyReport(collection: string, passed: boolean): VerifyReport {
  return {
    passed, entries_processed: 10, affected_documents: passed ? 0 : 1, checked_against_store: true, store: `/s/data/${collection}`,
    issues: passed ? [] : [{ transaction_id: 'tx1', document_id: `${collection}-1`, description: `document ${collection}-1 is missing`, is_critical: true }],
    issue_counts: { critical: passed ? 0 : 1, warning: 0 },
    findings: [{ kind: 'document-changed', severity: 'warning', description: `${collection}-2 changed outside Sentinel`, document_id: `${collection}-2` }],
    finding_counts: { false_alarms: 0, other: 1 },
  } as VerifyReport;
}

export function fakeRecoveryPreview(collection: string, changes: number): RecoveryPreview {
  return {
    recovered_operations: changes, skipped_operations: 0, failed_operations: 0, failures: [], lost: [], backup: null, mode: 'safe',
    committed_only: false, dry_run: true, flagged: [], notes: [], collection, store: `/s/data/${collection}`, foreign_collection_entries: 0,
    changes: Array.from({ length: changes }, (_, i) => ({
      collection, document_id: `${collection}-${i}`, operation: 'insert' as const, before: null, after: `{\n  "n": ${i}\n}`,
    })),
  };
}
