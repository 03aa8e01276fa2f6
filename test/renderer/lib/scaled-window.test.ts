import { describe, expect, it } from 'vitest';
import {
  MAX_SPACER_HEIGHT,
  clampVirtualTop,
  computeWindow,
  domTopForVirtual,
  maxVirtualTop,
  scrollRatio,
  scrollTopForRow,
  virtualTopForRow,
  wheelDeltaPixels,
} from '../../../renderer/src/lib/scaled-window.js';

const geometry = { rowCount: 1_000_000, rowHeight: 24, viewportHeight: 600 };

describe('computeWindow', () => {
  it('renders only the rows in view plus overscan', () => {
    const w = computeWindow({ rowCount: 1000, rowHeight: 24, viewportHeight: 240, scrollTop: 0, overscan: 5 });
    expect([w.first, w.end, w.visibleFirst, w.visibleEnd]).toEqual([0, 15, 0, 10]);
    expect(w.ratio).toBe(1);
    expect(w.spacerHeight).toBe(24_000);
  });

  it('caps the spacer below the browser limit for a million rows and scales the scroll', () => {
    const w = computeWindow({ ...geometry, scrollTop: 0 });
    expect(w.spacerHeight).toBe(MAX_SPACER_HEIGHT);
    expect(w.ratio).toBeGreaterThan(2.9);
    const bottom = computeWindow({ ...geometry, scrollTop: MAX_SPACER_HEIGHT - 600, overscan: 0 });
    expect(bottom.visibleEnd).toBe(1_000_000);
    expect(bottom.visibleFirst).toBe(1_000_000 - 25);
    // The last row ends exactly at the bottom of the viewport.
    expect(bottom.firstTop + (bottom.end - bottom.first) * 24).toBeCloseTo(MAX_SPACER_HEIGHT, 3);
  });

  it('places rows at their true height in the middle of a scaled list', () => {
    const scrollTop = 3_000_000;
    const w = computeWindow({ ...geometry, scrollTop, overscan: 0 });
    expect(w.firstTop).toBeLessThanOrEqual(scrollTop);
    expect(w.firstTop).toBeGreaterThan(scrollTop - 24);
    expect(w.end - w.first).toBeLessThanOrEqual(26);
  });
});

describe('scrollTopForRow', () => {
  it('returns null when the row is already visible, a scaled position otherwise', () => {
    expect(scrollTopForRow(geometry, 0, 3)).toBeNull();
    const top = scrollTopForRow(geometry, 0, 500_000, 'start')!;
    expect(top * scrollRatio(geometry)).toBeCloseTo(500_000 * 24, 0);
    const w = computeWindow({ ...geometry, scrollTop: top, overscan: 0 });
    expect(w.visibleFirst).toBe(500_000);
  });

  it('scrolls down just enough for the next row', () => {
    const small = { rowCount: 100, rowHeight: 24, viewportHeight: 240 };
    expect(scrollTopForRow(small, 0, 10)).toBe(24);
    expect(scrollTopForRow(small, 240, 5)).toBe(120);
  });
});

describe('the virtual top of a scaled list', () => {
  const huge = { rowCount: 100_000_000, rowHeight: 24, viewportHeight: 600 };

  it('places rows by the virtual top, not by scrollTop × ratio, so a sub-pixel move shows', () => {
    const ratio = scrollRatio(huge);
    expect(ratio).toBeGreaterThan(299);
    const domTop = domTopForVirtual(huge, 50_000_000 * 24);
    const at = computeWindow({ ...huge, scrollTop: domTop, virtualTop: 50_000_000 * 24, overscan: 0 });
    const moved = computeWindow({ ...huge, scrollTop: domTop, virtualTop: 50_000_000 * 24 + 100, overscan: 0 });
    expect(at.visibleFirst).toBe(50_000_000);
    expect(moved.visibleFirst).toBe(50_000_004);
    // Either way row `first` is drawn where the viewport's top is, less its part above it.
    expect(moved.firstTop).toBeCloseTo(domTop - 100 + 4 * 24, 6);
  });

  it('clamps to the list and converts both ways', () => {
    expect(clampVirtualTop(huge, -5)).toBe(0);
    expect(clampVirtualTop(huge, Number.MAX_SAFE_INTEGER)).toBe(maxVirtualTop(huge));
    expect(domTopForVirtual(huge, maxVirtualTop(huge))).toBeCloseTo(MAX_SPACER_HEIGHT - 600, 6);
    expect(virtualTopForRow(huge, 0, 99_999_999, 'nearest')).toBe(maxVirtualTop(huge));
    expect(virtualTopForRow(huge, 0, 10, 'nearest')).toBeNull();
  });

  it('turns wheel deltas into list pixels whatever the mode', () => {
    expect(wheelDeltaPixels({ deltaY: 100, deltaMode: 0 }, 24, 600)).toBe(100);
    expect(wheelDeltaPixels({ deltaY: 3, deltaMode: 1 }, 24, 600)).toBe(72);
    expect(wheelDeltaPixels({ deltaY: -1, deltaMode: 2 }, 24, 600)).toBe(-576);
  });
});
