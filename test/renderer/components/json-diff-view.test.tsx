// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonDiffView } from '../../../renderer/src/components/json-diff-view.js';

afterEach(() => cleanup());

const lines = (kind: string) => [...document.querySelectorAll(`.diff-line[data-kind="${kind}"]`)].map((l) => l.textContent?.replace(/^.(added: |removed: )?/, ''));

describe('JsonDiffView', () => {
  it('shows removed and added lines with a summary', () => {
    render(<JsonDiffView before={{ name: 'Ann', role: 'user' }} after={{ name: 'Ann', role: 'admin', active: true }} />);
    expect(lines('removed')).toEqual(['"role": "user"']);
    expect(lines('added')).toEqual(['"role": "admin"', '"active": true']);
    expect(screen.getByText('+2')).toBeTruthy();
    expect(screen.getByText('−1')).toBeTruthy();
  });

  it('shows a created document as all added and folds nothing', () => {
    render(<JsonDiffView before={undefined} after={{ a: 1 }} />);
    expect(lines('added')).toEqual(['{', '"a": 1', '}']);
    expect(lines('removed')).toEqual([]);
  });

  it('folds long unchanged runs and unfolds them on click', () => {
    const before = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    render(<JsonDiffView before={before} after={{ ...before, k29: 'x' }} context={2} />);
    const fold = screen.getByRole('button', { name: /unchanged lines/ });
    expect(fold.textContent).toContain('28 unchanged lines');
    fireEvent.click(fold);
    expect(screen.queryByRole('button', { name: /unchanged lines/ })).toBeNull();
    expect(document.querySelectorAll('.diff-line')).toHaveLength(33);
  });

  it('says so when nothing changed', () => {
    render(<JsonDiffView before={{ a: [1, 2] }} after={{ a: [1, 2] }} />);
    expect(screen.getByText('no change')).toBeTruthy();
  });
});
