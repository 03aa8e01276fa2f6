import { join } from 'node:path';
import { acquireLock, LockHeldError, type HeldLock } from '../fs/lock-file.js';
import type { FsCollection } from '../store/fs-collection.js';
import { ioError } from '../store/store-error.js';
import { RecoveryError } from './recovery-error.js';

/** In the collection directory: a dot name, which Sentinel's document listing skips. */
export const RECOVERY_LOCK = '.wal-inspector-recover.lock';

/**
 * The collection's exclusive recovery lock (pid, host, start time; a lock whose process is
 * gone is taken over). A second apply while one runs fails with LOCKED naming the holder.
 */
export async function lockForRecovery(store: FsCollection): Promise<HeldLock> {
  const file = join(store.dir, RECOVERY_LOCK);
  try {
    return await acquireLock(file, 'wal-inspector recover');
  } catch (err) {
    if (err instanceof LockHeldError) {
      const pid = err.holder?.pid;
      throw new RecoveryError('LOCKED', `another recovery of ${store.dir} is running: ${err.message}; nothing was changed — let it finish, then plan again`, {
        file, ...(pid !== undefined ? { pid } : {}),
      });
    }
    throw new RecoveryError('APPLY_FAILED', `cannot take the recovery lock ${file}: ${ioError((err as { cause?: unknown }).cause ?? err, file).message}`, { file, cause: err });
  }
}
