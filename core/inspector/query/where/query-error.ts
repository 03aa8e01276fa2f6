import { CodedError } from '../../../errors/coded-error.js';

export interface QueryErrorContext {
  /** Which input: `where`, `filter` (Sentinel syntax), or a CLI option such as `--where`. */
  readonly field: string;
  /** 1-based column of the query text where it went wrong. */
  readonly column: number;
  readonly cause?: unknown;
}

/**
 * A malformed query: a usage error (CLI exit 2; INVALID_QUERY over the contract). The message
 * is `column N: what was found; what was expected`, the text the CLI prints after the option
 * name and the query box shows under itself.
 */
export class QueryError extends CodedError<'INVALID_QUERY', QueryErrorContext> {
  override readonly name = 'QueryError';
  constructor(what: string, context: QueryErrorContext) {
    super('INVALID_QUERY', `column ${context.column}: ${what}`, context);
  }
}
