import { lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory } from '../fs/atomic-file.js';
import { RecoveryError } from '../recovery/recovery-error.js';
import { lockCollection } from '../recovery/recovery-lock.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { compressFile } from '../wal/compression/compress.js';
import { locateLog } from '../wal/log-location.js';
import { fsError } from '../wal/wal-error.js';
import type { CompactOptions, CompactPlan, CompactResult, KeptFile, SealStep, SegmentStamp } from './checkpoint-types.js';
import { assertNoLinks, assertNoWriters, lockForCompaction } from './log-guards.js';
import { activeSegment, logPosition } from './log-position.js';
import { findOpenWriters, type WriterCheckFn } from './open-writers.js';
import { checkStoreReflectsLog } from './store-reflects.js';

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

const changed = (plan: CompactPlan, why: string) => new RecoveryError('STORE_CHANGED', `the log changed since the preview (${why}); preview again`, { file: plan.walDir });

/** Same file, same size, same mtime as when it was read for the plan. */
async function sameAsStamp(path: string, stamp: SegmentStamp): Promise<boolean> {
  try {
    const st = await stat(path);
    return st.size === stamp.size && st.mtimeMs === stamp.mtimeMs && st.ino === stamp.ino;
  } catch {
    return false;
  }
}

/** Refuses when the chain or the active segment changed since the plan (a writer appended). */
async function assertUnchanged(plan: CompactPlan): Promise<void> {
  const now = await locateLog(plan.walDir);
  const names = now.segments.map((s) => s.name);
  if (names.join('\n') !== plan.segments.join('\n')) throw changed(plan, 'segments added or removed');
  const active = activeSegment(now);
  if (!active !== !plan.active) throw changed(plan, 'active segment');
  if (active && plan.active && !(await sameAsStamp(active.path, plan.active))) throw changed(plan, `${active.name} was written to`);
}

/** Removing entries is the one step that loses information: check again right before it. */
async function assertStillReflected(plan: CompactPlan, options: CompactOptions): Promise<void> {
  const again = await checkStoreReflectsLog(await locateLog(plan.walDir), plan.collectionDir, options.signal);
  if (!again.verified.passed || again.blockers.length > 0) {
    const why = !again.verified.passed ? 'verification has critical issues again' : again.blockers[0]!.description;
    throw new RecoveryError('STORE_CHANGED', `the store no longer reflects the whole log (${why}); nothing was removed`, { file: plan.collectionDir });
  }
}

/**
 * Renames the active segment to its rotated name, starts an empty one, compresses if asked.
 * Right before the rename: nobody has it open for writing, and it is as planned. After
 * compressing, the uncompressed file is removed only if it is still as planned and nobody
 * writes it (a writer the checks could not see would have appended to it): else it is kept,
 * our compressed copy removed, and `kept` says so.
 */
async function sealActive(plan: CompactPlan, seal: SealStep, check: WriterCheckFn, kept: KeptFile[], options: CompactOptions): Promise<string> {
  const dir = plan.walDir;
  const from = join(dir, seal.from);
  const to = join(dir, seal.to);
  if ((await exists(to)) || (await exists(join(dir, seal.final)))) {
    throw new RecoveryError('STORE_CHANGED', `${seal.to} appeared since the preview; it is never overwritten`, { file: to });
  }
  await assertNoWriters([from], check);
  if (plan.active && !(await sameAsStamp(from, plan.active))) throw changed(plan, `${seal.from} was written to`);
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
  const writers = (await check([to])).writers;
  if (writers.length > 0 || (plan.active && !(await sameAsStamp(to, plan.active)))) {
    await unlink(join(dir, seal.final)).catch(() => undefined);
    await fsyncDirectory(dir).catch(() => undefined);
    kept.push({ file: seal.to, reason: `${writers.length > 0 ? 'another process has it open for writing' : 'it changed while it was sealed'}: kept uncompressed, with every entry written to it` });
    return seal.to;
  }
  try {
    await unlink(to);
    await fsyncDirectory(dir);
  } catch (err) {
    throw fsError(err, to, 'remove after compressing');
  }
  options.onProgress?.({ phase: 'compress', done: 1 });
  return seal.final;
}

/** Removes one planned segment and its leftover copies (copies first, so old entries never come back). */
async function removeStep(plan: CompactPlan, step: CompactPlan['remove'][number], check: WriterCheckFn, removed: string[], kept: KeptFile[]): Promise<void> {
  const path = join(plan.walDir, step.segment);
  if (step.stamp && !(await sameAsStamp(path, step.stamp))) {
    kept.push({ file: step.segment, reason: 'it changed after it was read for the preview: not removed' });
    return;
  }
  if ((await check([path])).writers.length > 0) {
    kept.push({ file: step.segment, reason: 'another process has it open for writing: not removed' });
    return;
  }
  for (const name of [...step.duplicates, step.segment]) {
    try {
      await unlink(join(plan.walDir, name));
      removed.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(err, join(plan.walDir, name), 'remove');
    }
  }
}

/**
 * Executes a compaction preview: seals the active segment (the active log starts empty),
 * compresses it if asked, removes the sealed segments the preview named. Holds our writer
 * lock throughout. Refuses when the preview was refused, a link is in the way, another
 * process writes the log, or the log changed since; keeps (and reports) any file that
 * changed after it was read.
 */
export async function applyCompaction(plan: CompactPlan, options: CompactOptions = {}): Promise<CompactResult> {
  if (plan.refused !== null) throw new RecoveryError('NOT_VERIFIED', plan.refused, { file: plan.walDir });
  const check = options.checkWriters ?? findOpenWriters;
  await assertNoLinks(plan.walDir, [...(plan.seal ? [join(plan.walDir, plan.seal.from)] : []), ...plan.remove.map((r) => join(plan.walDir, r.segment))]);
  // The collection's lock too: a recovery writing documents meanwhile would undo what was verified.
  const collection = await lockCollection(plan.collectionDir, 'wal-inspector checkpoint');
  const lock = await lockForCompaction(plan.walDir).catch(async (err: unknown) => {
    await collection.release();
    throw err;
  });
  try {
    await assertUnchanged(plan);
    if (plan.remove.length > 0) await assertStillReflected(plan, options);
    throwIfAborted(options.signal, 'checkpoint');
    const kept: KeptFile[] = [];
    const sealed = plan.seal ? await sealActive(plan, plan.seal, check, kept, options) : null;
    const removed: string[] = [];
    for (const step of plan.remove) {
      throwIfAborted(options.signal, 'checkpoint');
      if (plan.seal && step.segment === plan.seal.final && sealed !== plan.seal.final) {
        kept.push({ file: sealed ?? step.segment, reason: 'kept whole when sealed: not removed' });
        continue;
      }
      await removeStep(plan, step, check, removed, kept);
      options.onProgress?.({ phase: 'remove', done: removed.length });
    }
    if (removed.length > 0) await fsyncDirectory(plan.walDir);
    return { plan, sealed, removed, kept, position: await logPosition(await locateLog(plan.walDir), options.signal) };
  } finally {
    await lock.release();
    await collection.release();
  }
}
