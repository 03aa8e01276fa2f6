import type { CliCommand } from '../cli-io.js';
import { convertCommand } from './convert.js';
import { dumpCommand } from './dump.js';
import { statsCommand } from './stats.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [dumpCommand, statsCommand, convertCommand];
