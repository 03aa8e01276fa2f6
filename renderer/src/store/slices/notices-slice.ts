import type { InspectorError } from '../../contract.js';
import type { SliceCreator } from '../app-state.js';

export interface Notice {
  readonly id: number;
  /** What the person was doing, e.g. "Opening /data/users". */
  readonly title: string;
  readonly error: InspectorError;
}

export interface NoticesSlice {
  readonly notices: readonly Notice[];
  pushError: (title: string, error: InspectorError) => void;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

/** Errors the service (or the renderer) reported, shown until dismissed. */
export const createNoticesSlice: SliceCreator<NoticesSlice> = (set) => ({
  notices: [],
  pushError: (title, error) =>
    set((s) => ({ notices: [...s.notices.slice(-4), { id: nextNoticeId++, title, error }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});

/** Turns anything thrown into the contract's error shape (a bug, or a failed transport). */
export function toInspectorError(thrown: unknown): InspectorError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'INTERNAL', message: message || 'Something went wrong in the window.', context: {} };
}
