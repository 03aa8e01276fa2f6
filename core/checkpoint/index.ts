export { applyCompaction } from './compact-apply.js';
export { planCompaction, systemSecs } from './compact-plan.js';
export type {
  CheckpointResult, CompactBlocker, CompactOptions, CompactPlan, CompactResult, CompactVerification, KeptFile, LogPosition, RemoveStep, SealStep, SegmentStamp,
} from './checkpoint-types.js';
export { CheckpointError, type CheckpointErrorCode } from './checkpoint-error.js';
export { findOpenWriters, type OpenWriter, type WriterCheck, type WriterCheckFn } from './open-writers.js';
export { activeSegment, checkpointLog, logPosition } from './log-position.js';
export { selectRemovals, type SealedSegment } from './retention.js';
