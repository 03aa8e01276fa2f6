import * as path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from '../../support/paths.js';

/**
 * Builds the renderer as `npm run build:renderer` does, into `outDir` (a temporary directory
 * handed to `serve --renderer-dir`, so a test run never rewrites dist/ under other tests).
 */
export async function buildRenderer(outDir: string): Promise<void> {
  // Under vitest NODE_ENV is "test", which would bundle React's development build.
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: path.join(REPO_ROOT, 'renderer/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (previous === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = previous;
  }
}
