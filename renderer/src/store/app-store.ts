import { create } from 'zustand';
import type { AppState } from './app-state.js';
import { createAppInfoSlice } from './slices/app-info-slice.js';
import { createCheckpointSlice } from './slices/checkpoint-slice.js';
import { createExportSlice } from './slices/export-slice.js';
import { createJobsSlice } from './slices/jobs-slice.js';
import { createNoticesSlice } from './slices/notices-slice.js';
import { createQuerySlice } from './slices/query-slice.js';
import { createRecoverySlice } from './slices/recovery-slice.js';
import { createRowsSlice } from './slices/rows-slice.js';
import { createSelectionSlice } from './slices/selection-slice.js';
import { createSessionSlice } from './slices/session-slice.js';
import { createStoreSessionSlice } from './slices/store-session-slice.js';
import { createStatsSlice } from './slices/stats-slice.js';
import { createTimelineSlice } from './slices/timeline-slice.js';
import { createTransactionsSlice } from './slices/transactions-slice.js';
import { createUiSlice } from './slices/ui-slice.js';
import { createVerifySlice } from './slices/verify-slice.js';

export const useAppStore = create<AppState>()((...a) => ({
  ...createAppInfoSlice(...a),
  ...createSessionSlice(...a),
  ...createQuerySlice(...a),
  ...createRowsSlice(...a),
  ...createSelectionSlice(...a),
  ...createTimelineSlice(...a),
  ...createStatsSlice(...a),
  ...createTransactionsSlice(...a),
  ...createVerifySlice(...a),
  ...createStoreSessionSlice(...a),
  ...createRecoverySlice(...a),
  ...createCheckpointSlice(...a),
  ...createExportSlice(...a),
  ...createJobsSlice(...a),
  ...createNoticesSlice(...a),
  ...createUiSlice(...a),
}));

/** Back to the state of a fresh window (tests call it between cases). */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}
