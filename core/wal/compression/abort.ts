import { WalError } from '../wal-error.js';

/** Aborts surface as WalError ABORTED (its own code, as abstract-level does), never as a DOMException. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new WalError('ABORTED', `${what}: aborted`, { cause: signal.reason });
}

export function isAbortError(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === 'AbortError' || (err as { code?: unknown } | null)?.code === 'ABORT_ERR';
}
