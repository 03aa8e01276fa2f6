import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { clampVirtualTop, domTopForVirtual, scrollRatio, wheelDeltaPixels, type ScrollGeometry } from './scaled-window.js';

export interface ScaledScroll {
  /** Position in the list, list pixels. */
  readonly virtualTop: number;
  /** The scroll area's DOM scrollTop as last seen. */
  readonly domTop: number;
  /** Moves the list to `virtualTop` (clamped), DOM scrollTop following. */
  readonly scrollToVirtual: (virtualTop: number) => void;
  /** For the scroll area's onScroll. */
  readonly onScroll: () => void;
}

/**
 * The scroll position of a scaled list (see scaled-window.ts). The wheel moves the list by its
 * own delta in list pixels: past a ratio of 1 the browser's wheel scrolling (which moves the DOM
 * scrollTop, i.e. `ratio` list pixels per pixel) is replaced. A scroll the page did not ask for
 * (scrollbar drag, keys the browser handles) moves the list by `ratio` per DOM pixel.
 */
export function useScaledScroll(ref: RefObject<HTMLElement | null>, geometry: ScrollGeometry): ScaledScroll {
  const [position, setPosition] = useState({ virtualTop: 0, domTop: 0 });
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const virtualRef = useRef(0);
  /** The DOM scrollTop our last move produced: a scroll event at it is our own echo. */
  const ownDomTop = useRef<number | null>(null);

  const scrollToVirtual = useCallback(
    (target: number) => {
      const element = ref.current;
      const g = geometryRef.current;
      const virtualTop = clampVirtualTop(g, target);
      virtualRef.current = virtualTop;
      if (!element) {
        setPosition({ virtualTop, domTop: 0 });
        return;
      }
      element.scrollTop = domTopForVirtual(g, virtualTop);
      ownDomTop.current = element.scrollTop;
      setPosition({ virtualTop, domTop: element.scrollTop });
    },
    [ref],
  );

  const onScroll = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const domTop = element.scrollTop;
    const g = geometryRef.current;
    const ratio = scrollRatio(g);
    // Our own move echoed back (maybe rounded): the virtual top stays where we put it.
    const own = ownDomTop.current !== null && Math.abs(domTop - ownDomTop.current) < 1 && ratio > 1;
    const virtualTop = own ? virtualRef.current : clampVirtualTop(g, domTop * ratio);
    if (!own) ownDomTop.current = null;
    virtualRef.current = virtualTop;
    setPosition((p) => (p.virtualTop === virtualTop && p.domTop === domTop ? p : { virtualTop, domTop }));
  }, [ref]);

  // The wheel: a listener of our own, since React's onWheel is passive and cannot preventDefault.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const g = geometryRef.current;
      if (event.ctrlKey || scrollRatio(g) <= 1) return; // zoom, or an unscaled list the browser scrolls well
      const horizontal = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
      event.preventDefault();
      if (horizontal) {
        element.scrollLeft += event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX;
        return;
      }
      scrollToVirtual(virtualRef.current + wheelDeltaPixels(event, g.rowHeight, g.viewportHeight));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [ref, scrollToVirtual]);

  // The geometry changed (rows arrived, the pane was resized): keep the list where it is.
  const ratio = scrollRatio(geometry);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || geometry.viewportHeight <= 0) return;
    const virtualTop = clampVirtualTop(geometry, virtualRef.current);
    if (Math.abs(element.scrollTop - domTopForVirtual(geometry, virtualTop)) >= 1 || virtualTop !== virtualRef.current) scrollToVirtual(virtualTop);
    // Only the ratio and the end of the list move the DOM position.
  }, [ratio, geometry.rowCount, geometry.viewportHeight]);

  return { virtualTop: position.virtualTop, domTop: position.domTop, scrollToVirtual, onScroll };
}
