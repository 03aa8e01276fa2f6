/**
 * Data types of the inspector contract (sessions, rows, entries, timeline, transactions,
 * statistics, files). Types only: this module is compiled into the browser build as well.
 * Field names are snake_case, the same names the CLI's `--json` / `--format jsonl` print.
 * Re-exported by `contract.ts`; import from there.
 */
import type { DamageImpact } from './contract-damage.js';
import type { InspectorError } from './contract-errors.js';
import type { StoreSessionInfo } from './contract-store-session.js';
import type { DumpRepairable } from './contract-repair.js';

/** The six entry kinds, in wire order (postcard enum index 0..5). */
export type EntryTypeName = 'Begin' | 'Insert' | 'Update' | 'Delete' | 'Commit' | 'Rollback';
export type DamageKindName = 'crc-mismatch' | 'truncated-tail' | 'undecodable' | 'invalid-json-line' | 'corrupt-compression';
export type WalFormatName = 'binary' | 'jsonl';
/** As the core names them (file extensions: .zst .lz4 .br .deflate .gz). */
export type CompressionName = 'none' | 'zstd' | 'lz4' | 'brotli' | 'deflate' | 'gzip';

// ---------------------------------------------------------------- sessions

export interface SegmentInfo {
  /** Position in replay order (what rows call `segment_index`). */
  readonly index: number;
  /** File name, e.g. `transactions.1732700009.wal.zst`. */
  readonly name: string;
  readonly path: string;
  readonly compression: CompressionName;
  /** Size of the file on disk. */
  readonly file_bytes: number;
  /** Size of the decompressed bytes (= file_bytes when uncompressed; null until indexed). */
  readonly bytes: number | null;
  /** null until the segment was read (an empty segment is binary). */
  readonly format: WalFormatName | null;
  /** The active (last, uncompressed) segment, which follow watches. */
  readonly active: boolean;
}

export interface IndexProgress {
  /** Decompressed bytes scanned so far over the whole chain. */
  readonly bytes_done: number;
  /** Sum of segment sizes (compressed segments count their on-disk size until decompressed). */
  readonly bytes_total: number;
  /** Rows indexed so far (entries + damaged ranges). */
  readonly rows: number;
  readonly entries: number;
  readonly damaged: number;
  /** false while the background indexer still runs; rows are queryable meanwhile. */
  readonly complete: boolean;
  /** Set when indexing stopped on an I/O error (rows indexed before it stay usable). */
  readonly error: InspectorError | null;
}

export interface SessionInfo {
  readonly session_id: string;
  /** The path as the user gave it. */
  readonly input: string;
  readonly kind: 'segment' | 'wal-dir';
  /** The `.wal` directory, when the input is or holds one. */
  readonly wal_dir: string | null;
  /** The collection directory (holding `.wal/`), when known: the default store for verify/recovery. */
  readonly collection_dir: string | null;
  /** Collection name when opened through a collection directory or store root. */
  readonly collection: string | null;
  readonly segments: readonly SegmentInfo[];
  /** Not damage, but worth telling (e.g. a segment present both compressed and not). */
  readonly warnings: readonly string[];
  readonly progress: IndexProgress;
  /** Time span of the entries indexed so far (ms since the epoch), null when no entry. */
  readonly first_time: number | null;
  readonly last_time: number | null;
  readonly following: boolean;
  /** Bytes a writer appended to the active segment that no row shows yet (Follow reads them); 0 while indexing. */
  readonly unread_bytes?: number;
  readonly opened_at: number;
  /** A store session (a store root of several collections): its collections (contract-store-session.ts). */
  readonly store?: StoreSessionInfo;
}

// ---------------------------------------------------------------- rows

/** Sort keys of rows.page; `file` is replay order (segment, then offset). */
export type SortKey = 'file' | 'time' | 'type' | 'collection' | 'document' | 'size';

export interface RowFilter {
  /** Entry types to keep (absent = all). Does not affect damage rows (see `damage`). */
  readonly types?: readonly EntryTypeName[];
  /** Exact collection name. Excludes damage rows. */
  readonly collection?: string;
  /** Exact document id. Excludes damage rows. */
  readonly document_id?: string;
  /** Document ids that start with this text (with `document_id`: both must hold). Excludes damage rows. */
  readonly document_id_prefix?: string;
  /** Exact transaction id. Excludes damage rows. */
  readonly transaction_id?: string;
  /** Inclusive bounds, ms since the epoch. A damage row carries the time of the entry before it. */
  readonly time_from?: number;
  readonly time_to?: number;
  /** 'include' (default): damage rows shown among entries; 'only': damage rows only; 'exclude'. */
  readonly damage?: 'include' | 'exclude' | 'only';
  /**
   * Substring of the entry's stored data text (UTF-8, as stored: `"name":"Alice"`).
   * Reads payloads from disk: give rows.page a `job_id` to see progress / cancel it.
   * Excludes damage rows and entries without data.
   */
  readonly text?: string;
  /** Default false (ASCII case folding). */
  readonly text_case_sensitive?: boolean;
  /** `text` is a JavaScript regular expression (flag `u`; `i` unless case-sensitive) tested on the data text. Default false. */
  readonly text_regex?: boolean;
  /**
   * A CEL expression over each row (variables: WHERE_VARIABLES of contract-query.ts), e.g.
   * `entry_type == "Update" && data.counters.views > 40000`. A comparison on a missing field or
   * a value of another type is false for that row. Reads payloads when it uses `data` or
   * `transaction_id`: give a `job_id` to see progress / cancel. Malformed: INVALID_QUERY.
   */
  readonly where?: string;
}

export interface RowSort {
  readonly key: SortKey;
  /** Default 'asc'. Ties keep file order. */
  readonly direction?: 'asc' | 'desc';
}

/** One row of the table: an entry or a damaged byte range. No payload. */
export interface Row {
  /** Position in the chain's replay order, 0-based; stable for the session (use as row id). */
  readonly row: number;
  readonly kind: 'entry' | 'damage';
  readonly segment_index: number;
  /** Segment file name. */
  readonly segment: string;
  /** Byte offset in the (decompressed) segment. */
  readonly offset: number;
  /** Bytes of the entry including its CRC, or of the damaged range. */
  readonly length: number;
  /** null on damage rows. */
  readonly entry_type: EntryTypeName | null;
  /** Ids as text (trailing NULs dropped; invalid UTF-8 shown with U+FFFD). "" on damage rows. */
  readonly transaction_id: string;
  readonly collection: string;
  readonly document_id: string;
  /** Exact u64 milliseconds as decimal text ("" on damage rows). */
  readonly timestamp: string;
  /** Milliseconds as a number (rounded past 2^53); damage rows: time of the entry before, or null. */
  readonly time: number | null;
  readonly has_data: boolean;
  /** false when an id's bytes are not valid UTF-8 (a defect of that entry). */
  readonly id_utf8_valid: boolean;
  /** Damage rows only. */
  readonly damage: DamageKindName | null;
  /** Damage rows only: what is wrong, for a person. */
  readonly detail: string | null;
  /** Damage rows only: what the range cost and its likely cause. */
  readonly impact?: DamageImpact;
}

export interface RowPage {
  readonly rows: readonly Row[];
  /** Rows matching the filter (so far, while indexing runs). */
  readonly total: number;
  /** Rows in the session (so far). */
  readonly total_unfiltered: number;
  readonly offset: number;
  /** false while indexing still runs: the numbers may grow. */
  readonly complete: boolean;
  /** With `where` or `text`: rows the expression was evaluated on ("matched total of scanned"); total_unfiltered once done. */
  readonly scanned?: number;
}

// ---------------------------------------------------------------- one entry

/** A labelled byte range of the raw bytes, for a hex view that colours fields. */
export interface FieldSpan {
  /**
   * entry_type, transaction_id_length, transaction_id, collection_length, collection,
   * document_id_length, document_id, timestamp, data_tag, data_length, data, crc — binary;
   * line (JSON Lines); damage, before (bytes of the previous row), after (next row) — damage rows.
   */
  readonly field: string;
  /** Offsets relative to `raw.offset` (the first byte of `raw`), end exclusive. */
  readonly start: number;
  readonly end: number;
  /** A short human label, e.g. "document id (16 bytes)". */
  readonly label: string;
}

export interface RawBytes {
  /** Absolute offset in the (decompressed) segment of the first byte. */
  readonly offset: number;
  readonly length: number;
  readonly base64: string;
  /** true when the range was cut (a huge damaged range or entry): only the first bytes are here. */
  readonly truncated: boolean;
}

export interface EntryDetail {
  readonly row: Row;
  /** Stored data text, byte for byte (null: no data). */
  readonly data: string | null;
  /** Data pretty-printed (2-space indent, number text kept), or null when absent / not JSON. */
  readonly data_pretty: string | null;
  /** Parser message when data is present but not valid JSON. */
  readonly data_error: string | null;
  /** Raw id bytes as hex (ids may hold invalid UTF-8 or padding). */
  readonly transaction_id_hex: string;
  readonly collection_hex: string;
  readonly document_id_hex: string;
  /** ISO 8601 UTC of the timestamp, or null when out of Date's range. */
  readonly time_iso: string | null;
  readonly raw: RawBytes;
  readonly spans: readonly FieldSpan[];
  /** Binary entries (and binary crc-mismatch ranges): stored and computed CRC-32; else null. */
  readonly crc_stored: number | null;
  readonly crc_computed: number | null;
  /** Damage rows: what the range cost and its likely cause. */
  readonly impact?: DamageImpact;
}

// ---------------------------------------------------------------- damage, timeline

export interface DamageItem {
  readonly row: number;
  readonly segment_index: number;
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName;
  readonly detail: string;
  /** Time of the entry before the damage, if any. */
  readonly time: number | null;
  /** What the range cost and its likely cause. */
  readonly impact?: DamageImpact;
}

export interface Timeline {
  /** Range covered (ms, inclusive from, exclusive to). Null when there is no timed entry. */
  readonly time_from: number | null;
  readonly time_to: number | null;
  readonly bucket_ms: number;
  /** Bucket i covers [time_from + i*bucket_ms, time_from + (i+1)*bucket_ms). */
  readonly bucket_count: number;
  /** Entry counts per bucket, one array per entry type (each `bucket_count` long). */
  readonly counts: Readonly<Record<EntryTypeName, readonly number[]>>;
  /** Damaged ranges per bucket (placed at the time of the entry before them). */
  readonly damage: readonly number[];
  /** Largest per-bucket total, for scaling. */
  readonly max_total: number;
}

// ---------------------------------------------------------------- transactions

/**
 * committed / rolled-back: a Begin then the first Commit / Rollback after it decides;
 * incomplete: a Begin with no end, or several entries sharing an id without a Begin;
 * single-entry: an id used by exactly one entry (what Sentinel itself writes).
 */
export type TransactionStatus = 'committed' | 'rolled-back' | 'incomplete' | 'single-entry';

export interface TransactionItem {
  readonly transaction_id: string;
  readonly status: TransactionStatus;
  readonly has_begin: boolean;
  readonly entries: number;
  /** Insert/Update/Delete entries. */
  readonly operations: number;
  readonly documents: number;
  /** Encoded bytes of its entries. */
  readonly bytes: number;
  readonly first_row: number;
  readonly last_row: number;
  readonly first_time: number | null;
  readonly last_time: number | null;
  /** Segments it spans (a transaction may begin in one segment and end in the next). */
  readonly segments: readonly number[];
  /** An entry of it is unverified or lost: a damaged range's fields name it, or a damaged range lies between its Begin and end. */
  readonly damaged?: boolean;
}

export interface TransactionList {
  readonly items: readonly TransactionItem[];
  /** Groups matching the status filter. */
  readonly total: number;
  readonly counts: Readonly<Record<TransactionStatus, number>>;
  readonly complete: boolean;
}

/**
 * Sort keys of transactions.page: `first` is order of first appearance (file order), `time`
 * the first entry's time, `size` the entries' bytes, `duration` last minus first time.
 */
export type TransactionSortKey = 'first' | 'time' | 'size' | 'entries' | 'status' | 'duration';

export interface TransactionSort {
  readonly key: TransactionSortKey;
  /** Default 'asc'. Ties keep order of first appearance. */
  readonly direction?: 'asc' | 'desc';
}

export interface TransactionPage {
  readonly items: readonly TransactionItem[];
  /** Transactions matching the status filter and the id prefix. */
  readonly total: number;
  /** Transactions in the session (so far). */
  readonly total_unfiltered: number;
  /** Per status, of those matching the id prefix (all statuses). */
  readonly counts: Readonly<Record<TransactionStatus, number>>;
  readonly offset: number;
  /** false while indexing still runs: the numbers may grow. */
  readonly complete: boolean;
  /**
   * false while ids that share a 64-bit hash are still being compared by their bytes (in the
   * background, once indexed): the list is grouped by hash meanwhile, and differs from the
   * confirmed one only if two distinct ids' hashes collide. Ask again to get the confirmed list.
   */
  readonly ids_confirmed: boolean;
  /** Damaged transactions in the session (an entry unverified or lost), whatever the filters. */
  readonly damaged?: number;
}

// ---------------------------------------------------------------- dump records

/**
 * One record of `dump --format jsonl` (and `--format json`'s array items), export.rows' JSON
 * Lines and the golden manifests, in file order. Offsets and lengths are bytes of the
 * (decompressed) segment; `timestamp` is the u64 ms as a decimal string; ids are text (bytes
 * that are not UTF-8 shown with U+FFFD, then `id_utf8_valid: false`).
 */
export type DumpRecord = DumpEntryRecord | DumpDamageRecord;

export interface DumpEntryRecord {
  readonly kind: 'entry';
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly entry_type: EntryTypeName;
  readonly transaction_id: string;
  readonly collection: string;
  readonly document_id: string;
  readonly timestamp: string;
  /** The stored JSON text, or null without data. */
  readonly data: string | null;
  /** Present, false, only when an id's bytes are not valid UTF-8. */
  readonly id_utf8_valid?: false;
}

export interface DumpDamageRecord {
  readonly kind: 'damage';
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName;
  readonly detail: string;
  /** Neighbours, estimate, cause, unverified fields, incident (dump reads them from the bytes). */
  readonly impact?: DamageImpact;
  /** One flipped bit explains the range: `repair` writes it corrected. */
  readonly repairable?: DumpRepairable;
}

// ---------------------------------------------------------------- statistics

export interface SegmentStats {
  readonly index: number;
  readonly name: string;
  readonly compression: CompressionName;
  readonly file_bytes: number;
  /** Decompressed size; null while a compressed segment is not yet opened. */
  readonly bytes: number | null;
  readonly entries: number;
  readonly damaged: number;
  readonly damaged_bytes: number;
  /** u64 ms as decimal strings; null without entries. */
  readonly first_time: string | null;
  readonly last_time: string | null;
}

/**
 * Transactions, two ways that must not be confused: `ids` counts every distinct transaction id
 * (what transactions.list groups, all statuses); `with_begin` only those opened by a Begin,
 * which `committed`, `rolled_back` and `never_terminated` split (the first Commit or Rollback
 * after the first Begin decides). `without_begin`: ids with no Begin (standalone writes), so
 * `ids` = `with_begin` + `without_begin`.
 */
export interface TransactionCounts {
  readonly ids: number;
  readonly with_begin: number;
  readonly committed: number;
  readonly rolled_back: number;
  readonly never_terminated: number;
  readonly without_begin: number;
  /** Transactions with an unverified or lost entry (by a damaged range's unverified fields, or a damaged range between their Begin and end); those read only from damage count too. */
  readonly damaged?: number;
}

export interface CollectionCount {
  /** The id as text (bytes that are not UTF-8 shown with U+FFFD; ids sharing that text counted together). */
  readonly collection: string;
  readonly entries: number;
}

/** stats.get, and what `stats --json` prints. Counts are numbers, u64 times decimal strings. */
export interface Stats {
  /** Entries plus damaged ranges. */
  readonly rows: number;
  readonly entries: number;
  readonly by_type: Readonly<Record<EntryTypeName, number>>;
  /** Encoded bytes of the entries of each type. */
  readonly bytes_by_type: Readonly<Record<EntryTypeName, number>>;
  /** Damaged ranges. */
  readonly damaged: number;
  readonly damaged_bytes: number;
  readonly by_damage: Readonly<Record<DamageKindName, number>>;
  /** Distinct collection ids, and entries per collection (most entries first). */
  readonly collections: number;
  readonly by_collection: readonly CollectionCount[];
  readonly documents: number;
  readonly transactions: TransactionCounts;
  readonly entry_bytes: { readonly min: number; readonly max: number; readonly mean: number; readonly total: number };
  /** Entries carrying data, and the data's bytes. */
  readonly with_data: number;
  readonly data_bytes: number;
  /** Entries whose transaction, collection or document id bytes are not valid UTF-8. */
  readonly entries_with_invalid_utf8_ids: number;
  /** u64 ms as decimal strings; null without entries. */
  readonly first_time: string | null;
  readonly last_time: string | null;
  readonly segments: readonly SegmentStats[];
  readonly complete: boolean;
  /** Indexing duration so far, ms. */
  readonly index_ms: number;
}
