export { WalWriter, type TransactionEntryFields, type WalCheckpoint, type WalWriterOptions } from './wal-writer.js';
export { inspectActiveSegment, type ExistingSegment } from './existing-segment.js';
