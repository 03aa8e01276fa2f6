import { join } from 'node:path';
import type { RecoveryPlan } from '../recovery/recovery-types.js';
import { forEachLimit } from '../recovery/worker-pool.js';
import { parseDocumentFile, renderDocument } from '../store/document-file.js';
import { newDocument, updatedDocument } from '../store/document-transition.js';
import { fingerprintBytes } from '../store/fingerprint.js';
import { isValidDocumentId } from '../store/names.js';
import type { Clock } from '../store/timestamp.js';
import { readOrNull } from './operation-state.js';
import { RestoreError } from './restore-error.js';
import type { RestoreOperation } from './restore-types.js';

/**
 * A recovery plan's changes as exact operations on the collection `dir`, for a plan file: the
 * same files `applyChange` would write (the soft-deleted copy, then the live file as a new or
 * updated document), rendered now — so `updated_at` is the plan's time and a reviewer reads
 * the very bytes apply will write. Reads each live file it rewrites once (32 at a time) and
 * refuses (STORE_CHANGED) one that changed since the recovery was planned.
 */
export async function recoveryOperations(plan: RecoveryPlan, dir: string, clock: Clock, signal?: AbortSignal): Promise<RestoreOperation[]> {
  const out: RestoreOperation[] = new Array(plan.changes.length);
  const collection = plan.collection;
  await forEachLimit(plan.changes, 32, async (change, i) => {
    const id = change.documentId;
    const basis = plan.basis.get(id);
    if (!basis || !isValidDocumentId(id)) throw new RestoreError('INVALID_PLAN', `the recovery plan names an invalid or unknown document id ${JSON.stringify(id)}`, { collection, documentId: id });
    const file = join(dir, `${id}.json`);
    const live = await readOrNull(file);
    if ((live ? fingerprintBytes(live) : null) !== basis.live) {
      throw new RestoreError('STORE_CHANGED', `${file} changed while the recovery was planned; plan again`, { file, collection, documentId: id });
    }
    const base = { collection, collection_dir: dir, document_id: id };
    const writesTrash = basis.deleted !== undefined;
    if (change.operation === 'delete' && writesTrash && !basis.deletedCopy && basis.live !== null) {
      out[i] = { action: 'delete', ...base, live_sha256: basis.live, deleted_sha256: basis.deleted ?? null };
      return;
    }
    const trash = !writesTrash ? undefined
      : basis.deletedCopy ? { sha256: basis.deleted ?? null, text: renderDocument(basis.deletedCopy) }
        : { sha256: basis.deleted ?? null, from_live: true as const };
    let liveText: string | null = null;
    if (change.operation !== 'delete') {
      let doc;
      if (change.operation === 'insert' || !live || basis.recreated) doc = newDocument(id, change.after, clock());
      else {
        const parsed = parseDocumentFile(live, id);
        if (!parsed.ok) throw new RestoreError('STORE_CHANGED', `${file} is no longer readable: ${parsed.message}`, { file, collection, documentId: id });
        doc = updatedDocument(parsed.document, change.after, clock());
      }
      liveText = renderDocument(doc);
    }
    out[i] = { action: 'replace', ...base, live_sha256: basis.live, live_text: liveText, ...(trash ? { trash } : {}) };
  }, { ...(signal ? { signal } : {}), what: 'recovery plan' });
  return out;
}
