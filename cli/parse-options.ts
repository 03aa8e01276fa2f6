import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { WalFormatName } from '../core/contract/contract-types.js';
import { UsageError } from './cli-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util.parseArgs with usage errors as UsageError (exit 2, message naming the option). */
export function parseOptions<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** `--since/--until`: milliseconds since the epoch, or an ISO date. */
export function parseTime(value: string, option: string): bigint {
  if (/^\d+$/.test(value)) return BigInt(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${option}: "${value}" is neither milliseconds nor an ISO date`);
  return BigInt(ms);
}

export function parseCount(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option}: "${value}" is not a non-negative integer`);
  return Number(value);
}

export function onePath(positionals: string[], what = 'path'): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${positionals.length}`);
  return positionals[0]!;
}

/** `--input-format auto|binary|jsonl` (auto: undefined, decided from the bytes). */
export function parseFormatOption(value: string | undefined): WalFormatName | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (value === 'binary' || value === 'jsonl') return value;
  throw new UsageError(`--input-format: "${value}" is not auto, binary or jsonl`);
}
