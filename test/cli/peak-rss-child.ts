/**
 * Run in a fresh process (peak RSS is per process): the CLI in-process on argv, stdout kept,
 * then one JSON line: exit code, stdout, and the peak RSS in MiB.
 */
import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { runCli } from '../../cli/run-cli.js';

const out = new PassThrough();
const chunks: Buffer[] = [];
out.on('data', (c: Buffer) => chunks.push(c));
const err = new PassThrough();
err.resume();
const code = await runCli(process.argv.slice(2), { stdout: out, stderr: err, stdin: new PassThrough(), cwd: process.cwd(), signal: new AbortController().signal });
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
process.stdout.write(JSON.stringify({ code, stdout: Buffer.concat(chunks).toString('utf8'), peakRssMiB: hwm ? Number(hwm[1]) / 1024 : -1 }) + '\n');
