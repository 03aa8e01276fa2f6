import type { CliCommand } from '../cli-io.js';
import { checkpointCommand } from './checkpoint.js';
import { convertCommand } from './convert.js';
import { dumpCommand } from './dump.js';
import { recoverCommand } from './recover.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';
import { verifyCommand } from './verify.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [dumpCommand, statsCommand, convertCommand, verifyCommand, recoverCommand, checkpointCommand, serveCommand];
