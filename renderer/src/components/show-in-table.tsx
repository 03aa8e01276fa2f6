import { useState } from 'react';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { rowAt } from '../store/slices/rows-slice.js';

/**
 * "Show in table" for the row in the detail pane when the table no longer has it selected (the
 * filter or sort changed since): finds it in the table's view (rows.locate), or, when the filter
 * hides it, shows it in the whole log.
 */
export function ShowInTable({ row }: { readonly row: number }) {
  const shown = useAppStore((s) => s.view === 'entries' && s.selectedIndex !== null && rowAt(s.rowPages, s.selectedIndex)?.row === row);
  const [busy, setBusy] = useState(false);
  if (shown) return null;
  const show = async () => {
    const { session, filter, sort, selectIndex, revealRow, setView } = useAppStore.getState();
    if (!session) return;
    setBusy(true);
    const outcome = await inspectorApi().rows.locate({ session_id: session.session_id, query: `row:${row}`, filter, sort });
    setBusy(false);
    if (outcome.ok && outcome.value.index !== null) {
      setView('entries');
      selectIndex(outcome.value.index, { scroll: 'center' });
    } else {
      revealRow(row);
    }
    document.querySelector<HTMLElement>('.entries-grid')?.focus();
  };
  return (
    <button type="button" className="link-button small show-in-table" disabled={busy} onClick={() => void show()} title="Select this row in the entries table (clears the filter only if it hides the row)">
      Show in table
    </button>
  );
}
