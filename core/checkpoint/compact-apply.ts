import { lstat, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory } from '../fs/atomic-file.js';
import { RecoveryError } from '../recovery/recovery-error.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { compressFile } from '../wal/compression/compress.js';
import { FsCollection } from '../store/fs-collection.js';
import { verifyLog } from '../verify/verify-log.js';
import { locateLog } from '../wal/log-location.js';
import { readLog } from '../wal/read-log.js';
import { fsError } from '../wal/wal-error.js';
import type { CompactOptions, CompactPlan, CompactResult, SealStep } from './checkpoint-types.js';
import { activeSegment, logPosition, stampOf } from './log-position.js';

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses when the chain or the active segment changed since the plan (a writer appended). */
async function assertUnchanged(plan: CompactPlan): Promise<void> {
  const now = await locateLog(plan.walDir);
  const names = now.segments.map((s) => s.name);
  const changed = (why: string) => new RecoveryError('STORE_CHANGED', `the log changed since the preview (${why}); preview again`, { file: plan.walDir });
  if (names.join('\n') !== plan.segments.join('\n')) throw changed('segments added or removed');
  const active = activeSegment(now);
  if (!active !== !plan.active) throw changed('active segment');
  if (active && plan.active) {
    const st = await stampOf(active);
    if (st.size !== plan.active.size || st.mtimeMs !== plan.active.mtimeMs || st.ino !== plan.active.ino) throw changed(`${active.name} was written to`);
  }
}

/** Removing entries is the one step that loses information: verify again right before it. */
async function assertStillVerified(plan: CompactPlan, options: CompactOptions): Promise<void> {
  const signal = options.signal ? { signal: options.signal } : {};
  const again = await verifyLog(readLog(await locateLog(plan.walDir), signal), await FsCollection.open(plan.collectionDir), signal);
  if (!again.passed) {
    throw new RecoveryError('STORE_CHANGED', 'the store no longer reflects the whole log (verification has critical issues again); nothing was removed', { file: plan.collectionDir });
  }
}

/** Renames the active segment to its rotated name, starts an empty one, compresses if asked. */
async function sealActive(plan: CompactPlan, seal: SealStep, options: CompactOptions): Promise<string> {
  const dir = plan.walDir;
  const from = join(dir, seal.from);
  const to = join(dir, seal.to);
  if ((await exists(to)) || (await exists(join(dir, seal.final)))) {
    throw new RecoveryError('STORE_CHANGED', `${seal.to} appeared since the preview; it is never overwritten`, { file: to });
  }
  try {
    const fh = await open(from, 'r+');
    await fh.sync().finally(() => fh.close());
    await rename(from, to);
    const fresh = await open(from, 'wx', 0o644);
    await fresh.sync().finally(() => fresh.close());
    await fsyncDirectory(dir);
  } catch (err) {
    throw fsError(err, from, 'seal');
  }
  options.onProgress?.({ phase: 'seal', done: 1 });
  if (seal.compression === 'none') return seal.to;
  await compressFile(to, join(dir, seal.final), seal.compression, options.signal ? { signal: options.signal } : {});
  try {
    await unlink(to);
    await fsyncDirectory(dir);
  } catch (err) {
    throw fsError(err, to, 'remove after compressing');
  }
  options.onProgress?.({ phase: 'compress', done: 1 });
  return seal.final;
}

/**
 * Executes a compaction preview: seals the active segment (the active log starts empty),
 * compresses it if asked, removes the sealed segments the preview named (their leftover
 * compressed copies first, so a partial removal never brings old entries back). Refuses
 * when the preview was refused or the log changed since.
 */
export async function applyCompaction(plan: CompactPlan, options: CompactOptions = {}): Promise<CompactResult> {
  if (plan.refused !== null) throw new RecoveryError('NOT_VERIFIED', plan.refused, { file: plan.walDir });
  await assertUnchanged(plan);
  if (plan.remove.length > 0) await assertStillVerified(plan, options);
  throwIfAborted(options.signal, 'checkpoint');
  const sealed = plan.seal ? await sealActive(plan, plan.seal, options) : null;
  const removed: string[] = [];
  for (const step of plan.remove) {
    throwIfAborted(options.signal, 'checkpoint');
    for (const name of [...step.duplicates, step.segment]) {
      try {
        await unlink(join(plan.walDir, name));
        removed.push(name);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(err, join(plan.walDir, name), 'remove');
      }
    }
    options.onProgress?.({ phase: 'remove', done: removed.length });
  }
  if (removed.length > 0) await fsyncDirectory(plan.walDir);
  return { plan, sealed, removed, position: await logPosition(await locateLog(plan.walDir), options.signal) };
}
