import { CodedError } from '../errors/coded-error.js';

/** Stable codes of the file-system errors core/fs raises (the same codes as WalError's). */
export type FsErrorCode =
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'OUTPUT_EXISTS'
  | 'IO_ERROR'
  /** A path that must be a real directory is a symbolic link, a file or something else. */
  | 'NOT_A_DIRECTORY';

export interface FsErrorContext {
  readonly file?: string;
  readonly cause?: unknown;
}

/** core/fs sits below every area, so it has its own error type instead of borrowing WalError. */
export class FsError extends CodedError<FsErrorCode, FsErrorContext> {
  override readonly name = 'FsError';
}

/** A Node fs error as an FsError naming the file and what was being done. */
export function fsFailure(err: unknown, file: string, action: string): FsError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new FsError('NOT_FOUND', `${file}: no such file or directory`, { file, cause: err });
  if (code === 'EACCES' || code === 'EPERM') {
    return new FsError('PERMISSION_DENIED', `${file}: permission denied (${action})`, { file, cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new FsError('IO_ERROR', `${file}: cannot ${action}: ${detail}`, { file, cause: err });
}

export function outputExists(dest: string, cause?: unknown): FsError {
  return new FsError('OUTPUT_EXISTS', `${dest} already exists; it is never overwritten`, { file: dest, ...(cause ? { cause } : {}) });
}
