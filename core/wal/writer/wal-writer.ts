import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encodeBinaryEntry } from '../binary-codec.js';
import { fsyncDir, writeAll } from '../../fs/atomic-file.js';
import { walConfigFor, type WalConfig } from '../config.js';
import type { EntryType } from '../entry-type.js';
import { encodeJsonlEntry } from '../jsonl-codec.js';
import { type LogEntry } from '../log-entry.js';
import { createEntry, newTransactionId } from '../new-entry.js';
import { ACTIVE_SEGMENT_NAME, nextFreeRotatedName } from '../segment-name.js';
import { fsError, WalError } from '../wal-error.js';
import { BackgroundCompression } from './background-compression.js';
import { inspectActiveSegment, type ExistingSegment } from './existing-segment.js';
import { GroupCommit } from './group-commit.js';
import { removeStrayTemps } from './stray-temps.js';
import { WriteQueue, type AppendRequest } from './write-queue.js';
import { acquireWriterLock, type HeldLock } from './writer-lock.js';
import { validateWalConfig, type TransactionEntryFields, type WalCheckpoint, type WalWriterOptions } from './writer-options.js';

/**
 * The original's WalManager, writing `transactions.wal` in a WAL directory and rotating it
 * by size and entry count. Differences, all on purpose: rotated names are never reused;
 * reopening counts the entries already there; an empty segment is never rotated; a durability
 * policy decides fsyncs; background compression is atomic and its failures are reported.
 */
export class WalWriter {
  private readonly queue: WriteQueue;
  private readonly group: GroupCommit;
  private readonly background: BackgroundCompression;
  private readonly clock: () => number;
  private readonly syncFile: (fh: FileHandle) => Promise<void>;
  private readonly collection: string;
  private readonly openTx = new Set<string>();
  private bytes = 0;
  private count = 0;
  /** JSON Lines: the file ends inside a line; the next write starts with "\n". */
  private endsMidLine: boolean;
  private closing: Promise<void> | null = null;
  /**
   * Set when an fsync fails: the kernel may have dropped the unsynced pages, so a later fsync
   * could succeed without them being on disk. Every later append fails with this error.
   */
  private failure: WalError | null = null;

  private constructor(
    readonly walDir: string,
    readonly config: WalConfig,
    private fh: FileHandle,
    /** What the active segment held when opened. */
    readonly existing: ExistingSegment,
    options: WalWriterOptions,
    private readonly lock: HeldLock,
    /** How many temporaries a crashed compression had left, removed on open. */
    readonly strayTempsRemoved: number,
  ) {
    this.clock = options.clock ?? Date.now;
    this.syncFile = options.sync ?? ((f) => f.sync());
    this.collection = options.collection ?? (basename(walDir) === '.wal' ? basename(dirname(walDir)) : '');
    this.group = new GroupCommit(() => this.syncActive(), options.groupWindowMs ?? 0);
    this.background = new BackgroundCompression(options.onBackgroundError);
    this.bytes = existing.size;
    this.count = existing.entries;
    this.endsMidLine = existing.endsMidLine;
    this.queue = new WriteQueue({
      coalesce: config.durability !== 'fsync',
      write: (requests) => this.writeRequests(requests),
    });
  }

  get activePath(): string {
    return join(this.walDir, ACTIVE_SEGMENT_NAME);
  }

  /** Opens (creating the directory and file when missing) and appends to `transactions.wal`. */
  static async open(walDir: string, config: Partial<WalConfig> = {}, options: WalWriterOptions = {}): Promise<WalWriter> {
    const full = walConfigFor(config);
    validateWalConfig(full);
    try {
      await mkdir(walDir, { recursive: true });
    } catch (err) {
      throw fsError(err, walDir, 'create directory');
    }
    // The lock first: nothing below may race another writer of ours, or a checkpoint.
    const lock = await acquireWriterLock(walDir, 'writer');
    try {
      const strayTemps = await removeStrayTemps(walDir);
      const path = join(walDir, ACTIVE_SEGMENT_NAME);
      const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return Buffer.alloc(0);
        throw fsError(err, path, 'read');
      });
      const existing = inspectActiveSegment(bytes);
      if (existing.format !== null && existing.format !== full.format) {
        throw new WalError('INVALID_ARGUMENT', `${path} holds ${existing.format} entries but the writer is configured for ${full.format}; appending would mix formats`, { file: path, field: 'format' });
      }
      const fh = await open(path, 'a').catch((err: unknown) => {
        throw fsError(err, path, 'open for appending');
      });
      return new WalWriter(walDir, full, fh, existing, options, lock, strayTemps);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** Resolves once the entry is written (and fsynced, under 'fsync' and 'group'). */
  append(entry: LogEntry): Promise<void> {
    return this.appendMany([entry]);
  }

  /** Appends entries in order, never interleaved with other appends. */
  appendMany(entries: readonly LogEntry[]): Promise<void> {
    if (this.closing) return Promise.reject(new WalError('CLOSED', `${this.walDir}: the writer is closed`, { file: this.walDir }));
    if (this.failure) return Promise.reject(this.failure);
    let encoded: Uint8Array[];
    try {
      encoded = entries.map((e) => (this.config.format === 'binary' ? encodeBinaryEntry(e) : Buffer.from(encodeJsonlEntry(e), 'utf8')));
    } catch (err) {
      return Promise.reject(err);
    }
    return this.queue.append(encoded);
  }

  /** Flushes and fsyncs the active segment; says how far it is durable. */
  checkpoint(): Promise<WalCheckpoint> {
    return this.queue.run(async () => {
      await this.group.drain();
      await this.syncActive();
      return { segment: ACTIVE_SEGMENT_NAME, position: this.bytes, entries: this.count };
    });
  }

  /** Bytes in the active segment. */
  size(): number {
    return this.bytes;
  }

  /** Entries in the active segment (those found on open included). */
  entryCount(): number {
    return this.count;
  }

  /** Waits for background compressions; returns their failures since the last call. */
  flushBackground(): Promise<WalError[]> {
    return this.background.flush();
  }

  /** Finishes queued appends, closes the file, waits for background compressions, releases the lock. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.queue.run(async () => {
          await this.group.drain();
          await this.fh.close();
        });
        await this.background.flush();
      } finally {
        await this.lock.release();
      }
    })();
    return this.closing;
  }

  /** Starts a transaction: a Begin entry under a fresh id, which its entries then share. */
  async begin(fields: TransactionEntryFields = {}): Promise<string> {
    const id = newTransactionId();
    this.openTx.add(id);
    try {
      await this.append(this.transactionEntry('Begin', id, fields));
    } catch (err) {
      this.openTx.delete(id);
      throw err;
    }
    return id;
  }

  commit(transactionId: string, fields: TransactionEntryFields = {}): Promise<void> {
    return this.end('Commit', transactionId, fields);
  }

  rollback(transactionId: string, fields: TransactionEntryFields = {}): Promise<void> {
    return this.end('Rollback', transactionId, fields);
  }

  /** Ids begun by this writer and not yet committed or rolled back. */
  openTransactions(): string[] {
    return [...this.openTx];
  }

  private end(type: 'Commit' | 'Rollback', id: string, fields: TransactionEntryFields): Promise<void> {
    if (!this.openTx.delete(id)) {
      return Promise.reject(new WalError('INVALID_ARGUMENT', `no open transaction ${JSON.stringify(id)}`, { field: 'transactionId' }));
    }
    return this.append(this.transactionEntry(type, id, fields));
  }

  private transactionEntry(entryType: EntryType, transactionId: string, fields: TransactionEntryFields): LogEntry {
    return createEntry({
      entryType,
      transactionId,
      collection: fields.collection ?? this.collection,
      documentId: fields.documentId ?? '',
      timestamp: fields.timestamp ?? BigInt(Math.floor(this.clock())),
    });
  }

  private async syncActive(): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      await this.syncFile(this.fh);
    } catch (err) {
      this.failure = fsError(err, this.activePath, 'fsync');
      throw this.failure;
    }
  }

  /** The original's rule, checked before each entry; a segment with no bytes is never rotated. */
  private mustRotate(pendingBytes: number, pendingCount: number, entryBytes: number): boolean {
    const size = this.bytes + pendingBytes;
    if (size === 0) return false;
    const { maxFileSize, maxRecordsPerFile } = this.config;
    return (maxFileSize !== null && size + entryBytes > maxFileSize) || (maxRecordsPerFile !== null && this.count + pendingCount >= maxRecordsPerFile);
  }

  /**
   * Writes queued requests: their bytes in one write per segment, rotating in between when
   * the rule says so. A request settles when its last byte is written (and fsynced per the
   * policy); a failure rejects it and every later one.
   */
  private async writeRequests(requests: readonly AppendRequest[]): Promise<void> {
    let chunks: Uint8Array[] = [];
    let pendingBytes = 0;
    let pendingCount = 0;
    let completes: AppendRequest[] = [];
    const commit = async () => {
      const batch = completes;
      const data = chunks;
      chunks = [];
      completes = [];
      pendingBytes = 0;
      const entries = pendingCount;
      pendingCount = 0;
      await this.writeChunks(data, entries);
      if (this.config.durability === 'none') for (const r of batch) r.resolve();
      else if (this.config.durability === 'fsync') {
        await this.syncActive();
        for (const r of batch) r.resolve();
      } else {
        const synced = this.group.wait();
        for (const r of batch) synced.then(r.resolve, r.reject);
      }
    };
    for (const request of requests) {
      for (const bytes of request.encoded) {
        const lead = this.endsMidLine && pendingBytes === 0 ? 1 : 0;
        if (this.mustRotate(pendingBytes, pendingCount, bytes.length + lead)) {
          await commit();
          await this.rotate();
        }
        if (this.endsMidLine && pendingBytes === 0) {
          chunks.push(Buffer.from('\n'));
          pendingBytes += 1;
        }
        chunks.push(bytes);
        pendingBytes += bytes.length;
        pendingCount++;
      }
      completes.push(request);
    }
    await commit();
  }

  private async writeChunks(chunks: Uint8Array[], entries: number): Promise<void> {
    if (chunks.length === 0) return;
    const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    try {
      await writeAll(this.fh, data);
    } catch (err) {
      // Take a partial write back out, so that later entries do not follow a torn one.
      await this.fh.truncate(this.bytes).catch(() => undefined);
      throw fsError(err, this.activePath, 'append');
    }
    this.bytes += data.length;
    this.count += entries;
    this.endsMidLine = false;
  }

  private async rotate(): Promise<void> {
    await this.group.drain();
    const durable = this.config.durability !== 'none';
    const closing = this.fh;
    try {
      await closing.close();
      const name = await nextFreeRotatedName(this.walDir, Math.floor(this.clock() / 1000));
      const rotated = join(this.walDir, name);
      try {
        await rename(this.activePath, rotated);
      } catch (err) {
        throw fsError(err, rotated, 'rotate into');
      }
      if (this.config.compression !== 'none') this.background.start(rotated, this.config.compression);
    } finally {
      // Always leave an open active file behind, rotated or not.
      this.fh = await open(this.activePath, 'a').catch((err: unknown) => {
        throw fsError(err, this.activePath, 'open for appending');
      });
      this.bytes = (await this.fh.stat()).size;
      this.count = this.bytes === 0 ? 0 : this.count;
      this.endsMidLine = false;
    }
    if (durable) await fsyncDir(this.walDir);
  }
}
