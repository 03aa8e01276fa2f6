/**
 * Child of restore-bench: plans `restore --until T` on a store (writes nothing) in a fresh
 * process and prints its time and peak RSS. usage: tsx restore-child.ts <collection dir> <until>
 */
import * as fs from 'node:fs';
import { planRestoreAt } from '../../core/inspector/use-cases/restore.js';

const [store, until] = process.argv.slice(2);
const started = performance.now();
const plan = await planRestoreAt({ store: store!, until: until! });
const ms = performance.now() - started;
// VmHWM, not getrusage's maxrss: Linux carries maxrss over from the parent at fork.
const hwm = Number((/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8')) ?? [])[1]);
console.log(JSON.stringify({ ms, maxRssMiB: Math.round(hwm / 1024), changes: plan.operations.length, entries: plan.report.entries_read }));
