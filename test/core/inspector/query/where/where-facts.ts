import type { RowFacts } from '../../../../../core/inspector/query/where/entry-activation.js';

/** A row's facts with defaults, for tests. */
export function facts(over: Partial<RowFacts> = {}): RowFacts {
  return {
    entryType: 'Insert', transactionId: 'tx-1', collection: 'users', documentId: 'doc-1', timestamp: 1_732_400_000_000n,
    size: 120, segment: 'transactions.wal', offset: 0, damaged: false, data: null, transactionStatus: 'standalone', ...over,
  };
}
