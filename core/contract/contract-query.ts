/**
 * The query language's names, for every front end: the variables a `where` expression (CEL)
 * sees for each row, with their CEL types, and what the `query.fields` operation answers.
 * Browser-safe: plain constants and types.
 */
export const WHERE_VARIABLES = [
  { name: 'entry_type', type: 'string', doc: 'Begin, Insert, Update, Delete, Commit or Rollback ("" on a damaged range)' },
  { name: 'transaction_id', type: 'string', doc: 'the transaction id (trailing NULs dropped)' },
  { name: 'collection', type: 'string', doc: 'the collection name' },
  { name: 'document_id', type: 'string', doc: 'the document id' },
  { name: 'timestamp', type: 'uint', doc: 'milliseconds since the epoch, exact' },
  { name: 'time', type: 'google.protobuf.Timestamp', doc: 'the timestamp as a CEL timestamp' },
  { name: 'size', type: 'int', doc: 'bytes of the entry (or of the damaged range)' },
  { name: 'segment', type: 'string', doc: 'the segment file name' },
  { name: 'offset', type: 'int', doc: 'byte offset in the (decompressed) segment' },
  { name: 'transaction_status', type: 'string', doc: 'committed, rolled_back, unterminated or standalone' },
  { name: 'damaged', type: 'bool', doc: 'a damaged byte range, or an entry whose ids are not UTF-8' },
  { name: 'data', type: 'dyn', doc: 'the data parsed as JSON (null when absent or not JSON)' },
] as const;

export type WhereVariable = (typeof WHERE_VARIABLES)[number]['name'];

/** transaction_status values (the contract's TransactionStatus under the names the issue gave the query language). */
export const WHERE_TX_STATUSES = ['committed', 'rolled_back', 'unterminated', 'standalone'] as const;

/** query.fields: what completion offers after `data.`, sampled from the first entries with data. */
export interface QueryFields {
  /** Dotted paths of object keys seen (`counters.views`), most frequent first. */
  readonly data_paths: readonly string[];
  /** Entries whose data was sampled. */
  readonly sampled: number;
}
