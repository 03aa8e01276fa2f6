import { useAppStore } from '../store/app-store.js';
import type { MainView } from '../store/slices/ui-slice.js';

const TABS: ReadonlyArray<{ readonly id: MainView; readonly label: string }> = [
  { id: 'entries', label: 'Entries' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'verify', label: 'Verify' },
];

export function ViewTabs() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const verdict = useAppStore((s) => s.verifyReport?.passed);
  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {TABS.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={view === tab.id}
          aria-controls={`panel-${tab.id}`}
          className={`tab${view === tab.id ? ' active' : ''}`}
          onClick={() => setView(tab.id)}
        >
          {tab.label}
          {tab.id === 'verify' && verdict !== undefined && (
            <span className={`tab-mark ${verdict ? 'ok' : 'trouble'}`}>{verdict ? '✓' : '✗'}</span>
          )}
        </button>
      ))}
    </div>
  );
}
