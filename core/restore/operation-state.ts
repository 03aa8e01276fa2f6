import { join, relative, resolve, isAbsolute } from 'node:path';
import { fingerprintBytes } from '../store/fingerprint.js';
import { DELETED_DIR } from '../store/fs-collection.js';
import { isValidDocumentId } from '../store/names.js';
import { readWholeFile } from '../store/read-file.js';
import { ioError } from '../store/store-error.js';
import { RestoreError } from './restore-error.js';
import type { RestoreOperation } from './restore-types.js';

export const livePath = (op: RestoreOperation, dir = op.collection_dir): string => join(dir, `${op.document_id}.json`);
export const trashPath = (op: RestoreOperation, dir = op.collection_dir): string => join(dir, DELETED_DIR, `${op.document_id}.json`);

export async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readWholeFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(err, file);
  }
}

const digest = (b: Uint8Array | null): string | null => (b ? fingerprintBytes(b) : null);

/** Refuses an operation a plan file could use to write outside its store or under an id Sentinel refuses. */
export function checkOperation(op: RestoreOperation, store: string, file?: string): void {
  const rel = relative(resolve(store), resolve(op.collection_dir));
  if (!isValidDocumentId(op.document_id) || rel.startsWith('..') || isAbsolute(rel)) {
    throw new RestoreError('INVALID_PLAN', `${file ?? 'the plan'}: an operation names ${JSON.stringify(op.document_id)} in ${op.collection_dir}, outside the store or not a document id`, {
      ...(file ? { file } : {}), documentId: op.document_id,
    });
  }
}

/** The files of one operation as they are now, and whether it is still to do, already done, or neither. */
export interface CheckedOperation {
  readonly op: RestoreOperation;
  readonly state: 'todo' | 'done';
  readonly live: Buffer | null;
  /** delete: `.deleted/<id>.json` now. */
  readonly trash: Buffer | null;
}

/**
 * Compares an operation's files with the plan: as planned → to do; as the operation leaves
 * them → done (an apply that was stopped resumes past it); anything else → STORE_CHANGED
 * naming the file. `allowDone` false (a rehearsal reads the live store, which it never changes).
 */
export async function checkState(op: RestoreOperation, allowDone = true): Promise<CheckedOperation> {
  const live = await readOrNull(livePath(op));
  const liveSha = digest(live);
  if (op.action === 'write') {
    if (liveSha === op.live_sha256) return { op, state: 'todo', live, trash: null };
    if (allowDone && liveSha === fingerprintBytes(Buffer.from(op.text, 'utf8'))) return { op, state: 'done', live, trash: null };
    throw changed(op, livePath(op));
  }
  if (op.action === 'replace') return checkReplace(op, live, liveSha, allowDone);
  const trash = await readOrNull(trashPath(op));
  const trashSha = digest(trash);
  if (liveSha === op.live_sha256 && trashSha === op.deleted_sha256) return { op, state: 'todo', live, trash };
  if (allowDone && live === null && trashSha === op.live_sha256) return { op, state: 'done', live, trash };
  throw changed(op, liveSha === op.live_sha256 ? trashPath(op) : livePath(op));
}

const textDigest = (t: string | null): string | null => (t === null ? null : fingerprintBytes(Buffer.from(t, 'utf8')));

/**
 * A `replace` writes `.deleted/` first, then the live file: each file must be as planned or as
 * the plan leaves it. Both files as the plan leaves them is done; the live file as planned is
 * to do (even with the copy already written: a stopped apply resumes).
 */
async function checkReplace(op: Extract<RestoreOperation, { action: 'replace' }>, live: Buffer | null, liveSha: string | null, allowDone: boolean): Promise<CheckedOperation> {
  const trash = op.trash ? await readOrNull(trashPath(op)) : null;
  const trashSha = digest(trash);
  const trashAfter = op.trash ? ('text' in op.trash ? textDigest(op.trash.text) : op.live_sha256) : null;
  const trashBefore = op.trash ? trashSha === op.trash.sha256 : true;
  const trashDone = op.trash ? trashSha === trashAfter : true;
  // Done first: a soft delete of an absent document leaves the live file as it was (both null).
  if (allowDone && liveSha === textDigest(op.live_text) && trashDone) return { op, state: 'done', live, trash };
  if (liveSha === op.live_sha256 && (trashBefore || (allowDone && trashDone))) return { op, state: 'todo', live, trash };
  const liveOk = liveSha === op.live_sha256 || (allowDone && liveSha === textDigest(op.live_text));
  throw changed(op, liveOk ? trashPath(op) : livePath(op));
}

function changed(op: RestoreOperation, file: string): RestoreError {
  return new RestoreError('STORE_CHANGED', `${file} is neither as the plan found it nor as the plan leaves it; plan again`, {
    file, collection: op.collection, documentId: op.document_id,
  });
}
