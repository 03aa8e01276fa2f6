#!/usr/bin/env node
import { endWithRelaunchingParent, hasAllocatorEnv, relaunchWithAllocatorEnv } from './allocator-env.js';
import { runCli } from './run-cli.js';

// serve lives for hours and opens log after log: it runs with the allocator settings that give
// a closed session's memory back (allocator-env.ts), which only a new process can take.
if (process.argv[2] === 'serve' && !hasAllocatorEnv()) {
  process.exitCode = await relaunchWithAllocatorEnv();
} else {
  endWithRelaunchingParent();
  await main();
}

async function main(): Promise<void> {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
  // A closed pipe (`dump | head`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });

  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  process.exitCode = code;
}
