export { WalWriter } from './wal-writer.js';
export { validateWalConfig, type TransactionEntryFields, type WalCheckpoint, type WalWriterOptions } from './writer-options.js';
export { inspectActiveSegment, type ExistingSegment } from './existing-segment.js';
