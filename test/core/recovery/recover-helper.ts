import { expect } from 'vitest';
import { toCompactText } from '../../../core/json/index.js';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import type { RecoveryMode, RecoveryPlan } from '../../../core/recovery/recovery-types.js';
import { ForceReplay } from '../../../core/recovery/replay-force.js';
import { SafeReplay } from '../../../core/recovery/replay-safe.js';
import { parseDocumentFile } from '../../../core/store/document-file.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { MemoryCollection } from '../../../core/store/memory-collection.js';
import { readWholeFile } from '../../../core/store/read-file.js';
import { isDroppedByCommittedOnly, TransactionFateTracker } from '../../../core/verify/transaction-fates.js';
import { entryText } from '../../../core/wal/log-entry.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { deletedData, liveData, makeStore, type DocSpec, type EntrySpec, type TestStore } from '../store/store-fixture.js';

export interface Recovered {
  readonly plan: RecoveryPlan;
  readonly live: Record<string, string>;
  /** `.deleted/` afterwards: soft-deleted documents' data by id. */
  readonly deleted: Record<string, string>;
  readonly store: TestStore;
  readonly backup: string | null;
  /** Plans again on the result (idempotence). */
  replan(): Promise<RecoveryPlan>;
}

const open: TestStore[] = [];
export async function cleanupStores(): Promise<void> {
  while (open.length) await open.pop()!.cleanup();
}

export async function planOn(store: TestStore, mode: RecoveryMode, committedOnly = false): Promise<RecoveryPlan> {
  const location = await locateLog(store.collDir);
  return planRecovery(() => readLog(location), await FsCollection.open(store.collDir), { mode, committedOnly });
}

const textMap = (m: ReadonlyMap<string, { data: Parameters<typeof toCompactText>[0] }>) =>
  Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, d]) => [id, toCompactText(d.data)]));

/**
 * The reference: the collection's files read into memory, then every entry replayed in log
 * order, one operation at a time (no plan, no net changes): what recovery must leave on disk,
 * live documents and soft-deleted copies alike.
 */
export async function replayInOrder(collDir: string, mode: RecoveryMode, committedOnly = false): Promise<{ live: Record<string, string>; deleted: Record<string, string> }> {
  const fs = await FsCollection.open(collDir);
  const mem = await MemoryCollection.create(fs.collection);
  for (const id of await fs.listDocumentIds()) {
    const r = await fs.getDocument(id);
    if (r.ok && r.value) mem.documents.set(id, r.value);
  }
  for (const id of Object.keys(await deletedData(collDir))) {
    const parsed = parseDocumentFile(await readWholeFile(fs.deletedPath(id)), id);
    if (parsed.ok) mem.deleted.set(id, parsed.document);
  }
  const location = await locateLog(collDir);
  const fates = new TransactionFateTracker();
  if (committedOnly) for await (const r of readLog(location)) fates.add(r);
  const replay = mode === 'safe' ? new SafeReplay(mem) : new ForceReplay(mem);
  for await (const r of readLog(location)) {
    if (r.kind !== 'entry') continue;
    const t = entryText(r.entry);
    if (committedOnly && isDroppedByCommittedOnly(t.entryType, fates.fateOf(t.transactionId))) continue;
    await replay.replay(t);
  }
  return { live: textMap(mem.documents), deleted: textMap(mem.deleted) };
}

/** Builds a real store, plans and applies a recovery on it, and checks it against `replayInOrder`. */
export async function recoverOn(
  docs: Record<string, string | DocSpec>, specs: readonly EntrySpec[] | Uint8Array, mode: RecoveryMode,
  options: { committedOnly?: boolean; deleted?: Record<string, string>; backup?: boolean; collection?: string } = {},
): Promise<Recovered> {
  const store = await makeStore(docs, specs, {
    ...(options.deleted ? { deleted: options.deleted } : {}), ...(options.collection ? { collection: options.collection } : {}),
  });
  open.push(store);
  const expected = await replayInOrder(store.collDir, mode, options.committedOnly);
  const plan = await planOn(store, mode, options.committedOnly);
  const applied = await applyRecovery(plan, await FsCollection.open(store.collDir), { backup: options.backup ?? false });
  const result = { live: await liveData(store.collDir), deleted: await deletedData(store.collDir) };
  expect(result, 'the store as replaying the log in order leaves it').toEqual(expected);
  return {
    plan, store, backup: applied.backup, ...result,
    replan: () => planOn(store, mode, options.committedOnly),
  };
}

export const counts = (p: RecoveryPlan) => [p.counts.recovered, p.counts.skipped, p.counts.failed];
