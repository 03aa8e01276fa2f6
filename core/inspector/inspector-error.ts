import type { InspectorError, InspectorErrorCode, InspectorErrorContext } from '../contract/contract-errors.js';

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

const PASSTHROUGH: ReadonlySet<string> = new Set<InspectorErrorCode>([
  'NOT_FOUND', 'PERMISSION_DENIED', 'NOT_A_WAL', 'IO_ERROR', 'INVALID_ARGUMENT', 'OUTPUT_EXISTS',
  'ABORTED', 'COMPRESSION_ERROR', 'STORE_CHANGED', 'VERIFY_FAILED', 'NOT_AVAILABLE',
]);

const ERRNO: Readonly<Record<string, InspectorErrorCode>> = {
  ENOENT: 'NOT_FOUND', EACCES: 'PERMISSION_DENIED', EPERM: 'PERMISSION_DENIED', EEXIST: 'OUTPUT_EXISTS',
};

function text(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}

function contextOf(raw: unknown): InspectorErrorContext {
  if (!raw || typeof raw !== 'object') return {};
  const c = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['file', 'segment', 'field'] as const) if (typeof c[key] === 'string') out[key] = c[key];
  for (const key of ['offset', 'row'] as const) if (typeof c[key] === 'number') out[key] = c[key];
  if (c['cause'] !== undefined) out['cause'] = text(c['cause']);
  return out as InspectorErrorContext;
}

/**
 * Any failure as a contract error: our own failures as they are; the core's typed errors
 * (WalError, StoreError: `code` + `context`) by their code; Node fs errors by errno;
 * anything else is a bug (INTERNAL) with its message.
 */
export function toInspectorError(err: unknown): InspectorError {
  if (err instanceof InspectorFailure) return err.toValue();
  const e = err as { code?: unknown; message?: unknown; context?: unknown; path?: unknown; name?: unknown } | null;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    if (PASSTHROUGH.has(e.code)) return { code: e.code as InspectorErrorCode, message: e.message, context: contextOf(e.context) };
    if (e.code === 'CLOSED') return { code: 'UNKNOWN_SESSION', message: e.message, context: {} };
    if (e.code === 'NOT_VERIFIED') return { code: 'VERIFY_FAILED', message: e.message, context: contextOf(e.context) };
    if (e.code === 'INVALID_PLAN') return { code: 'INVALID_ARGUMENT', message: e.message, context: contextOf(e.context) };
    const mapped = ERRNO[e.code];
    if (mapped) {
      const file = typeof e.path === 'string' ? e.path : undefined;
      const what = mapped === 'NOT_FOUND' ? 'no such file or directory' : mapped === 'PERMISSION_DENIED' ? 'permission denied' : 'already exists';
      return { code: mapped, message: file ? `${file}: ${what}` : e.message, context: file ? { file, cause: e.message } : { cause: e.message } };
    }
    if (/^E[A-Z]+$/.test(e.code)) return { code: 'IO_ERROR', message: e.message, context: { cause: e.code } };
    if (/^[A-Z_]+$/.test(e.code)) return { code: 'IO_ERROR', message: e.message, context: { ...contextOf(e.context), cause: e.code } };
  }
  if (e && e.name === 'AbortError') return { code: 'ABORTED', message: 'cancelled', context: {} };
  return { code: 'INTERNAL', message: `internal error: ${text(err)}`, context: err instanceof Error && err.stack ? { cause: err.stack } : {} };
}
