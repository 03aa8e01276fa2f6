type WellFormedString = string & { isWellFormed?: () => boolean };

/** A lone surrogate: a high one not followed by a low one, or a low one not after a high one. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `s` has no lone surrogate, i.e. is representable as UTF-8 (as a Rust `&str` is). */
export function isWellFormed(s: string): boolean {
  const native = (s as WellFormedString).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}
