import { useState } from 'react';
import { copyText } from '../lib/copy-text.js';

interface CopyButtonProps {
  readonly text: () => string;
  readonly label?: string;
  readonly className?: string;
}

/** A small button that copies text and says so for a moment. */
export function CopyButton({ text, label = 'Copy', className }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = async () => {
    const ok = await copyText(text());
    setState(ok ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className={`copy-button ${className ?? ''}`} onClick={onClick} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
