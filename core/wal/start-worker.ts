import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running `moduleUrl`. Compiled builds run the .js file directly;
 * from TypeScript sources (tests, `npm run cli`) the worker registers tsx first.
 */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (moduleUrl.pathname.endsWith('.ts')) {
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(moduleUrl, { workerData });
}
