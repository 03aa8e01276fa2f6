import * as path from 'node:path';
import type { InspectorEvent } from '../contract/contract.js';
import type { CompressionName, SegmentInfo, SessionInfo, WalFormatName } from '../contract/contract-types.js';
import { Indexer } from './index/indexer.js';
import type { RowStore } from './index/row-store.js';
import { fail } from './inspector-error.js';
import type { Located } from './open-location.js';
import { QueryCache } from './query/query-cache.js';
import { SegmentBytes, type SegmentFile } from './segment-bytes.js';
import { timeSpan } from './query/time-span.js';
import { storeSessionInfo } from './query/store-collections.js';
import { unreadBytes } from './growth-watch.js';
import { warmTxState } from './query/tx-state.js';
import { releaseClosedSession, sessionOpened } from './session-teardown.js';

export interface SegmentState extends SegmentFile {
  name: string;
  path: string;
  compression: CompressionName;
  fileBytes: number;
  bytes: number | null;
  format: WalFormatName | null;
}

export interface SessionOptions {
  readonly id: string;
  readonly input: string;
  readonly located: Located;
  readonly format?: WalFormatName;
  readonly emit: (event: InspectorEvent) => void;
  readonly followPollMs: number;
}

/**
 * One opened log: its segments, the background indexer and the row store it fills, the
 * query caches, follow state. Everything the operations need about a session.
 */
export class Session {
  readonly id: string;
  readonly input: string;
  readonly located: Located;
  readonly segments: SegmentState[];
  readonly indexer: Indexer;
  readonly bytes = new SegmentBytes();
  readonly cache = new QueryCache();
  readonly warnings: string[];
  readonly openedAt = Date.now();
  /** The format the user forced at open (else each segment's is detected). */
  readonly forcedFormat: WalFormatName | undefined;
  following = false;
  private readonly emit: (event: InspectorEvent) => void;
  private readonly pollMs: number;

  constructor(o: SessionOptions) {
    this.id = o.id;
    this.input = o.input;
    this.located = o.located;
    this.emit = o.emit;
    this.pollMs = o.followPollMs;
    this.forcedFormat = o.format;
    this.warnings = [...o.located.location.warnings];
    this.segments = o.located.segments.map((s) => ({ ...s, bytes: s.compression === 'none' ? s.fileBytes : null, format: null }));
    const total = this.segments.reduce((n, s) => n + s.fileBytes, 0);
    const walDir = o.located.location.walDir ?? path.dirname(path.resolve(o.input));
    sessionOpened();
    this.indexer = new Indexer(
      // idsUtf8: stats.get counts entries whose transaction id is not UTF-8, as `stats` does.
      { segments: this.segments.map(({ name, path: p, compression }) => ({ name, path: p, compression })), walDir, idsUtf8: true, ...(o.format ? { format: o.format } : {}) },
      total,
      {
        progress: (progress) => this.emit({ type: 'index.progress', session_id: this.id, progress }),
        done: (progress, ms) => {
          this.noteNoEntries();
          warmTxState(this);
          this.emit({ type: 'index.done', session_id: this.id, progress: this.indexer.progress(), ms });
          void progress;
        },
        followRows: (from, count, total_rows) => this.emit({ type: 'follow.rows', session_id: this.id, from_row: from, count, total_rows }),
        segment: (index, bytes, format, compressionError) => {
          const s = this.segments[index];
          if (!s) return;
          s.bytes = bytes;
          s.format = format;
          if (compressionError) this.warnings.push(`${s.name}: ${compressionError}`);
          this.indexer.bytesTotal += bytes - s.fileBytes;
        },
        rotated: (index, name, newPath, next) => {
          const s = this.segments[index];
          if (s) {
            this.bytes.drop(s.path);
            if (name && newPath) Object.assign(s, { name, path: newPath });
          }
          this.segments.push({ ...next, fileBytes: 0, bytes: 0, format: null });
        },
      },
      () => this.segments.map(({ name, path: p, compression }) => ({ name, path: p, compression })),
    );
  }

  get store(): RowStore {
    return this.indexer.store;
  }

  /** A file that is not a WAL: one damaged range and no entry. Say so plainly. */
  private noteNoEntries(): void {
    const p = this.indexer.progress();
    if (p.entries === 0 && p.damaged > 0) {
      this.warnings.push('No WAL entry was found: the file is not a Sentinel WAL (or is damaged throughout); it shows as one damaged range.');
    }
  }

  segmentInfo(index: number): SegmentInfo {
    const s = this.segments[index]!;
    return {
      index, name: s.name, path: s.path, compression: s.compression, file_bytes: s.fileBytes, bytes: s.bytes, format: s.format,
      active: index === this.segments.length - 1 && s.compression === 'none',
    };
  }

  info(): SessionInfo {
    const loc = this.located.location;
    const span = timeSpan(this.store, this.cache);
    const store = storeSessionInfo(this);
    return {
      session_id: this.id, input: this.input, kind: loc.kind, wal_dir: loc.walDir, collection_dir: loc.collectionDir,
      collection: this.located.collection, segments: this.segments.map((_, i) => this.segmentInfo(i)),
      warnings: [...this.warnings], progress: this.indexer.progress(), first_time: span.first, last_time: span.last,
      following: this.following, unread_bytes: unreadBytes(this), opened_at: this.openedAt, ...(store ? { store } : {}),
    };
  }

  setFollow(enabled: boolean): void {
    if (enabled && this.located.store) fail('NOT_AVAILABLE', 'follow is for one collection\'s chain: open the collection to follow it');
    if (enabled && !this.indexer.canFollow()) {
      fail('NOT_AVAILABLE', 'nothing to follow: the chain has no active (uncompressed) segment that a writer appends to');
    }
    this.following = enabled;
    this.indexer.setFollow(enabled, this.pollMs);
  }

  /** Set by close(): background work on the session stops at its next pause. */
  closed = false;

  private readonly closers: (() => Promise<void>)[] = [];

  /** Work to run when the session closes (removing its plan files): what it held goes with it. */
  onClose(fn: () => Promise<void>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.closers.splice(0)) await fn().catch(() => undefined);
    await this.indexer.close();
    this.bytes.close();
    this.cache.lasting.clear();
    await releaseClosedSession(this.store);
  }
}
