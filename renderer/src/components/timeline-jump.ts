import { inspectorApi } from '../store/api-ref.js';
import type { AppState } from '../store/app-state.js';
import { useAppStore } from '../store/app-store.js';
import { rowAt } from '../store/slices/rows-slice.js';
import type { TimeRange } from './timeline-chart.js';

/** Times of the first and last rows the table shows (null until they are loaded). */
export function selectVisibleTimes(s: AppState): TimeRange | null {
  const { first, end } = s.rowsInView;
  if (end <= first) return null;
  const a = rowAt(s.rowPages, first)?.time;
  const b = rowAt(s.rowPages, end - 1)?.time;
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/** Selects the row the service finds for `query` in the table's view (rows.locate), or shows it in file order. */
async function go(query: string): Promise<void> {
  const { session, filter, sort, selectIndex, revealRow, setView } = useAppStore.getState();
  if (!session) return;
  const r = await inspectorApi().rows.locate({ session_id: session.session_id, query, filter, sort });
  if (!r.ok) {
    useAppStore.getState().pushError('Nothing to go to', r.error);
    return;
  }
  setView('entries');
  if (r.value.index !== null) selectIndex(r.value.index, { scroll: 'center' });
  else revealRow(r.value.row);
}

/** A click on the timeline: the entry nearest that time. */
export function jumpToTime(time: number): Promise<void> {
  return go(new Date(time).toISOString());
}

/** A click on a damage mark: the first damaged range placed in that bucket. */
export async function jumpToDamageIn(range: TimeRange): Promise<void> {
  const session = useAppStore.getState().session;
  if (!session) return;
  const r = await inspectorApi().damage.list({ session_id: session.session_id, limit: 100_000 });
  if (!r.ok) return;
  const hit = r.value.items.find((d) => d.time !== null && d.time >= range.from && d.time <= range.to) ?? r.value.items.find((d) => d.time === null);
  if (hit) await go(`row:${hit.row}`);
}
