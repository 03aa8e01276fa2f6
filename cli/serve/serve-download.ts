import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_DOWNLOAD_PATH } from '../../core/contract/contract.js';
import type { InspectorService } from '../../core/inspector/service.js';
import { httpError } from './serve-http-error.js';

/** A ticket is 32 random bytes in base64url: anything else is not one, and is not looked up. */
const TICKET = /^[A-Za-z0-9_-]{43}$/;

export function isDownloadPath(pathname: string): boolean {
  return pathname.startsWith(HTTP_DOWNLOAD_PATH);
}

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback and the exact name (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * GET /download/<ticket>: streams the export a ticket of export.download names, once. The
 * ticket is the credential (a download cannot send the Authorization header): unknown, used and
 * expired tickets get the same 404. The export goes out chunk by chunk as the client reads it,
 * so a multi-GB export is never held in memory; a client that goes away stops it.
 */
export async function handleDownload(service: InspectorService, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET') throw httpError(405, 'METHOD_NOT_ALLOWED', 'downloads are fetched with GET', { allow: 'GET' });
  const ticket = pathname.slice(HTTP_DOWNLOAD_PATH.length);
  const stream = TICKET.test(ticket) ? service.openDownload(ticket) : null;
  if (!stream) throw httpError(404, 'NOT_FOUND', 'no such download: a download link works once, for a minute — export again');
  const controller = new AbortController();
  const stop = () => controller.abort();
  res.on('close', stop);
  res.writeHead(200, {
    'content-type': stream.contentType, 'content-disposition': contentDisposition(stream.fileName),
    'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
  });
  const sink = (chunk: Buffer) => new Promise<void>((resolve, reject) => {
    if (controller.signal.aborted) {
      reject(controller.signal.reason);
      return;
    }
    // Wait for the socket to take the chunk before reading more rows: backpressure, not buffering.
    if (res.write(chunk)) resolve();
    else {
      const onDrain = () => { res.off('close', onClose); resolve(); };
      const onClose = () => { res.off('drain', onDrain); reject(new Error('the client went away')); };
      res.once('drain', onDrain);
      res.once('close', onClose);
    }
  });
  try {
    await stream.run(sink, controller.signal);
    res.end();
  } catch {
    // Headers are sent: the only honest signal left is a cut connection (the browser marks the download failed).
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}
