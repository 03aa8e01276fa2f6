// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentChangeList } from '../../../renderer/src/components/document-change-list.js';
import type { DocumentChange } from '../../../renderer/src/contract.js';

afterEach(() => cleanup());

const diffText = (kind: string) => [...document.querySelectorAll(`.diff-line[data-kind="${kind}"]`)].map((l) => l.textContent?.replace(/^.(added: |removed: )?/, ''));

describe('DocumentChangeList', () => {
  it('a delete of a document the log created and deleted: says so and shows what lands in .deleted/, never "undefined"', () => {
    const change: DocumentChange = {
      collection: 'users', document_id: 'a', operation: 'delete', before: null, after: null, deleted_after: '{\n  "v": 1.50\n}',
      note: 'created and deleted by the log: only its soft-deleted copy is written',
    };
    render(<DocumentChangeList changes={[change]} />);
    const item = document.querySelector('[data-document="a"]')!;
    expect(item.textContent).not.toContain('undefined');
    expect(screen.getByText(/created and deleted by the log/i)).toBeTruthy();
    expect(item.textContent).toContain('.deleted/a.json');
    // The soft-deleted copy, numbers exactly as the log had them.
    expect(diffText('added')).toEqual(['{', '"v": 1.50', '}']);
  });

  it('a delete of a stored document: the before, and that it moves to .deleted/', () => {
    render(<DocumentChangeList changes={[{ collection: 'users', document_id: 'b', operation: 'delete', before: '{\n  "w": 2\n}', after: null, deleted_after: '{\n  "w": 2\n}' }]} />);
    const item = document.querySelector('[data-document="b"]')!;
    expect(item.textContent).not.toContain('undefined');
    expect(diffText('removed')).toEqual(['{', '"w": 2', '}']);
    expect(item.textContent).toContain('.deleted/b.json');
  });

  it('an insert of a document the log deleted first: the diff, the note, and the copy .deleted/ will hold', () => {
    render(<DocumentChangeList changes={[{
      collection: 'users', document_id: 'c', operation: 'insert', before: null, after: '{\n  "n": 2\n}', deleted_after: '{\n  "n": 1\n}',
      note: 'deleted and written again by the log: the old copy goes to .deleted/',
    }]} />);
    const item = document.querySelector('[data-document="c"]')!;
    expect(item.textContent).toContain('deleted and written again by the log');
    expect(item.textContent).toContain('.deleted/c.json');
    expect(diffText('added')).toContain('"n": 2');
  });

  it('an update: its note (a signed document written unsigned)', () => {
    render(<DocumentChangeList changes={[{ collection: 'users', document_id: 'd', operation: 'update', before: '{}', after: '{\n  "x": 1\n}', note: 'signed document: re-written unsigned' }]} />);
    expect(document.querySelector('[data-document="d"]')!.textContent).toContain('signed document: re-written unsigned');
  });
});
