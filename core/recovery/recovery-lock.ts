import { join } from 'node:path';
import { acquireLock, LockHeldError, type HeldLock } from '../fs/lock-file.js';
import type { FsCollection } from '../store/fs-collection.js';
import { ioError } from '../store/store-error.js';
import { RecoveryError } from './recovery-error.js';

/** In the collection directory: a dot name, which Sentinel's document listing skips. */
export const RECOVERY_LOCK = '.wal-inspector-recover.lock';

/**
 * The collection's exclusive lock (pid, host, start time; a lock whose process is gone is
 * taken over), held by a recovery's apply and by a compaction's, so the two never run at
 * once. A second taker while one holds it fails with LOCKED naming the lock and its holder.
 */
export async function lockCollection(dir: string, tool: string): Promise<HeldLock> {
  const file = join(dir, RECOVERY_LOCK);
  try {
    return await acquireLock(file, tool);
  } catch (err) {
    if (err instanceof LockHeldError) {
      const pid = err.holder?.pid;
      throw new RecoveryError('LOCKED', `another recovery or compaction of ${dir} is running: ${err.message}; nothing was changed — let it finish, then try again`, {
        file, ...(pid !== undefined ? { pid } : {}),
      });
    }
    throw new RecoveryError('APPLY_FAILED', `cannot take the collection lock ${file}: ${ioError((err as { cause?: unknown }).cause ?? err, file).message}`, { file, cause: err });
  }
}

/** The lock a recovery's apply holds throughout. */
export function lockForRecovery(store: FsCollection): Promise<HeldLock> {
  return lockCollection(store.dir, 'wal-inspector recover');
}
