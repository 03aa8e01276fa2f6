import { useAppStore } from '../store/app-store.js';
import { DetailPane } from './detail-pane.js';
import { EntriesView } from './entries-view.js';
import { HeaderBar } from './header-bar.js';
import { TimelinePanel } from './timeline-panel.js';
import { TransactionsView } from './transactions-view.js';
import { VerifyView } from './verify-view.js';
import { ViewTabs } from './view-tabs.js';

/** The screen of an open log: header, timeline, the active view and the detail pane. */
export function Workspace() {
  const view = useAppStore((s) => s.view);
  return (
    <div className="workspace">
      <HeaderBar />
      <TimelinePanel />
      <ViewTabs />
      <div className="workspace-body">
        <main className="main-view" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
          {view === 'entries' && <EntriesView />}
          {view === 'transactions' && <TransactionsView />}
          {view === 'verify' && <VerifyView />}
        </main>
        <DetailPane />
      </div>
    </div>
  );
}
