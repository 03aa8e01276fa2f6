import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deepMerge, jsonEquals, parseJson, type JsonValue } from '../json/index.js';
import { parseDocumentFile } from '../store/document-file.js';
import { DELETED_DIR } from '../store/fs-collection.js';
import { isValidDocumentId } from '../store/names.js';
import { isDroppedByCommittedOnly, type TransactionFate } from '../verify/transaction-fates.js';
import type { DocumentOp } from '../verify/log-history.js';
import type { CompactBlocker } from './checkpoint-types.js';

/** What the store held just before a document's last effective Delete: known data, or present but not known. */
type Before = { readonly known: true; readonly data: JsonValue } | { readonly known: false };

/**
 * Replays a document's committed operations as the store applies them (Update deep-merges)
 * and returns what its last Delete of a present document moved into `.deleted/`; undefined
 * when the document is not deleted at the end, or no Delete found it present.
 */
export function expectedDeletedCopy(ops: readonly DocumentOp[], fateOf: (tx: string) => TransactionFate | undefined): { before: Before; op: DocumentOp } | undefined {
  let state: Before | 'absent' | 'unknown' = 'unknown';
  let last: { before: Before; op: DocumentOp } | undefined;
  for (const op of ops) {
    if (isDroppedByCommittedOnly(op.type, fateOf(op.transactionId))) continue;
    if (op.type === 'Delete') {
      // A Delete of a document the log never showed may have found it present: a copy is not required then.
      if (state !== 'absent' && state !== 'unknown') last = { before: state, op };
      state = 'absent';
      continue;
    }
    const parsed = op.data === null ? undefined : parseJson(op.data);
    if (!parsed?.ok) continue;
    if (op.type === 'Insert') state = { known: true, data: parsed.value };
    else state = typeof state === 'object' && state.known ? { known: true, data: deepMerge(state.data, parsed.value) } : state === 'absent' ? 'absent' : { known: false };
  }
  return state === 'absent' ? last : undefined;
}

/**
 * Every document the committed log leaves deleted must have its soft-deleted copy, holding
 * what the store held before that Delete: otherwise removing the log's entries would lose the
 * only record of it. Returns a blocker per document where the copy is missing, unreadable or
 * different (a document still live is left to verification's own finding).
 */
export async function checkDeletedCopies(
  collectionDir: string, byDocument: ReadonlyMap<string, readonly DocumentOp[]>, fateOf: (tx: string) => TransactionFate | undefined,
): Promise<CompactBlocker[]> {
  const out: CompactBlocker[] = [];
  for (const [id, ops] of byDocument) {
    const expected = expectedDeletedCopy(ops, fateOf);
    if (!expected || !isValidDocumentId(id)) continue;
    // Still live: verification's deleted-still-on-disk finding already says the Delete is not applied.
    if (await lstat(join(collectionDir, `${id}.json`)).then(() => true, () => false)) continue;
    const file = join(collectionDir, DELETED_DIR, `${id}.json`);
    const at = { documentId: id, segment: expected.op.at.segment, offset: expected.op.at.offset };
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      out.push({
        kind: missing ? 'deleted-copy-missing' : 'deleted-copy-unreadable', ...at,
        description: missing ? `Document ${id} is deleted by the log but its soft-deleted copy ${DELETED_DIR}/${id}.json is missing`
          : `The soft-deleted copy of ${id} cannot be read: ${(err as Error).message}`,
      });
      continue;
    }
    const parsed = parseDocumentFile(bytes, id);
    if (!parsed.ok) {
      out.push({ kind: 'deleted-copy-unreadable', ...at, description: `The soft-deleted copy ${DELETED_DIR}/${id}.json is not a document: ${parsed.message}` });
    } else if (expected.before.known && !jsonEquals(expected.before.data, parsed.document.data)) {
      out.push({ kind: 'deleted-copy-differs', ...at, description: `The soft-deleted copy ${DELETED_DIR}/${id}.json does not hold what the log had for ${id} before its Delete` });
    }
  }
  return out;
}
