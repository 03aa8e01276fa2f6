/**
 * Windowing for a list of fixed-height rows that may be taller than a browser can lay out.
 *
 * Browsers cap an element's height (about 16.7 M px in Firefox, 33.5 M px in Chromium;
 * TanStack/virtual #460, #616). A million 24 px rows already need 24 M px, so the scroll
 * spacer is capped at MAX_SPACER_HEIGHT and the scroll position is scaled: one pixel of real
 * scrolling moves `ratio` pixels through the list. Rows are placed relative to the current
 * scrollTop, so each row is drawn at its true height whatever the ratio (nteract PR #2702).
 */

export const MAX_SPACER_HEIGHT = 8_000_000;

export interface WindowInput {
  readonly rowCount: number;
  readonly rowHeight: number;
  readonly viewportHeight: number;
  readonly scrollTop: number;
  readonly overscan?: number;
}

export interface RowWindow {
  /** First row index to render (inclusive). */
  readonly first: number;
  /** Last row index to render (exclusive). */
  readonly end: number;
  /** First and last rows actually visible, without overscan (inclusive / exclusive). */
  readonly visibleFirst: number;
  readonly visibleEnd: number;
  /** Height to give the scroll spacer, in DOM pixels. */
  readonly spacerHeight: number;
  /** Virtual pixels per DOM pixel of scrolling (1 when no scaling is needed). */
  readonly ratio: number;
  /** DOM y coordinate (inside the spacer) of row `first`. */
  readonly firstTop: number;
}

export interface ScrollGeometry {
  readonly rowCount: number;
  readonly rowHeight: number;
  readonly viewportHeight: number;
}

export function spacerHeightFor(rowCount: number, rowHeight: number): number {
  return Math.min(rowCount * rowHeight, MAX_SPACER_HEIGHT);
}

/** Virtual pixels per DOM pixel. */
export function scrollRatio({ rowCount, rowHeight, viewportHeight }: ScrollGeometry): number {
  const real = rowCount * rowHeight;
  const spacer = spacerHeightFor(rowCount, rowHeight);
  if (real <= spacer) return 1;
  const maxDom = Math.max(1, spacer - viewportHeight);
  const maxVirtual = Math.max(0, real - viewportHeight);
  return maxVirtual / maxDom;
}

export function computeWindow(input: WindowInput): RowWindow {
  const { rowCount, rowHeight, viewportHeight } = input;
  const overscan = input.overscan ?? 8;
  const spacerHeight = spacerHeightFor(rowCount, rowHeight);
  const ratio = scrollRatio(input);
  const maxDomScroll = Math.max(0, spacerHeight - viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxDomScroll);
  const virtualTop = scrollTop * ratio;
  if (rowCount === 0 || viewportHeight <= 0) {
    return { first: 0, end: 0, visibleFirst: 0, visibleEnd: 0, spacerHeight, ratio, firstTop: 0 };
  }
  const visibleFirst = Math.min(rowCount - 1, Math.floor(virtualTop / rowHeight));
  const visibleEnd = Math.min(rowCount, Math.ceil((virtualTop + viewportHeight) / rowHeight));
  const first = Math.max(0, visibleFirst - overscan);
  const end = Math.min(rowCount, visibleEnd + overscan);
  const firstTop = scrollTop + (first * rowHeight - virtualTop);
  return { first, end, visibleFirst, visibleEnd, spacerHeight, ratio, firstTop };
}

/**
 * The DOM scrollTop that brings `index` into view, or `null` when it is already fully visible.
 * `align` 'start' puts it at the top, 'end' at the bottom, 'center' in the middle, 'nearest'
 * moves as little as needed.
 */
export function scrollTopForRow(
  geometry: ScrollGeometry,
  currentScrollTop: number,
  index: number,
  align: 'start' | 'end' | 'center' | 'nearest' = 'nearest',
): number | null {
  const { rowHeight, viewportHeight, rowCount } = geometry;
  const ratio = scrollRatio(geometry);
  const virtualTop = currentScrollTop * ratio;
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  let target: number;
  if (align === 'start') target = rowTop;
  else if (align === 'end') target = rowBottom - viewportHeight;
  else if (align === 'center') target = rowTop - (viewportHeight - rowHeight) / 2;
  else if (rowTop < virtualTop) target = rowTop;
  else if (rowBottom > virtualTop + viewportHeight) target = rowBottom - viewportHeight;
  else return null;
  const maxVirtual = Math.max(0, rowCount * rowHeight - viewportHeight);
  target = Math.min(Math.max(0, target), maxVirtual);
  return target / ratio;
}
