import { UsageError } from './cli-io.js';

/** `--where EXPR` (CEL) and `--filter SPEC` (Sentinel's syntax), each repeatable; all ANDed with the other filters. */
export const WHERE_OPTIONS = {
  where: { type: 'string', multiple: true },
  filter: { type: 'string', multiple: true },
} as const;

export const WHERE_USAGE = '[--where CEL]... [--filter FIELD=VALUE|>|<|>=|<=|~|^|$|" in:a,b"|" exists:true"]...';

/**
 * The options as one CEL expression, or undefined; a malformed one is a usage error naming its
 * option and column. The query engine loads only when a query is given (start-up of the rest).
 */
export async function whereFromOptions(values: { where?: string[] | undefined; filter?: string[] | undefined }): Promise<string | undefined> {
  if (!values.where?.length && !values.filter?.length) return undefined;
  const { combineWhere, QueryError } = await import('../core/inspector/use-cases/where.js');
  try {
    return combineWhere(values.where ?? [], values.filter ?? []);
  } catch (err) {
    if (err instanceof QueryError) throw new UsageError(`${err.context.field}: ${err.message}`);
    throw err;
  }
}
