import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../core/checkpoint/checkpoint-error.js';
import { RecoveryError } from '../../../core/recovery/recovery-error.js';
import { documentUnreadable, StoreError } from '../../../core/store/store-error.js';
import { WalError } from '../../../core/wal/wal-error.js';
import { fail, toInspectorError } from '../../../core/inspector/inspector-error.js';
import { tempDir } from './support/inspector-fixtures.js';

const thrown = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};

describe('toInspectorError translates by type and keeps the context', () => {
  it('a recovery that stopped part-way keeps its code, file, document, backup directory and how many documents it wrote', () => {
    const err = new RecoveryError('APPLY_FAILED', 'recovery stopped part-way: I/O error: No space left on device (os error 28)', {
      file: '/data/users/u7.json', documentId: 'u7', backup: '/data/users/.backups/2024-01-01', applied: 6,
      cause: Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
    });
    expect(toInspectorError(err)).toEqual({
      code: 'APPLY_FAILED', message: err.message,
      context: { file: '/data/users/u7.json', document_id: 'u7', backup: '/data/users/.backups/2024-01-01', applied: 6, cause: 'ENOSPC: no space left on device, write' },
    });
  });

  it('recovery\'s refusals keep their own codes (they were IO_ERROR): LOCKED names the lock and its holder, BACKUP_FAILED and UNSAFE_DIRECTORY their file', () => {
    const locked = new RecoveryError('LOCKED', 'another recovery of /data/users is running', { file: '/data/users/.wal-inspector-recover.lock', pid: 4242 });
    expect(toInspectorError(locked)).toEqual({ code: 'LOCKED', message: locked.message, context: { file: '/data/users/.wal-inspector-recover.lock', pid: 4242 } });
    const backup = new RecoveryError('BACKUP_FAILED', 'backup failed writing /data/users/.backups/x/u1.json', { file: '/data/users/.backups/x/u1.json' });
    expect(toInspectorError(backup)).toEqual({ code: 'BACKUP_FAILED', message: backup.message, context: { file: '/data/users/.backups/x/u1.json' } });
    const unsafe = new RecoveryError('UNSAFE_DIRECTORY', '/data/users/.deleted is a symbolic link', { file: '/data/users/.deleted' });
    expect(toInspectorError(unsafe)).toEqual({ code: 'UNSAFE_DIRECTORY', message: unsafe.message, context: { file: '/data/users/.deleted' } });
  });

  it('a store error names its collection, document and file', () => {
    const e = toInspectorError(documentUnreadable('u1', 'users', '/data/users/u1.json', 'expected value at line 1 column 1'));
    expect(e).toEqual({
      code: 'IO_ERROR', message: 'I/O error: expected value at line 1 column 1',
      context: { collection: 'users', document_id: 'u1', file: '/data/users/u1.json', cause: 'DOCUMENT_UNREADABLE' },
    });
    expect(toInspectorError(new StoreError('INVALID_DOCUMENT_ID', 'I/O error: Invalid document ID: a/b', { documentId: 'a/b', collection: 'users' })))
      .toMatchObject({ code: 'INVALID_ARGUMENT', context: { document_id: 'a/b', collection: 'users' } });
  });

  it('a WAL error keeps file and offset; its cause crosses as a message, never a stack', () => {
    const cause = new Error('unexpected end of stream');
    const e = toInspectorError(new WalError('COMPRESSION_ERROR', 'a.wal.zst: cannot decompress', { file: '/w/a.wal.zst', offset: 4096, cause }));
    expect(e).toEqual({ code: 'COMPRESSION_ERROR', message: 'a.wal.zst: cannot decompress', context: { file: '/w/a.wal.zst', offset: 4096, cause: 'unexpected end of stream' } });
    expect(toInspectorError(new WalError('CLOSED', 'the session was closed'))).toMatchObject({ code: 'UNKNOWN_SESSION' });
    expect(toInspectorError(new RecoveryError('NOT_VERIFIED', 'verification has 2 critical issues', { file: '/w' }))).toMatchObject({ code: 'VERIFY_FAILED', context: { file: '/w' } });
  });

  it('checkpoint\'s refusals keep their own codes, the file and the writer\'s pid (they were IO_ERROR)', () => {
    const inUse = new CheckpointError('LOG_IN_USE', 'process 4242 (sentinel) has /w/.wal/transactions.wal open for writing', { file: '/w/.wal/transactions.wal', pid: 4242 });
    expect(toInspectorError(inUse)).toEqual({ code: 'LOG_IN_USE', message: inUse.message, context: { file: '/w/.wal/transactions.wal', pid: 4242 } });
    const link = new CheckpointError('LINK_REFUSED', '/w/.wal is a symbolic link; checkpoint writes only in plain directories and files', { file: '/w/.wal' });
    expect(toInspectorError(link)).toEqual({ code: 'LINK_REFUSED', message: link.message, context: { file: '/w/.wal' } });
  });

  it('Node system errors by errno, naming the file', async () => {
    const missing = path.join(tempDir(), 'missing.wal');
    expect(toInspectorError(await thrown(() => fs.readFile(missing)))).toMatchObject({ code: 'NOT_FOUND', message: `${missing}: no such file or directory`, context: { file: missing } });
    expect(toInspectorError(await thrown(() => fs.readFile(tempDir())))).toMatchObject({ code: 'IO_ERROR', context: { cause: 'EISDIR' } });
  });

  it('an object that merely looks like a core error, or a Node programming error, is a bug (INTERNAL)', () => {
    expect(toInspectorError({ code: 'NOT_FOUND', message: 'looks typed' })).toEqual({ code: 'INTERNAL', message: 'internal error: [object Object]', context: {} });
    const argType = Object.assign(new TypeError('The "path" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' });
    expect(toInspectorError(argType)).toEqual({ code: 'INTERNAL', message: 'internal error: The "path" argument must be of type string', context: {} });
  });

  it('our own failures cross as they are', () => {
    let err: unknown;
    try {
      fail('UNKNOWN_ROW', 'row 9 does not exist', { row: 9 });
    } catch (e) {
      err = e;
    }
    expect(toInspectorError(err)).toEqual({ code: 'UNKNOWN_ROW', message: 'row 9 does not exist', context: { row: 9 } });
  });
});
