// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimelineChart, type TimelineData } from '../../../renderer/src/components/timeline-chart.js';
import { formatLocalTime } from '../../../renderer/src/lib/format.js';

const TYPES = ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'] as const;
const FROM = 1_700_000_000_000;

function timeline(): TimelineData {
  const n = 10;
  const zero = () => Array.from({ length: n }, () => 0);
  return {
    time_from: FROM,
    time_to: FROM + n * 1000,
    bucket_ms: 1000,
    bucket_count: n,
    counts: { Begin: zero(), Insert: Array.from({ length: n }, (_, i) => i + 1), Update: zero().map((_, i) => (i % 2 ? 3 : 0)), Delete: zero(), Commit: zero(), Rollback: zero() },
    damage: zero().map((_, i) => (i === 4 ? 2 : 0)),
    max_total: 13,
  };
}

function svgOf(container: HTMLElement): SVGSVGElement {
  const svg = container.querySelector('svg')!;
  // jsdom has no layout: the chart is 500 px wide at x = 100.
  svg.getBoundingClientRect = () => ({ left: 100, top: 0, width: 500, height: 88, right: 600, bottom: 88, x: 100, y: 0, toJSON: () => ({}) });
  return svg;
}

afterEach(() => cleanup());

describe('TimelineChart', () => {
  it('stacks a bar per type and bucket and marks damaged buckets', () => {
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={() => {}} onReset={() => {}} />);
    expect(container.querySelectorAll('rect.type-insert')).toHaveLength(10);
    expect(container.querySelectorAll('rect.type-update')).toHaveLength(5);
    const marks = screen.getAllByTestId('timeline-damage');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe('2 damaged ranges');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('2 damaged ranges marked');
  });

  it('turns a drag into a time range snapped to whole buckets', () => {
    const onSelect = vi.fn();
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={onSelect} onReset={() => {}} />);
    const svg = svgOf(container);
    // 500 px for 10 buckets: x=100+120 is inside bucket 2, x=100+330 inside bucket 6.
    fireEvent.pointerDown(svg, { clientX: 220, button: 0, pointerId: 1 });
    fireEvent.pointerMove(svg, { clientX: 300, pointerId: 1 });
    expect(screen.getByTestId('timeline-selection')).toBeTruthy();
    fireEvent.pointerUp(svg, { clientX: 430, pointerId: 1 });
    expect(onSelect).toHaveBeenCalledWith({ from: FROM + 2000, to: FROM + 7000 - 1 });
  });

  it('selects right to left too, and ignores a click without a drag', () => {
    const onSelect = vi.fn();
    const { container } = render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={onSelect} onReset={() => {}} />);
    const svg = svgOf(container);
    fireEvent.pointerDown(svg, { clientX: 410, button: 0 });
    fireEvent.pointerUp(svg, { clientX: 412 });
    expect(onSelect).not.toHaveBeenCalled();
    fireEvent.pointerDown(svg, { clientX: 590, button: 0 });
    fireEvent.pointerUp(svg, { clientX: 560 });
    expect(onSelect).toHaveBeenCalledWith({ from: FROM + 9000, to: FROM + 10_000 - 1 });
  });

  it('draws the current selection and resets on double-click', () => {
    const onReset = vi.fn();
    const { container } = render(
      <TimelineChart timeline={timeline()} types={TYPES} selection={{ from: FROM + 2000, to: FROM + 4999 }} onSelect={() => {}} onReset={onReset} />,
    );
    const rect = screen.getByTestId('timeline-selection');
    expect(Number(rect.getAttribute('x'))).toBeCloseTo(200);
    expect(Number(rect.getAttribute('width'))).toBeCloseTo(300);
    fireEvent.doubleClick(svgOf(container));
    expect(onReset).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onReset).toHaveBeenCalledTimes(2);
  });

  it('offers to zoom into the selection, and back out to the whole log', () => {
    const zoom = { zoomed: false, onZoomIn: vi.fn(), onZoomOut: vi.fn() };
    const props = { timeline: timeline(), types: TYPES, onSelect: () => {}, onReset: () => {} };
    const { rerender } = render(<TimelineChart {...props} selection={null} zoom={zoom} />);
    expect(screen.queryByRole('button', { name: 'Zoom in' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Whole log' })).toBeNull();
    rerender(<TimelineChart {...props} selection={{ from: FROM + 2000, to: FROM + 4999 }} zoom={zoom} />);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom.onZoomIn).toHaveBeenCalledTimes(1);
    rerender(<TimelineChart {...props} selection={null} zoom={{ ...zoom, zoomed: true }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Whole log' }));
    expect(zoom.onZoomOut).toHaveBeenCalledTimes(1);
  });

  it('labels the axis with the first and the last millisecond shown', () => {
    render(<TimelineChart timeline={timeline()} types={TYPES} selection={null} onSelect={() => {}} onReset={() => {}} />);
    const axis = document.querySelector('.timeline-axis')!;
    expect(axis.textContent).toContain(formatLocalTime(FROM));
    expect(axis.textContent).toContain(formatLocalTime(FROM + 9_999));
    expect(axis.textContent).not.toContain(formatLocalTime(FROM + 10_000));
  });
});
