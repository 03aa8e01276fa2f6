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
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = null;
  };
  useEffect(() => {
    // A value set from outside (Clear, a link) replaces whatever was about to be committed.
    cancel();
    committed.current = value;
    setDraft(value);
  }, [value]);
  useEffect(() => {
    if (draft === committed.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      if (draft === committed.current) return;
      committed.current = draft;
      onCommit(draft);
    }, delayMs);
    return cancel;
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
        if (e.key !== 'Enter') return;
        // Enter commits now, and the commit the typing scheduled is dropped: firing later, it
        // would undo a Clear clicked in between.
        cancel();
        if (draft !== committed.current) {
          committed.current = draft;
          onCommit(draft);
        }
      }}
    />
  );
}
