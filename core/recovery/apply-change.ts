import { rename, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { parseDocumentFile, renderDocumentBytes } from '../store/document-file.js';
import { newDocument, updatedDocument } from '../store/document-transition.js';
import type { FsCollection } from '../store/fs-collection.js';
import { ioError } from '../store/store-error.js';
import type { Clock } from '../store/timestamp.js';
import { RecoveryError } from './recovery-error.js';
import type { ChangeBasis, DocumentChange } from './recovery-types.js';

/** One planned change with the files as apply read (and checked) them. */
export interface CheckedChange {
  readonly change: DocumentChange;
  readonly live: Uint8Array | null;
  readonly deleted: Uint8Array | null;
  /** The change writes `.deleted/<id>.json`. */
  readonly writesTrash: boolean;
}

/** Runs one file step; a failure is a StoreError naming that file (ENOSPC says which write hit it). */
async function step(file: string, id: string, collection: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    throw ioError(err, file, { collection, documentId: id });
  }
}

/** Writes one change: the soft-deleted copy first, then the live file. */
export async function applyChange(c: CheckedChange, basis: ChangeBasis, store: FsCollection, clock: Clock): Promise<void> {
  const id = c.change.documentId;
  const livePath = store.documentPath(id);
  const trashPath = store.deletedPath(id);
  const run = (file: string, work: () => Promise<void>) => step(file, id, store.collection, work);
  // Interrupted after the copy, a new plan finds it in place and goes on.
  if (c.writesTrash) {
    // A copy the log wrote is a new file of the collection; the live file copied keeps its own mode and owner.
    const copy = basis.deletedCopy;
    if (copy) await run(trashPath, () => writeFileAtomic(trashPath, renderDocumentBytes(copy), { syncDir: false, newLike: store.dir }));
    else if (c.change.operation === 'delete') return run(trashPath, () => rename(livePath, trashPath));
    else await run(trashPath, () => writeFileAtomic(trashPath, c.live!, { syncDir: false, like: livePath }));
  }
  if (c.change.operation === 'delete') {
    if (c.live) await run(livePath, () => unlink(livePath));
    return;
  }
  let doc;
  if (c.change.operation === 'insert' || !c.live || basis.recreated) doc = newDocument(id, c.change.after, clock());
  else {
    const parsed = parseDocumentFile(c.live, id);
    if (!parsed.ok) throw new RecoveryError('STORE_CHANGED', `${id}.json is no longer readable: ${parsed.message}`, { documentId: id, file: livePath });
    doc = updatedDocument(parsed.document, c.change.after, clock());
  }
  const bytes = renderDocumentBytes(doc);
  await run(livePath, () => writeFileAtomic(livePath, bytes, { syncDir: false }));
}
