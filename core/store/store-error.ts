import { CodedError } from '../errors/coded-error.js';
import { constants } from 'node:os';

/** Stable codes of the errors a collection reports; the message is the original's text. */
export type StoreErrorCode =
  | 'INVALID_DOCUMENT_ID'
  | 'INVALID_COLLECTION_NAME'
  | 'DOCUMENT_EXISTS'
  | 'DOCUMENT_NOT_FOUND'
  | 'DOCUMENT_UNREADABLE'
  | 'IO_ERROR'
  /** A collection named for a store-wide command is not in the store. */
  | 'NOT_FOUND';

export interface StoreErrorContext {
  readonly collection?: string;
  readonly documentId?: string;
  readonly file?: string;
  readonly cause?: unknown;
}

/**
 * A failing collection call. `message` is exactly what the original's collection reports
 * through the WAL's document-operations interface: `I/O error: …`.
 */
export class StoreError extends CodedError<StoreErrorCode, StoreErrorContext> {
  override readonly name = 'StoreError';
}

export function invalidDocumentId(id: string, collection: string): StoreError {
  return new StoreError('INVALID_DOCUMENT_ID', `I/O error: Invalid document ID: ${id}`, { collection, documentId: id });
}

export function invalidCollectionName(name: string): StoreError {
  return new StoreError('INVALID_COLLECTION_NAME', `I/O error: Invalid collection name: ${name}`, { collection: name });
}

export function documentExists(id: string, collection: string): StoreError {
  return new StoreError('DOCUMENT_EXISTS', `I/O error: Document '${id}' already exists in collection '${collection}'`, {
    collection, documentId: id,
  });
}

export function documentNotFound(id: string, collection: string): StoreError {
  return new StoreError('DOCUMENT_NOT_FOUND', `I/O error: Document '${id}' not found in collection '${collection}'`, {
    collection, documentId: id,
  });
}

export function documentUnreadable(id: string, collection: string, file: string, why: string): StoreError {
  return new StoreError('DOCUMENT_UNREADABLE', `I/O error: ${why}`, { collection, documentId: id, file });
}

/** Rust's io::Error texts for the errors a file system gives most often. */
const RUST_TEXTS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  EBUSY: 'Device or resource busy',
  EXDEV: 'Invalid cross-device link',
  ENOTEMPTY: 'Directory not empty',
};

/** An fs failure as the original would word it: `I/O error: <text> (os error N)`. */
export function ioError(err: unknown, file: string, context: { collection?: string; documentId?: string } = {}): StoreError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const errno = code ? (constants.errno as Record<string, number>)[code] : undefined;
  const text = code && RUST_TEXTS[code] && errno !== undefined
    ? `${RUST_TEXTS[code]} (os error ${errno})`
    : err instanceof Error ? err.message : String(err);
  return new StoreError('IO_ERROR', `I/O error: ${text}`, { ...context, file, cause: err });
}

/** A call's outcome: errors are values, not exceptions. */
export type StoreResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StoreError };

export function ok<T>(value: T): StoreResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: StoreError): StoreResult<T> {
  return { ok: false, error };
}
