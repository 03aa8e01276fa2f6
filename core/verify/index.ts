export { DiskView } from './disk-view.js';
export { LogHistory, type CommittedState, type DocumentOp } from './log-history.js';
export { damageText, OriginalRules } from './original-rules.js';
export { isDroppedByCommittedOnly, TransactionFateTracker, type TransactionFate, type TransactionInfo } from './transaction-fates.js';
export { computeFindings } from './verify-findings.js';
export { verifyLog } from './verify-log.js';
export { toOrderedJson, type OutValue } from './ordered-json.js';
export type {
  EntryPosition, Finding, FindingKind, StateEntry, VerifyIssue, VerifyOptions, VerifyProgress, VerifyResult, VerifyStore,
} from './verify-types.js';
