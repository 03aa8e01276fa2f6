import { readFileSync } from 'node:fs';
import { lstat, readdir, rename, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { initBlake3 } from '../json/index.js';
import { fsyncDirectory, writeFileAtomic } from '../fs/atomic-file.js';
import { ensurePlainDirectory } from '../fs/plain-directory.js';
import { parseDocumentFile, renderDocumentBytes } from './document-file.js';
import type { ApplyOutcome, DeletedSnapshot, DocumentOperation, DocumentSnapshot, SnapshotStore, StoredDocument } from './document-ops.js';
import { fingerprintBytes } from './fingerprint.js';
import { readWholeFile } from './read-file.js';
import { transition } from './document-transition.js';
import { isSystemCollection, isValidCollectionName, isValidDocumentId } from './names.js';
import {
  documentExists, documentUnreadable, fail, invalidCollectionName, invalidDocumentId, ioError, ok, StoreError, type StoreResult,
} from './store-error.js';
import { systemClock, type Clock } from './timestamp.js';

export const DELETED_DIR = '.deleted';

/** A document file as read: the parsed document and its exact bytes. */
export interface DocumentFile {
  readonly document: StoredDocument;
  readonly bytes: Uint8Array;
}

export interface FsCollectionOptions {
  readonly clock?: Clock;
}

/**
 * A Sentinel collection directory: `<dir>/<id>.json` documents, `.deleted/` for soft-deleted
 * ones. Ids are validated before they become a path; every write is atomic (temporary file
 * in the same directory, fsync, rename, fsync of the directory).
 */
export class FsCollection implements SnapshotStore {
  readonly recoveryMode = true as const;

  private constructor(
    readonly dir: string,
    readonly collection: string,
    private readonly clock: Clock,
  ) {}

  /** Opens an existing collection directory; its name must be a valid collection name. */
  static async open(dir: string, options: FsCollectionOptions = {}): Promise<FsCollection> {
    const abs = resolve(dir);
    const name = basename(abs);
    if (!isValidCollectionName(name)) throw invalidCollectionName(name);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      // Opening the store is not a replayed operation: name the directory, unlike the original's texts.
      const e = ioError(err, abs, { collection: name });
      throw new StoreError(e.code, `${e.message.replace(/^I\/O error: /, `I/O error: store ${abs}: `)}`, { collection: name, file: abs, cause: err });
    }
    if (!st.isDirectory()) throw new StoreError('IO_ERROR', `I/O error: ${abs} is not a directory`, { collection: name, file: abs });
    await initBlake3();
    return new FsCollection(abs, name, options.clock ?? systemClock);
  }

  /** `<dir>/<id>.json`; the id must have passed validation (a programmer error otherwise). */
  documentPath(id: string): string {
    if (!isValidDocumentId(id)) throw new TypeError(`documentPath: unvalidated id ${JSON.stringify(id)}`);
    return join(this.dir, `${id}.json`);
  }

  /** `<dir>/.deleted/<id>.json`, same rule. */
  deletedPath(id: string): string {
    if (!isValidDocumentId(id)) throw new TypeError(`deletedPath: unvalidated id ${JSON.stringify(id)}`);
    return join(this.dir, DELETED_DIR, `${id}.json`);
  }

  /** Reads a document with its bytes (for fingerprints and backups). */
  async readDocumentFile(id: string): Promise<StoreResult<DocumentFile | undefined>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const file = this.documentPath(id);
    let bytes: Uint8Array;
    try {
      bytes = await readWholeFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
      return fail(ioError(err, file, { collection: this.collection, documentId: id }));
    }
    return this.documentFile(id, file, bytes);
  }

  /**
   * readDocumentFile with the file read in line: through the thread pool its open, fstat, read
   * and close are four round trips, the larger part of a restore plan's reading of thousands
   * of documents (which calls this in time slices, as compare-stores.ts reads).
   */
  readDocumentFileSync(id: string): StoreResult<DocumentFile | undefined> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const file = this.documentPath(id);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
      return fail(ioError(err, file, { collection: this.collection, documentId: id }));
    }
    return this.documentFile(id, file, bytes);
  }

  private documentFile(id: string, file: string, bytes: Uint8Array): StoreResult<DocumentFile> {
    const parsed = parseDocumentFile(bytes, id);
    if (!parsed.ok) return fail(documentUnreadable(id, this.collection, file, parsed.message));
    return ok({ document: parsed.document, bytes });
  }

  async getDocument(id: string): Promise<StoreResult<StoredDocument | undefined>> {
    const read = await this.readDocumentFile(id);
    return read.ok ? ok(read.value?.document) : read;
  }

  async readSnapshot(id: string): Promise<StoreResult<DocumentSnapshot | undefined>> {
    const read = await this.readDocumentFile(id);
    if (!read.ok || !read.value) return read.ok ? ok(undefined) : read;
    return ok({ document: read.value.document, fingerprint: fingerprintBytes(read.value.bytes) });
  }

  async readDeletedSnapshot(id: string): Promise<StoreResult<DeletedSnapshot | undefined>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    const file = this.deletedPath(id);
    let bytes: Uint8Array;
    try {
      bytes = await readWholeFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
      return fail(ioError(err, file, { collection: this.collection, documentId: id }));
    }
    const parsed = parseDocumentFile(bytes, id);
    return ok({ document: parsed.ok ? parsed.document : null, fingerprint: fingerprintBytes(bytes) });
  }

  async applyOperation(id: string, op: DocumentOperation): Promise<StoreResult<ApplyOutcome>> {
    if (!isValidDocumentId(id)) return fail(invalidDocumentId(id, this.collection));
    // Insert decides on the file's existence, not its content (a corrupt file still exists).
    if (op.type === 'Insert' && !isSystemCollection(this.collection) && (await this.exists(id))) {
      return fail(documentExists(id, this.collection));
    }
    const read = await this.readDocumentFile(id);
    if (!read.ok) return read;
    const t = transition(this.collection, id, read.value?.document, op, this.clock());
    try {
      switch (t.kind) {
        case 'error':
          return fail(t.error);
        case 'none':
          return ok({ effect: 'none', rewroteSigned: false });
        case 'delete':
          await this.softDelete(id);
          return ok({ effect: 'deleted', rewroteSigned: false });
        case 'write':
          await writeFileAtomic(this.documentPath(id), renderDocumentBytes(t.document));
          return ok({ effect: t.created ? 'created' : 'updated', rewroteSigned: t.rewroteSigned });
      }
    } catch (err) {
      return fail(ioError(err, this.documentPath(id), { collection: this.collection, documentId: id }));
    }
  }

  /** Moves `<id>.json` into `.deleted/` (replacing an older copy, as a rename does). */
  async softDelete(id: string): Promise<void> {
    const trash = await this.ensureDeletedDir();
    await rename(this.documentPath(id), this.deletedPath(id));
    await fsyncDirectory(trash);
    await fsyncDirectory(this.dir);
  }

  /** Creates `.deleted/` when missing (like the collection directory); refuses one that is a link or a file. */
  async ensureDeletedDir(): Promise<string> {
    const trash = join(this.dir, DELETED_DIR);
    if (await ensurePlainDirectory(trash, this.dir)) await fsyncDirectory(this.dir);
    return trash;
  }

  /** Ids of the live documents (`<id>.json` with a valid id), sorted. */
  async listDocumentIds(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const ids: string[] = [];
    for (const e of entries) {
      if (!e.isFile() || !e.name.endsWith('.json')) continue;
      const id = e.name.slice(0, -5);
      if (isValidDocumentId(id)) ids.push(id);
    }
    return ids.sort();
  }

  private async exists(id: string): Promise<boolean> {
    try {
      await lstat(this.documentPath(id));
      return true;
    } catch {
      return false;
    }
  }
}
