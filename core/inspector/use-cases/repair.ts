import * as path from 'node:path';
import type { RepairPlan, RepairResult } from '../../contract/contract-repair.js';
import type { WalFormatName } from '../../contract/contract-types.js';
import type { LogLocation } from '../../wal/log-location.js';
import { planRepair, writeRepairedLog } from '../../wal/repair/repair-log.js';
import { repairPlanView, repairResultView } from '../views/repair-view.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';
export { repairLines } from '../views/repair-view.js';

export interface RepairChainOptions {
  /** Read every segment as this format instead of telling it from its bytes. */
  readonly inputFormat?: WalFormatName;
  readonly signal?: AbortSignal;
  /** Bytes of the chain's files gone through, of their total. */
  readonly onProgress?: (done: number, total: number) => void;
}

const readOptions = (o: RepairChainOptions) => ({
  ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.inputFormat ? { format: o.inputFormat } : {}),
});

/** repair.plan and `repair --dry-run`: which damaged ranges one flipped bit explains. Writes nothing. */
export async function planRepairOf(location: LogLocation, options: RepairChainOptions = {}): Promise<RepairPlan> {
  return repairPlanView(await planRepair(location, readOptions(options)));
}

/**
 * repair.apply and `repair`: a new copy of the log (a file for a segment, a directory for a
 * chain; never over an existing path) with every intact and every repaired entry.
 */
export async function repairChain(location: LogLocation, dest: string, options: RepairChainOptions = {}): Promise<RepairResult> {
  return repairResultView(await writeRepairedLog(location, path.resolve(dest), readOptions(options)));
}
