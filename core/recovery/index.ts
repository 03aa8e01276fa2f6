export { applyRecovery } from './apply-recovery.js';
export { BACKUPS_DIR, writeBackup, type BackupFile } from './backup.js';
export { planNotes } from './plan-notes.js';
export { PlanOverlay } from './plan-overlay.js';
export { planRecovery } from './plan-recovery.js';
export { RecoveryError, type RecoveryErrorCode, type RecoveryErrorContext } from './recovery-error.js';
export type {
  ApplyOptions, ChangeBasis, DocumentChange, DroppedEntry, FlaggedEntry, LostRange, PlanOptions, RecordSource,
  RecoveryApplyResult, RecoveryCounts, RecoveryFailure, RecoveryMode, RecoveryPlan, RecoveryProgress,
} from './recovery-types.js';
export { ForceReplay } from './replay-force.js';
export { SafeReplay } from './replay-safe.js';
export type { ReplayEntry, ReplayOutcome } from './replay-outcome.js';
export { forEachLimit } from './worker-pool.js';
