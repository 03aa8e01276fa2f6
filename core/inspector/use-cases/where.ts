// The query language for the shells (`--where`, `--filter`): what a command needs, from one module.
export { combineWhere } from '../query/where/combine-where.js';
export { QueryError } from '../query/where/query-error.js';
export { recordStatuses, recordWhere } from '../query/where/record-where.js';
export type { EntryRecord } from '../../wal/records.js';
