import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInspectorService } from '../../core/inspector/service.js';
import { EXIT_OK, UsageError, type CliCommand } from '../cli-io.js';
import { parseCount, parseOptions } from '../parse-options.js';
import { defaultRecentFile, defaultRendererDir } from '../serve/serve-paths.js';
import { startServeServer } from '../serve/serve-server.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [path] [--port N] [--demo-store DIR] [--renderer-dir DIR] [--no-recent]',
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      port: { type: 'string' },
      'demo-store': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'no-recent': { type: 'boolean', default: false },
    });
    if (positionals.length > 1) throw new UsageError(`expected at most one path, got ${positionals.length}`);
    const port = values.port === undefined ? 0 : parseCount(values.port, '--port');
    if (port > 65535) throw new UsageError(`--port: ${port} is not a port number (0..65535)`);
    const openPath = positionals[0] === undefined ? null : path.resolve(io.cwd, positionals[0]);
    if (openPath && !fs.existsSync(openPath)) io.stderr.write(`warning: ${openPath}: no such file or directory (the app will say so)\n`);
    const rendererDir = values['renderer-dir'] ? path.resolve(io.cwd, values['renderer-dir']) : defaultRendererDir();
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      io.stderr.write(`note: no renderer build in ${rendererDir}; serving a placeholder page (run npm run build:renderer)\n`);
    }
    const service = createInspectorService({
      mode: 'browser', fileBrowser: true, openOnStart: openPath, downloads: true,
      demoStore: values['demo-store'] ? path.resolve(io.cwd, values['demo-store']) : null,
      recentFile: values['no-recent'] ? null : defaultRecentFile(),
    });
    const onError = (err: unknown) => io.stderr.write(`wal-inspector serve: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    const server = await startServeServer({ service, rendererDir, port, onError });
    io.stdout.write(`${server.url}\n`);
    io.stderr.write('wal-inspector serve: listening on 127.0.0.1 only; open the URL above (it carries the access token). Ctrl-C stops.\n');
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    await service.close();
    return EXIT_OK;
  },
};
