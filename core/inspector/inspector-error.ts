import type { InspectorError, InspectorErrorCode, InspectorErrorContext } from '../contract/contract-errors.js';
import { CheckpointError, type CheckpointErrorCode } from '../checkpoint/checkpoint-error.js';
import { CodedError } from '../errors/coded-error.js';
import { RecoveryError, type RecoveryErrorCode } from '../recovery/recovery-error.js';

/**
 * Thrown inside the service to stop an operation with a typed error; the dispatcher turns it
 * into the `{ ok: false, error }` value that crosses the contract. Never leaves the service.
 */
export class InspectorFailure extends Error {
  override readonly name = 'InspectorFailure';
  constructor(readonly code: InspectorErrorCode, message: string, readonly context: InspectorErrorContext = {}) {
    super(message);
  }
  toValue(): InspectorError {
    return { code: this.code, message: this.message, context: this.context };
  }
}

export function fail(code: InspectorErrorCode, message: string, context: InspectorErrorContext = {}): never {
  throw new InspectorFailure(code, message, context);
}

/** Every recovery code's contract code: a new recovery code does not compile until it has one. */
const RECOVERY_CODES: Readonly<Record<RecoveryErrorCode, InspectorErrorCode>> = {
  LOCKED: 'LOCKED', STORE_CHANGED: 'STORE_CHANGED', INVALID_PLAN: 'INVALID_ARGUMENT', BACKUP_FAILED: 'BACKUP_FAILED',
  APPLY_FAILED: 'APPLY_FAILED', UNSAFE_DIRECTORY: 'UNSAFE_DIRECTORY', NOT_VERIFIED: 'VERIFY_FAILED',
};

/** Every checkpoint code's contract code (the same names): a new one does not compile until it has one. */
const CHECKPOINT_CODES: Readonly<Record<CheckpointErrorCode, InspectorErrorCode>> = { LOG_IN_USE: 'LOG_IN_USE', LINK_REFUSED: 'LINK_REFUSED' };

/**
 * The contract code of each code the core's errors (WalError, StoreError, RecoveryError, FsError:
 * every CodedError) raise. A core code missing here crosses as IO_ERROR with the code as cause.
 */
const CORE_CODES: Readonly<Record<string, InspectorErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND', PERMISSION_DENIED: 'PERMISSION_DENIED', NOT_A_WAL: 'NOT_A_WAL', IO_ERROR: 'IO_ERROR',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT', OUTPUT_EXISTS: 'OUTPUT_EXISTS', ABORTED: 'ABORTED', COMPRESSION_ERROR: 'COMPRESSION_ERROR',
  CLOSED: 'UNKNOWN_SESSION', STORE_CHANGED: 'STORE_CHANGED', NOT_VERIFIED: 'VERIFY_FAILED', INVALID_PLAN: 'INVALID_ARGUMENT',
  INVALID_DOCUMENT_ID: 'INVALID_ARGUMENT', INVALID_COLLECTION_NAME: 'INVALID_ARGUMENT', INVALID_QUERY: 'INVALID_QUERY',
  // History and restore (core/history, core/restore).
  INVALID_TARGET: 'INVALID_ARGUMENT', TARGET_NOT_FOUND: 'NOT_FOUND', PLAN_STALE: 'STORE_CHANGED', DESTINATION_EXISTS: 'OUTPUT_EXISTS',
  APPLY_FAILED: 'APPLY_FAILED', NOT_A_STORE: 'INVALID_ARGUMENT', REHEARSAL_CHANGED: 'STORE_CHANGED',
};

const ERRNO: Readonly<Record<string, InspectorErrorCode>> = {
  ENOENT: 'NOT_FOUND', EACCES: 'PERMISSION_DENIED', EPERM: 'PERMISSION_DENIED', EEXIST: 'OUTPUT_EXISTS',
};

/** One line of an error's message: a message is for people, never a stack. */
function plain(value: unknown): string {
  const message = value instanceof Error ? value.message : String(value);
  return message.split('\n', 1)[0]!;
}

/** The context fields a core error carries, under the contract's names; the cause as its message. */
function contextOf(c: Readonly<Record<string, unknown>>): InspectorErrorContext {
  const out: { -readonly [K in keyof InspectorErrorContext]: InspectorErrorContext[K] } = {};
  if (typeof c['file'] === 'string') out.file = c['file'];
  if (typeof c['segment'] === 'string') out.segment = c['segment'];
  if (typeof c['field'] === 'string') out.field = c['field'];
  if (typeof c['collection'] === 'string') out.collection = c['collection'];
  if (typeof c['documentId'] === 'string') out.document_id = c['documentId'];
  if (typeof c['offset'] === 'number') out.offset = c['offset'];
  if (typeof c['row'] === 'number') out.row = c['row'];
  if (typeof c['column'] === 'number') out.column = c['column'];
  if (typeof c['backup'] === 'string' || c['backup'] === null) out.backup = c['backup'] as string | null;
  if (c['cause'] !== undefined) out.cause = plain(c['cause']);
  return out;
}

function isErrno(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

/**
 * Any failure as a contract error, by its type: our own failures as they are; the core's
 * CodedErrors by their code, with their context; Node system errors by errno; an AbortError as
 * ABORTED. Anything else is a bug: INTERNAL with the first line of its message — never a stack
 * (the service logs that; see `isInternal`).
 */
export function toInspectorError(err: unknown): InspectorError {
  if (err instanceof InspectorFailure) return err.toValue();
  // Checkpoint's refusals, with the process that writes the log.
  if (err instanceof CheckpointError) {
    const c = err.context;
    return { code: CHECKPOINT_CODES[err.code], message: plain(err), context: { ...contextOf(c as Record<string, unknown>), ...(c.pid !== undefined ? { pid: c.pid } : {}) } };
  }
  // Recovery's codes, with who holds the lock and how far a stopped apply got.
  if (err instanceof RecoveryError) {
    const c = err.context;
    const context = {
      ...contextOf(c as Record<string, unknown>), ...(c.pid !== undefined ? { pid: c.pid } : {}), ...(c.applied !== undefined ? { applied: c.applied } : {}),
      ...(c.planned !== undefined ? { planned: c.planned } : {}), ...(c.written ? { written: [...c.written] } : {}),
    };
    return { code: RECOVERY_CODES[err.code], message: plain(err), context };
  }
  if (err instanceof CodedError) {
    const context = contextOf(err.context as Record<string, unknown>);
    const code = CORE_CODES[err.code as string];
    return code ? { code, message: plain(err), context } : { code: 'IO_ERROR', message: plain(err), context: { ...context, cause: err.code as string } };
  }
  if (isErrno(err)) {
    const mapped = ERRNO[err.code];
    const file = typeof err.path === 'string' ? err.path : undefined;
    if (mapped) {
      const what = mapped === 'NOT_FOUND' ? 'no such file or directory' : mapped === 'PERMISSION_DENIED' ? 'permission denied' : 'already exists';
      return { code: mapped, message: file ? `${file}: ${what}` : plain(err), context: file ? { file, cause: plain(err) } : { cause: plain(err) } };
    }
    return { code: 'IO_ERROR', message: plain(err), context: file ? { file, cause: err.code } : { cause: err.code } };
  }
  if (err instanceof Error && err.name === 'AbortError') return { code: 'ABORTED', message: 'cancelled', context: {} };
  return { code: 'INTERNAL', message: `internal error: ${plain(err)}`, context: {} };
}

/** True when `toInspectorError(err)` is INTERNAL: a bug whose stack belongs in the server log. */
export function isInternal(err: unknown): boolean {
  return toInspectorError(err).code === 'INTERNAL';
}
