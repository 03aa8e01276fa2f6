/**
 * The shape of every error the core raises: a stable code (messages may change, codes do not)
 * and a typed context (the file, offset, field or document it is about). Each area names its
 * codes and context: WalError, StoreError, RecoveryError.
 */
export class CodedError<Code extends string, Context extends { readonly cause?: unknown }> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly context: Context = {} as Context,
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
  }
}
