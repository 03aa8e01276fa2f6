import { useLayoutEffect, useState, type RefObject } from 'react';

/** One of the element's client sizes, kept current with a ResizeObserver where there is one. */
function useElementSize(ref: RefObject<HTMLElement | null>, read: (e: HTMLElement) => number): number {
  const [size, setSize] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize(read(element));
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, read]);
  return size;
}

const clientHeight = (e: HTMLElement) => e.clientHeight;
const clientWidth = (e: HTMLElement) => e.clientWidth;

export const useElementHeight = (ref: RefObject<HTMLElement | null>): number => useElementSize(ref, clientHeight);
export const useElementWidth = (ref: RefObject<HTMLElement | null>): number => useElementSize(ref, clientWidth);
