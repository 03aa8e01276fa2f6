import { useEffect, useRef, useState } from 'react';

interface DebouncedInputProps {
  readonly value: string;
  readonly onCommit: (value: string) => void;
  readonly label: string;
  readonly placeholder?: string;
  /** Tooltip, for what the placeholder has no room to say. */
  readonly title?: string;
  readonly delayMs?: number;
  readonly className?: string;
  readonly type?: 'text' | 'search';
}

/** A text input that reports its value after typing pauses (or at once on Enter). */
export function DebouncedInput({ value, onCommit, label, placeholder, title, delayMs = 250, className, type = 'search' }: DebouncedInputProps) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  useEffect(() => {
    committed.current = value;
    setDraft(value);
  }, [value]);
  useEffect(() => {
    if (draft === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = draft;
      onCommit(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, delayMs, onCommit]);
  return (
    <input
      type={type}
      aria-label={label}
      placeholder={placeholder ?? label}
      title={title}
      className={className}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== committed.current) {
          committed.current = draft;
          onCommit(draft);
        }
      }}
    />
  );
}
