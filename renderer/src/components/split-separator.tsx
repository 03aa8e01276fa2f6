import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitSeparatorProps {
  /** The width of the pane after the separator (the detail pane), px. */
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly label: string;
  readonly onChange: (value: number) => void;
  /** When a drag or key press is over: remember the value. */
  readonly onCommit: (value: number) => void;
}

const STEP = 16;
const BIG_STEP = 80;

/**
 * A vertical splitter (WAI-ARIA window splitter): drag it, or focus it and use ←/→ (Shift for
 * bigger steps), Home/End. Its value is the width of the pane to its right.
 */
export function SplitSeparator({ value, min, max, label, onChange, onCommit }: SplitSeparatorProps) {
  const drag = useRef<{ startX: number; startValue: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    drag.current = { startX: event.clientX, startValue: value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The pane is to the right: moving the separator left widens it.
    onChange(clamp(drag.current.startValue - (event.clientX - drag.current.startX)));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const next = clamp(drag.current.startValue - (event.clientX - drag.current.startX));
    drag.current = null;
    onChange(next);
    onCommit(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, number> = { ArrowLeft: value + step, ArrowRight: value - step, Home: max, End: min };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const v = clamp(next);
    onChange(v);
    onCommit(v);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${value} pixels wide`}
      tabIndex={0}
      className="split-separator"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
