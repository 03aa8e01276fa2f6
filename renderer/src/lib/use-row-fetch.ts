import { useEffect, useRef, useState } from 'react';
import type { RowWindow } from './scaled-window.js';

/** At most one request for the rows in view per this many ms while the view moves. */
export const FETCH_INTERVAL_MS = 40;
/** Rows fetched beyond each side of the window, so a short move finds them loaded. */
export const PREFETCH_ROWS = 100;
/** How long after the view last moved the previous rows may stand in for missing ones. */
export const HOLD_MS = 1000;

export interface ShownWindow {
  readonly first: number;
  readonly end: number;
  /** DOM y (inside the spacer) of row `first`. */
  readonly firstTop: number;
  /** True when these are earlier rows standing in while the ones in view are fetched. */
  readonly held: boolean;
}

interface Requested {
  readonly first: number;
  readonly end: number;
  readonly visibleFirst: number;
  readonly visibleEnd: number;
  readonly virtualTop: number;
}

/**
 * Asks for the rows in view while the view moves (throttled, leading and trailing, so a
 * scrollbar drag gets rows during the drag and at its end) plus PREFETCH_ROWS around them,
 * and says which rows to draw: the window in view when its rows are loaded; otherwise, for
 * a moment after a move, the latest requested window whose rows arrived (the last page stays
 * on screen until the new one comes instead of a screen of placeholders).
 */
export function useRowFetch(options: {
  readonly win: RowWindow;
  readonly virtualTop: number;
  readonly domTop: number;
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Changes when the query changes: nothing earlier may stand in. */
  readonly queryKey: unknown;
  readonly isLoaded: (index: number) => boolean;
  readonly request: (inView: { first: number; end: number }, prefetch: { first: number; end: number }) => void;
}): ShownWindow {
  const { win, virtualTop, domTop, rowHeight, rowCount, queryKey, isLoaded, request } = options;
  const requested = useRef<Requested[]>([]);
  const lastSent = useRef(0);
  const movedAt = useRef(0);
  const [, setTick] = useState(0);

  useEffect(() => {
    requested.current = [];
  }, [queryKey]);

  useEffect(() => {
    movedAt.current = performance.now();
    const send = () => {
      lastSent.current = performance.now();
      const entry = { first: win.first, end: win.end, visibleFirst: win.visibleFirst, visibleEnd: win.visibleEnd, virtualTop };
      requested.current = [...requested.current.slice(-7), entry];
      request(
        { first: win.first, end: win.end },
        { first: Math.max(0, win.first - PREFETCH_ROWS), end: Math.min(rowCount, win.end + PREFETCH_ROWS) },
      );
    };
    const wait = FETCH_INTERVAL_MS - (performance.now() - lastSent.current);
    const timer = wait <= 0 ? undefined : setTimeout(send, wait);
    if (wait <= 0) send();
    // The hold ends on its own: draw again once it has expired.
    const expire = setTimeout(() => setTick((t) => t + 1), HOLD_MS + 10);
    return () => {
      clearTimeout(timer);
      clearTimeout(expire);
    };
  }, [win.first, win.end, queryKey, request]);

  const loaded = (first: number, end: number) => {
    for (let i = first; i < end; i++) if (!isLoaded(i)) return false;
    return true;
  };
  const current: ShownWindow = { first: win.first, end: win.end, firstTop: win.firstTop, held: false };
  if (win.visibleEnd <= win.visibleFirst || loaded(win.visibleFirst, win.visibleEnd)) return current;
  if (performance.now() - movedAt.current > HOLD_MS) return current;
  for (let i = requested.current.length - 1; i >= 0; i--) {
    const r = requested.current[i]!;
    if (r.end > rowCount || r.visibleEnd <= r.visibleFirst || !loaded(r.visibleFirst, r.visibleEnd)) continue;
    // Where that window sat in the viewport when it was asked for.
    return { first: r.first, end: r.end, firstTop: domTop + (r.first * rowHeight - r.virtualTop), held: true };
  }
  return current;
}
