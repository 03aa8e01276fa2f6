/**
 * Windowing for a list of fixed-height rows that may be taller than a browser can lay out.
 *
 * Browsers cap an element's height (about 16.7 M px in Firefox, 33.5 M px in Chromium;
 * TanStack/virtual #460, #616). A million 24 px rows already need 24 M px, so the scroll
 * spacer is capped at MAX_SPACER_HEIGHT and the scroll position is scaled: one pixel of real
 * scrolling moves `ratio` pixels through the list. Rows are placed relative to the current
 * scrollTop, so each row is drawn at its true height whatever the ratio (nteract PR #2702).
 *
 * The position in the list ("virtual top", in list pixels) is kept apart from the DOM
 * scrollTop: past a ratio of ~24 one DOM pixel is more than a row, so a wheel notch that set
 * scrollTop would jump by `ratio` times its delta. The wheel moves the virtual top by its own
 * delta and the DOM scrollTop only follows it (virtualTop / ratio, rounded by the browser);
 * a scrollbar drag, which moves the DOM scrollTop, moves the virtual top by `ratio`.
 */

export const MAX_SPACER_HEIGHT = 8_000_000;

export interface WindowInput {
  readonly rowCount: number;
  readonly rowHeight: number;
  readonly viewportHeight: number;
  /** The DOM scrollTop of the scroll area (rows are placed relative to it). */
  readonly scrollTop: number;
  /** Position in the list in list pixels; default scrollTop × ratio. */
  readonly virtualTop?: number;
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
  const virtualTop = clampVirtualTop(input, input.virtualTop ?? scrollTop * ratio);
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
  align: RowAlign = 'nearest',
): number | null {
  const ratio = scrollRatio(geometry);
  const target = virtualTopForRow(geometry, currentScrollTop * ratio, index, align);
  return target === null ? null : target / ratio;
}

export type RowAlign = 'start' | 'end' | 'center' | 'nearest';

/** The virtual top that brings `index` into view, or `null` when it is already fully visible. */
export function virtualTopForRow(geometry: ScrollGeometry, virtualTop: number, index: number, align: RowAlign = 'nearest'): number | null {
  const { rowHeight, viewportHeight } = geometry;
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  let target: number;
  if (align === 'start') target = rowTop;
  else if (align === 'end') target = rowBottom - viewportHeight;
  else if (align === 'center') target = rowTop - (viewportHeight - rowHeight) / 2;
  else if (rowTop < virtualTop) target = rowTop;
  else if (rowBottom > virtualTop + viewportHeight) target = rowBottom - viewportHeight;
  else return null;
  return clampVirtualTop(geometry, target);
}

export function maxVirtualTop({ rowCount, rowHeight, viewportHeight }: ScrollGeometry): number {
  return Math.max(0, rowCount * rowHeight - viewportHeight);
}

export function clampVirtualTop(geometry: ScrollGeometry, virtualTop: number): number {
  return Math.min(Math.max(0, virtualTop), maxVirtualTop(geometry));
}

/** The DOM scrollTop that shows `virtualTop` (the browser may round it). */
export function domTopForVirtual(geometry: ScrollGeometry, virtualTop: number): number {
  return clampVirtualTop(geometry, virtualTop) / scrollRatio(geometry);
}

/** WheelEvent.deltaMode values. */
const DOM_DELTA_LINE = 1;
const DOM_DELTA_PAGE = 2;

/**
 * List pixels a wheel event moves, whatever the ratio: pixels as given (a notch is ~100 px,
 * four 24 px rows; a trackpad sends many small deltas), lines as rows, pages as the viewport
 * less one row.
 */
export function wheelDeltaPixels(
  event: { readonly deltaY: number; readonly deltaMode: number },
  rowHeight: number,
  viewportHeight: number,
): number {
  if (event.deltaMode === DOM_DELTA_LINE) return event.deltaY * rowHeight;
  if (event.deltaMode === DOM_DELTA_PAGE) return event.deltaY * Math.max(rowHeight, viewportHeight - rowHeight);
  return event.deltaY;
}
