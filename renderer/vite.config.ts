import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The CSP meta tag in index.html is written for the production build (no inline script or
 * style). Vite's dev server injects inline scripts (React refresh preamble, HMR styles), so
 * only while serving we relax it; the built file keeps the strict policy.
 */
function relaxCspInDevServer(): Plugin {
  return {
    name: 'wal-inspector:relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:*");
    },
  };
}

/**
 * Development against a running `wal-inspector serve`: set WAL_INSPECTOR_URL to the URL it
 * printed (token included) and `npx vite --config renderer/vite.config.ts` forwards /api to
 * it with the token as a bearer header, so the dev page talks to the real service.
 */
function apiProxy(): Record<string, ProxyOptions> | undefined {
  const printed = process.env['WAL_INSPECTOR_URL'];
  if (!printed) return undefined;
  const url = new URL(printed);
  const token = url.searchParams.get('token') ?? '';
  return {
    '/api': {
      target: url.origin,
      changeOrigin: true,
      headers: { authorization: `Bearer ${token}` },
      configure: (proxy) => {
        // The server refuses API calls from another origin; the dev page's origin is Vite's.
        proxy.on('proxyReq', (req) => req.removeHeader('origin'));
      },
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the same build is served by the Electron custom protocol and by
  // the `serve` command's HTTP server, at whatever path they choose.
  base: './',
  plugins: [react(), relaxCspInDevServer()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Keep every asset a file: inlined data: URLs for scripts would need a looser CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    // The renderer imports core/contract/, outside the renderer root.
    fs: { allow: [repoRoot] },
    proxy: apiProxy(),
  },
});
