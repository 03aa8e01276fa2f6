/**
 * The C allocator settings a long-running process (serve, the desktop app) starts with.
 *
 * glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MiB),
 * so after one big log the next allocations come from its arenas, which fragment and are not
 * given back: measured in one process opening and closing a 2 M-entry log four times, RSS
 * after each close grew 189 → 190 → 293 → 295 MiB with the JS heap and array buffers back to
 * 11 MiB. Setting the trim threshold (any of these settings) turns the dynamic threshold off,
 * and a threshold of 0 returns freed arena tops at once: 176 → 167 → 164 → 168 MiB, with no
 * measurable change in indexing time. The setting is read once, at start-up, from the
 * environment: a process can only pass it to one it starts.
 */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '0' };

/** Whether this process runs on glibc (the variable means nothing to musl, macOS or Windows). */
export function onGlibc(): boolean {
  if (process.platform !== 'linux') return false;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return typeof header?.glibcVersionRuntime === 'string';
}

/** The environment for a child that should start with the allocator settings (unchanged elsewhere). */
export function withAllocatorEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!onGlibc()) return env;
  const out = { ...env };
  for (const [k, v] of Object.entries(ALLOCATOR_ENV)) out[k] ??= v;
  return out;
}

/** Whether this process started with every allocator setting (or needs none). */
export function hasAllocatorEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !onGlibc() || Object.keys(ALLOCATOR_ENV).every((k) => env[k] !== undefined);
}

const RELAUNCHED = 'WAL_INSPECTOR_RELAUNCHED';

/**
 * In a process relaunchWithAllocatorEnv started: end with the parent. A parent killed outright
 * (SIGKILL) cannot pass the signal on, but its end closes the channel between them.
 */
export function endWithRelaunchingParent(): void {
  if (process.env[RELAUNCHED] !== '1' || !process.channel) return;
  process.on('disconnect', () => process.exit(process.exitCode ?? 1));
  process.channel.unref();
}

/**
 * Runs this same command again in a child started with the allocator settings, passing the
 * terminal through, and resolves with its exit code. Ctrl-C reaches the child from the
 * terminal's process group; a signal sent to this process alone is passed on.
 */
export function relaunchWithAllocatorEnv(): Promise<number> {
  return new Promise((resolve) => {
    void import('node:child_process').then(({ spawn }) => {
      const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
        stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...withAllocatorEnv(process.env), [RELAUNCHED]: '1' },
      });
      const pass = (signal: NodeJS.Signals) => () => { child.kill(signal); };
      const onInt = pass('SIGINT');
      const onTerm = pass('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      child.on('error', (err) => {
        process.stderr.write(`wal-inspector: could not start ${process.execPath}: ${err.message}\n`);
        resolve(1);
      });
      child.on('exit', (code, signal) => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
      });
    });
  });
}
