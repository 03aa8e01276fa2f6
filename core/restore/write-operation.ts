import { rename, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { ioError } from '../store/store-error.js';
import { livePath, readOrNull, trashPath } from './operation-state.js';
import type { RestoreOperation } from './restore-types.js';

const utf8 = (t: string): Buffer => Buffer.from(t, 'utf8');

/**
 * Makes one operation's files what the plan says, in the collection directory `dir` (the live
 * one, or a rehearsal's copy of it). Each step is atomic and the soft-deleted copy goes first,
 * so a stop between steps leaves a state `checkState` recognises and the same plan resumes.
 * A failure is a StoreError naming the file.
 */
export async function writeOperation(op: RestoreOperation, dir = op.collection_dir): Promise<void> {
  const live = livePath(op, dir);
  const trash = trashPath(op, dir);
  const step = async (file: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      throw ioError(err, file, { collection: op.collection, documentId: op.document_id });
    }
  };
  if (op.action === 'write') return step(live, () => writeFileAtomic(live, utf8(op.text), { syncDir: false, newLike: dir }));
  if (op.action === 'delete') return step(trash, () => rename(live, trash));
  if (op.trash) {
    if ('text' in op.trash) {
      const text = op.trash.text;
      await step(trash, () => writeFileAtomic(trash, utf8(text), { syncDir: false, newLike: dir }));
    } else {
      // The live file's own bytes, mode and owner, read now: on a resume it is still as planned (checked).
      const bytes = await readOrNull(live);
      if (bytes) await step(trash, () => writeFileAtomic(trash, bytes, { syncDir: false, like: live }));
    }
  }
  const text = op.live_text;
  if (text !== null) return step(live, () => writeFileAtomic(live, utf8(text), { syncDir: false, newLike: dir }));
  await step(live, () => unlink(live).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  }));
}
