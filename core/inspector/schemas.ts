import { z } from 'zod';
import { ENTRY_TYPE_NAMES, type ArgsOf, type OperationName } from '../contract/contract.js';

/**
 * Validation of every operation's arguments at the service boundary (zod). Each schema is
 * typed against the contract, so the two cannot drift apart. Unknown keys are refused.
 */
const id = z.string().min(1).max(200);
const sessionId = { session_id: id };
const jobId = { job_id: id.optional() };
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const time = z.number().finite();
const filePath = z.string().min(1, 'a path is required').max(4096).refine((p) => !p.includes('\0'), 'a path cannot contain NUL');
const entryType = z.enum(ENTRY_TYPE_NAMES);
const compression = z.enum(['none', 'zstd', 'lz4', 'brotli', 'deflate', 'gzip']);

const filterFields = {
  types: z.array(entryType).max(6).optional(),
  collection: z.string().max(1024).optional(),
  document_id: z.string().max(1024).optional(),
  document_id_prefix: z.string().min(1).max(1024).optional(),
  transaction_id: z.string().max(1024).optional(),
  damage: z.enum(['include', 'exclude', 'only']).optional(),
  where: z.string().min(1).max(10_000).optional(),
};
const rowFilter = z.strictObject({
  ...filterFields,
  time_from: time.optional(),
  time_to: time.optional(),
  text: z.string().min(1).max(10_000).optional(),
  text_case_sensitive: z.boolean().optional(),
  text_regex: z.boolean().optional(),
});
const rowSort = z.strictObject({
  key: z.enum(['file', 'time', 'type', 'collection', 'document', 'size']),
  direction: z.enum(['asc', 'desc']).optional(),
});
const none = z.strictObject({});
const collectionNames = z.array(z.string().min(1).max(255)).max(10_000);

export const SCHEMAS: { readonly [N in OperationName]: z.ZodType<ArgsOf<N>> } = {
  'app.info': none,
  'dialog.open': z.strictObject({ kind: z.enum(['file', 'folder', 'save']), default_name: z.string().max(255).optional() }),
  'fs.list': z.strictObject({ path: filePath.optional(), show_hidden: z.boolean().optional() }),
  'recent.list': none,
  'recent.clear': none,
  'session.open': z.strictObject({
    path: filePath, collection: z.string().min(1).max(255).optional(), collections: z.array(z.string().min(1).max(255)).max(10_000).optional(), format: z.enum(['auto', 'binary', 'jsonl']).optional(),
  }),
  'session.info': z.strictObject(sessionId),
  'session.list': none,
  'session.close': z.strictObject(sessionId),
  'rows.page': z.strictObject({
    ...sessionId, ...jobId, offset: count, limit: z.number().int().min(1).max(10_000), filter: rowFilter.optional(), sort: rowSort.optional(),
    answer_within_ms: z.number().int().min(1).max(60_000).optional(),
  }),
  'rows.locate': z.strictObject({
    ...sessionId, query: z.string().max(1024), filter: rowFilter.optional(), sort: rowSort.optional(), time_zone: z.string().min(1).max(100).optional(),
  }),
  'entry.get': z.strictObject({ ...sessionId, row: count }),
  'damage.list': z.strictObject({ ...sessionId, offset: count.optional(), limit: z.number().int().min(1).max(100_000).optional() }),
  'timeline.get': z.strictObject({
    ...sessionId, time_from: time.optional(), time_to: time.optional(), bucket_count: z.number().int().min(1).max(2000),
    filter: z.strictObject(filterFields).optional(),
  }),
  'transactions.list': z.strictObject({
    ...sessionId, offset: count.optional(), limit: z.number().int().min(1).max(10_000).optional(),
    status: z.array(z.enum(['committed', 'rolled-back', 'incomplete', 'single-entry'])).optional(),
    where: filterFields.where,
  }),
  'transactions.page': z.strictObject({
    ...sessionId, offset: count, limit: z.number().int().min(1).max(10_000),
    sort: z.strictObject({
      key: z.enum(['first', 'time', 'size', 'entries', 'status', 'duration']), direction: z.enum(['asc', 'desc']).optional(),
    }).optional(),
    status: z.array(z.enum(['committed', 'rolled-back', 'incomplete', 'single-entry'])).optional(),
    id_prefix: z.string().min(1).max(1024).optional(),
    damaged: z.boolean().optional(),
    where: filterFields.where,
  }),
  'stats.get': z.strictObject(sessionId),
  'query.fields': z.strictObject({ ...sessionId, sample: z.number().int().min(1).max(2000).optional() }),
  'verify.run': z.strictObject({ ...sessionId, ...jobId, store: filePath.nullable().optional() }),
  'recovery.plan': z.strictObject({
    ...sessionId, ...jobId, store: filePath.optional(), mode: z.enum(['safe', 'force']), committed_only: z.boolean().optional(),
    include_repaired: z.boolean().optional(), into: filePath.optional(),
  }),
  'recovery.apply': z.strictObject({ ...sessionId, ...jobId, plan_id: id, backup: z.boolean().optional() }),
  'history.get': z.strictObject({ ...sessionId, document_id: z.string().min(1).max(1024) }),
  'restore.plan': z.strictObject({
    ...sessionId, ...jobId, store: filePath.optional(), collection: z.string().min(1).max(255).optional(),
    until: z.string().min(1).max(200).optional(), exclusive: z.boolean().optional(),
    exclude_tx: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(), exclude_range: z.string().min(1).max(200).optional(),
    document: z.string().min(1).max(1024).optional(), on_conflict: z.enum(['later', 'excluded']).optional(),
    include_uncommitted: z.boolean().optional(), into: filePath.optional(), include_repaired: z.boolean().optional(),
  }),
  'restore.apply': z.strictObject({ ...sessionId, ...jobId, plan_id: id, backup: z.boolean().optional() }),
  'restore.promote': z.strictObject({ ...sessionId, ...jobId, plan_id: id, backup: z.boolean().optional() }),
  'restore.discard': z.strictObject({ ...sessionId, ...jobId, plan_id: id }),
  'store.compare': z.strictObject({ ...jobId, left: filePath, right: filePath, offset: count.optional(), limit: z.number().int().min(1).max(500).optional() }),
  'checkpoint.plan': z.strictObject({
    ...sessionId, ...jobId, compact: z.boolean().optional(), compression: compression.optional(),
    remove_older_than_ms: count.optional(), keep_segments: count.optional(),
  }),
  'checkpoint.apply': z.strictObject({ ...sessionId, ...jobId, plan_id: id }),
  'export.rows': z.strictObject({
    ...sessionId, ...jobId, filter: rowFilter.optional(), sort: rowSort.optional(), format: z.enum(['jsonl', 'csv']), path: filePath,
  }),
  'export.download': z.strictObject({ ...sessionId, filter: rowFilter.optional(), sort: rowSort.optional(), format: z.enum(['jsonl', 'csv']) }),
  'convert.run': z.strictObject({ ...sessionId, ...jobId, format: z.enum(['binary', 'jsonl']), path: filePath }),
  'repair.plan': z.strictObject({ ...sessionId, ...jobId }),
  'repair.apply': z.strictObject({ ...sessionId, ...jobId, path: filePath }),
  'follow.set': z.strictObject({ ...sessionId, enabled: z.boolean() }),
  'job.cancel': z.strictObject({ job_id: id }),
  'store.verify': z.strictObject({ ...sessionId, ...jobId, collections: z.array(z.string().min(1).max(255)).max(10_000).optional() }),
  'store.plan_recovery': z.strictObject({
    ...sessionId, ...jobId, collections: collectionNames.optional(), mode: z.enum(['safe', 'force']), committed_only: z.boolean().optional(),
    include_repaired: z.boolean().optional(), into: filePath.optional(),
  }),
  'store.apply_recovery': z.strictObject({ ...sessionId, ...jobId, plan_id: id, backup: z.boolean().optional() }),
  'store.plan_checkpoint': z.strictObject({
    ...sessionId, ...jobId, collections: collectionNames.optional(), compact: z.boolean().optional(), compression: compression.optional(),
    remove_older_than_ms: count.optional(), keep_segments: count.optional(),
  }),
  'store.apply_checkpoint': z.strictObject({ ...sessionId, ...jobId, plan_id: id }),
};

/** The first problem of a failed validation, as a sentence naming the field. */
export function describeIssue(error: z.ZodError): { message: string; field: string } {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  const what = issue?.message ?? 'invalid arguments';
  return { message: field ? `${field}: ${what}` : what, field };
}
