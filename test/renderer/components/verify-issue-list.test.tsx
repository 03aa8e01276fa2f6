// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VerifyIssueList } from '../../../renderer/src/components/verify-issue-list.js';
import type { VerifyFinding, VerifyIssue } from '../../../renderer/src/contract.js';

afterEach(() => cleanup());

const issues = Array.from({ length: 450 }, (_, index): { issue: VerifyIssue; index: number } => ({
  index,
  issue: { transaction_id: `tx-${index}`, document_id: `doc-${index}`, description: `Document doc-${index} already exists in WAL state`, is_critical: true },
}));

describe('VerifyIssueList', () => {
  it('renders a long list a page at a time and says when the report lists fewer than there are', () => {
    const alarm: VerifyFinding = { kind: 'false-alarm', description: 'a repeated write', severity: 'info', issue: 3 };
    render(<VerifyIssueList title="Critical issues" critical total={3000} issues={issues} falseAlarms={new Map([[3, [alarm]]])} />);
    expect(screen.getByRole('heading').textContent).toBe('Critical issues (3,000)');
    expect(document.querySelectorAll('.issue')).toHaveLength(200);
    expect(screen.getAllByRole('note').map((n) => n.textContent)).toEqual(['False alarm: a repeated write']);
    expect(document.querySelector('.list-footer')!.textContent).toContain('200 of 3,000 shown.');
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(document.querySelectorAll('.issue')).toHaveLength(450);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(document.querySelector('.list-footer')!.textContent).toContain('The report lists the first 450; the command line’s verify --json lists them all.');
  });

  it('has no footer when everything is shown', () => {
    render(<VerifyIssueList title="Warnings" critical={false} total={3} issues={issues.slice(0, 3)} falseAlarms={new Map()} />);
    expect(document.querySelectorAll('.issue')).toHaveLength(3);
    expect(document.querySelector('.list-footer')).toBeNull();
  });
});
