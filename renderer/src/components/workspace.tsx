import { useRef, useState } from 'react';
import { readStoredNumber, writeStoredNumber } from '../lib/stored-layout.js';
import { useElementWidth } from '../lib/use-element-size.js';
import { useAppStore } from '../store/app-store.js';
import { CollectionList, collectionListWidth } from './collection-list.js';
import { DetailPane } from './detail-pane.js';
import { EntriesView } from './entries-view.js';
import { HeaderBar } from './header-bar.js';
import { SplitSeparator } from './split-separator.js';
import { StatsPanel } from './stats-panel.js';
import { TimelinePanel } from './timeline-panel.js';
import { TransactionsView } from './transactions-view.js';
import { StoreVerifyView } from './store-verify-view.js';
import { VerifyView } from './verify-view.js';
import { ViewTabs } from './view-tabs.js';

/** Narrowest the detail pane and the table may get, px. */
export const MIN_DETAIL_WIDTH = 260;
export const MIN_MAIN_WIDTH = 360;
const DETAIL_WIDTH_KEY = 'detail-width';

/** The detail pane's width when the user never chose one: 40 % of the body, at least 340 px. */
function defaultDetailWidth(body: number): number {
  return Math.max(340, Math.round(body * 0.4));
}

/** The screen of an open log: header, timeline, the active view and the detail pane beside it. */
export function Workspace() {
  const view = useAppStore((s) => s.view);
  // A store session has its collection list beside the table, and Verify a section per collection.
  const isStore = useAppStore((s) => s.session?.store !== undefined);
  const [listOpen, setListOpen] = useState(true);
  const bodyRef = useRef<HTMLDivElement>(null);
  const bodyWidth = useElementWidth(bodyRef);
  const listWidth = isStore ? collectionListWidth(bodyWidth, listOpen) : 0;
  const [chosen, setChosen] = useState<number | null>(() => {
    const stored = readStoredNumber(DETAIL_WIDTH_KEY, Number.NaN);
    return Number.isNaN(stored) ? null : stored;
  });
  const max = Math.max(MIN_DETAIL_WIDTH, bodyWidth - listWidth - MIN_MAIN_WIDTH);
  const detailWidth = Math.round(Math.min(max, Math.max(MIN_DETAIL_WIDTH, chosen ?? defaultDetailWidth(bodyWidth - listWidth))));
  return (
    <div className="workspace">
      <HeaderBar />
      <TimelinePanel />
      <ViewTabs />
      <div
        className={`workspace-body${isStore ? ' with-collections' : ''}`}
        ref={bodyRef}
        style={{ ['--detail-width' as string]: `${detailWidth}px`, ...(isStore ? { ['--collections-width' as string]: `${listWidth}px` } : {}) }}
      >
        {isStore && <CollectionList open={listOpen} onToggle={() => setListOpen((o) => !o)} />}
        <main className="main-view" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
          {view === 'entries' && <EntriesView />}
          {view === 'transactions' && <TransactionsView />}
          {view === 'stats' && <StatsPanel />}
          {view === 'verify' && (isStore ? <StoreVerifyView /> : <VerifyView />)}
        </main>
        <SplitSeparator
          label="Width of the detail pane"
          value={detailWidth}
          min={MIN_DETAIL_WIDTH}
          max={max}
          onChange={setChosen}
          onCommit={(v) => writeStoredNumber(DETAIL_WIDTH_KEY, v)}
        />
        <DetailPane />
      </div>
    </div>
  );
}
