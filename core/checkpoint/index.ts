export { applyCompaction } from './compact-apply.js';
export { planCompaction, systemSecs } from './compact-plan.js';
export { checkpointToJson, compactToJson } from './checkpoint-json.js';
export type {
  CheckpointResult, CompactOptions, CompactPlan, CompactResult, CompactVerification, LogPosition, RemoveStep, SealStep, SegmentStamp,
} from './checkpoint-types.js';
export { activeSegment, checkpointLog, logPosition } from './log-position.js';
export { selectRemovals, type SealedSegment } from './retention.js';
