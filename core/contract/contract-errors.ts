/**
 * The error envelope of the inspector contract: every failure crosses a process boundary as
 * this plain value (never a thrown Error — Electron would keep only the message).
 * Codes are stable UPPER_SNAKE; messages are for people and may change.
 */
export type InspectorErrorCode =
  /** No such file or directory. context.file */
  | 'NOT_FOUND'
  /** The OS refused access. context.file */
  | 'PERMISSION_DENIED'
  /** A directory that holds no WAL (no transactions*.wal*, no .wal/, no data/). context.file */
  | 'NOT_A_WAL'
  /** A store root with several collections: pick one (context.collections) and open again. */
  | 'CHOOSE_COLLECTION'
  /** Other I/O failure. context.file, context.cause */
  | 'IO_ERROR'
  /** Arguments failed validation. context.field names the first bad field. */
  | 'INVALID_ARGUMENT'
  /** A malformed query (`where` CEL or a Sentinel `--filter`): the message names the column and what was expected. context.field, context.column (1-based) */
  | 'INVALID_QUERY'
  /** session_id not open (closed, or the server restarted). */
  | 'UNKNOWN_SESSION'
  /** row number outside the session's rows. context.row */
  | 'UNKNOWN_ROW'
  /** rows.locate: the go-to query names no row (past the end, no such segment, id, time); the message says why. context.field = 'query' */
  | 'NOT_LOCATED'
  /** plan_id unknown or already applied. */
  | 'UNKNOWN_PLAN'
  /** The output path exists: we never overwrite. context.file */
  | 'OUTPUT_EXISTS'
  /** Cancelled by job.cancel (or the session closed). context.job_id */
  | 'ABORTED'
  /** The store changed since the plan was made: plan again. */
  | 'STORE_CHANGED'
  /** Refused because verification has critical issues (checkpoint). */
  | 'VERIFY_FAILED'
  /** Another recovery or compaction of the collection is running (holds its lock). context.file (the lock), context.pid */
  | 'LOCKED'
  /** Recovery: the backup could not be written; nothing was changed. context.file (the backup file that failed) */
  | 'BACKUP_FAILED'
  /** Recovery: `.deleted/` or `.backups/` is a symbolic link or not a directory; nothing was changed. context.file */
  | 'UNSAFE_DIRECTORY'
  /** Recovery stopped part-way. context.file, context.document_id, context.backup, context.applied: plan again to finish. */
  | 'APPLY_FAILED'
  /** Checkpoint: another process writes the log (holds a segment open for writing, or our writer lock). context.file, context.pid */
  | 'LOG_IN_USE'
  /** Checkpoint: the .wal/ directory or a segment it would rename or remove is a symbolic link. context.file */
  | 'LINK_REFUSED'
  /** A compressed segment could not be decompressed. context.file */
  | 'COMPRESSION_ERROR'
  /** This front end cannot do that (e.g. dialog.open in browser mode) or the feature is not built. */
  | 'NOT_AVAILABLE'
  /** Electron: the path was not picked by the user (dialog, drop, command line, recent). */
  | 'FORBIDDEN'
  /** Unknown operation name (a client/server version mismatch). */
  | 'UNKNOWN_OPERATION'
  /** HTTP bridge: the connection to the server failed. */
  | 'DISCONNECTED'
  /** A bug: the message says what happened; please report it. */
  | 'INTERNAL';

export interface InspectorErrorContext {
  readonly file?: string;
  readonly segment?: string;
  readonly offset?: number;
  readonly row?: number;
  readonly field?: string;
  /** INVALID_QUERY: the 1-based column of the query text where it went wrong. */
  readonly column?: number;
  readonly job_id?: string;
  /** The collection and document a store or recovery error is about. */
  readonly collection?: string;
  readonly document_id?: string;
  /** Recovery stopped part-way: the backup directory holding the files as they were (null: none was made). */
  readonly backup?: string | null;
  /** APPLY_FAILED: documents written, moved or removed before it stopped. */
  readonly applied?: number;
  /** APPLY_FAILED: documents the plan changes (applied of planned were written). */
  readonly planned?: number;
  /** APPLY_FAILED: the ids of the documents written (the first 1,000), in the order they were finished. */
  readonly written?: readonly string[];
  /** LOG_IN_USE: the process writing the log (the first one found); LOCKED: the process holding the lock. */
  readonly pid?: number;
  /** CHOOSE_COLLECTION: the collections of the store. */
  readonly collections?: readonly string[];
  /** The underlying failure, as text. */
  readonly cause?: string;
}

export interface InspectorError {
  readonly code: InspectorErrorCode;
  readonly message: string;
  readonly context: InspectorErrorContext;
}

/** What every operation resolves to: a value, or a typed error. Calls never reject. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: InspectorError };
