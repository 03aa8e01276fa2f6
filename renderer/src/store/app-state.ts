import type { StateCreator } from 'zustand';
import type { AppInfoSlice } from './slices/app-info-slice.js';
import type { CheckpointSlice } from './slices/checkpoint-slice.js';
import type { ExportSlice } from './slices/export-slice.js';
import type { JobsSlice } from './slices/jobs-slice.js';
import type { NoticesSlice } from './slices/notices-slice.js';
import type { QuerySlice } from './slices/query-slice.js';
import type { RecoverySlice } from './slices/recovery-slice.js';
import type { RowsSlice } from './slices/rows-slice.js';
import type { SelectionSlice } from './slices/selection-slice.js';
import type { SessionSlice } from './slices/session-slice.js';
import type { StoreSessionSlice } from './slices/store-session-slice.js';
import type { StatsSlice } from './slices/stats-slice.js';
import type { TimelineSlice } from './slices/timeline-slice.js';
import type { TransactionsSlice } from './slices/transactions-slice.js';
import type { UiSlice } from './slices/ui-slice.js';
import type { VerifySlice } from './slices/verify-slice.js';

/** The whole renderer state: one store made of slices, actions beside their state. */
export type AppState = AppInfoSlice &
  SessionSlice &
  QuerySlice &
  RowsSlice &
  SelectionSlice &
  TimelineSlice &
  StatsSlice &
  TransactionsSlice &
  VerifySlice &
  StoreSessionSlice &
  RecoverySlice &
  CheckpointSlice &
  ExportSlice &
  JobsSlice &
  NoticesSlice &
  UiSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
