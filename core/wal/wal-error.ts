import { CodedError } from '../errors/coded-error.js';

/** Stable codes of every error the WAL core reports; messages may change, codes do not. */
export type WalErrorCode =
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'NOT_A_WAL'
  | 'IO_ERROR'
  | 'UNDECODABLE_ENTRY'
  | 'INVALID_JSON_LINE'
  | 'INVALID_ARGUMENT'
  | 'OUTPUT_EXISTS'
  | 'COMPRESSION_ERROR'
  | 'ABORTED'
  | 'CLOSED'
  /** Another writer (or a checkpoint) holds the WAL directory's lock. */
  | 'LOCKED'
  /** A path that must be a real directory is a link, a file or something else (from core/fs). */
  | 'NOT_A_DIRECTORY';

export interface WalErrorContext {
  readonly file?: string;
  readonly offset?: number;
  readonly field?: string;
  readonly cause?: unknown;
}

export class WalError extends CodedError<WalErrorCode, WalErrorContext> {
  override readonly name = 'WalError';
}

/** Maps a Node fs error to a WalError naming the file. */
export function fsError(err: unknown, file: string, action: string): WalError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new WalError('NOT_FOUND', `${file}: no such file or directory`, { file, cause: err });
  if (code === 'EACCES' || code === 'EPERM') {
    return new WalError('PERMISSION_DENIED', `${file}: permission denied (${action})`, { file, cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new WalError('IO_ERROR', `${file}: cannot ${action}: ${detail}`, { file, cause: err });
}
