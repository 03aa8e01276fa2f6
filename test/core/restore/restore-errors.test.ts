import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../core/history/history-error.js';
import { toInspectorError } from '../../../core/inspector/inspector-error.js';
import { RestoreError } from '../../../core/restore/restore-error.js';

describe('history and restore errors cross the contract under their own meaning', () => {
  it.each([
    [new RestoreError('PLAN_STALE', 'x', { file: '/s/.wal/transactions.wal' }), 'STORE_CHANGED'],
    [new RestoreError('STORE_CHANGED', 'x', { file: '/s/a.json', documentId: 'a' }), 'STORE_CHANGED'],
    [new RestoreError('DESTINATION_EXISTS', 'x', { file: '/out' }), 'OUTPUT_EXISTS'],
    [new RestoreError('APPLY_FAILED', 'x', { file: '/s/a.json', applied: 3 }), 'APPLY_FAILED'],
    [new RestoreError('NOT_A_STORE', 'x', { file: '/nowhere' }), 'INVALID_ARGUMENT'],
    [new RestoreError('INVALID_PLAN', 'x', { file: '/p.json' }), 'INVALID_ARGUMENT'],
    [new HistoryError('INVALID_TARGET', 'x'), 'INVALID_ARGUMENT'],
    [new HistoryError('TARGET_NOT_FOUND', 'x', { segment: 'transactions.wal', offset: 7 }), 'NOT_FOUND'],
  ] as const)('%s → %s', (err, code) => {
    const e = toInspectorError(err);
    expect(e.code).toBe(code);
    if (err.context.file !== undefined) expect(e.context.file).toBe(err.context.file);
  });
});
