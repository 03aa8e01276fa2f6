// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UndoAnalysis } from '../../../renderer/src/components/undo-analysis.js';
import type { RestorePlanResult } from '../../../renderer/src/contract.js';

const PLAN: RestorePlanResult = {
  plan_id: 'p', store: '/s/users', collections: ['users'], into: null,
  selection: { exclude_tx: ['bad'], on_conflict: 'keep', uncommitted: 'excluded' },
  changes: [{ collection: 'users', document_id: 'p1', operation: 'update', before: '{}', after: '{}' }],
  conflicts: [
    { collection: 'users', document_id: 'q1', paths: ['$.v'], transactions: ['later'], excluded_transactions: ['bad'], resolution: 'keep' },
    { collection: 'users', document_id: 'n1', paths: ['$'], transactions: ['after'], excluded_transactions: ['bad'], resolution: 'keep' },
  ],
  incomplete: [], incomplete_documents: [], excluded_entries: 3, uncommitted_entries: 0, entries_read: 9, damaged_ranges: 0,
  notes: ['1 transaction left out'], dry_run: true,
};
afterEach(cleanup);

describe('UndoAnalysis', () => {
  it('sorts every document into independent, overwritten (same paths) and depends (the whole document)', () => {
    render(<UndoAnalysis plan={PLAN} />);
    const items = within(screen.getByRole('list', { name: 'Analysis by document' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['independent', 'overwritten', 'depends']);
    expect(items[1]!.textContent).toMatch(/q1 at \$\.v by later — left as it is/);
    expect(items[2]!.textContent).toMatch(/depends: n1 was changed later by after/);
    const region = screen.getByRole('region', { name: 'Undo analysis' });
    expect(region.textContent).toMatch(/3 entries left out; 1 document to change/);
    expect(region.textContent).toMatch(/2 in conflict \(1 overwritten, 1 depends on it\)/);
    expect(region.textContent).toMatch(/never-terminated transactions are left out/);
    expect(region.textContent).toMatch(/1 transaction left out/);
  });
});
