import { readFile as readFileCallback } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Reads a whole file. The callback `fs.readFile` wrapped in a promise: for the many small
 * document files of a store it is 2–3× faster than `fs/promises.readFile` on Node 20 (which
 * makes several thread-pool round trips per file), and, unlike readFileSync, never blocks.
 */
export const readWholeFile: (path: string) => Promise<Buffer> = promisify(readFileCallback);
