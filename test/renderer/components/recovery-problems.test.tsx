// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecoveryProblems } from '../../../renderer/src/components/recovery-problems.js';
import type { RecoveryCounts, RecoveryFailure } from '../../../renderer/src/contract.js';

afterEach(() => cleanup());

describe('RecoveryProblems', () => {
  it('lists thousands of failures a page at a time', () => {
    const failures = Array.from({ length: 3000 }, (_, i): RecoveryFailure => ({
      transaction_id: `tx-${i}`, document_id: `doc-${i}`, operation_type: 'Insert', reason: 'Serialization error: Invalid JSON', segment: 'transactions.wal', offset: i * 100,
    }));
    const counts = {
      recovered_operations: 0, skipped_operations: 0, failed_operations: 3000, failures, changes: [], lost: [], backup: null,
      mode: 'force', committed_only: false, dry_run: true, flagged: [], notes: [],
    } as unknown as RecoveryCounts;
    render(<RecoveryProblems counts={counts} />);
    expect(screen.getByRole('heading').textContent).toBe('Failed (3000)');
    expect(document.querySelectorAll('.issue')).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(document.querySelectorAll('.issue')).toHaveLength(1200);
    expect(document.querySelector('.list-footer')!.textContent).toContain('1,200 of 3,000 shown.');
  });
});
