import { randomBytes } from 'node:crypto';
import { HTTP_DOWNLOAD_PATH } from '../contract/contract.js';
import type { ExportDownload } from '../contract/contract-jobs.js';
import { streamExportRows, type ExportQuery } from './export-rows.js';
import type { JobContext } from './jobs.js';
import type { Session } from './session.js';

/** A ticket not fetched by then is dropped: it only has to last from the click to the GET. */
export const DOWNLOAD_TICKET_MS = 60_000;

/** An export the HTTP bridge streams to the browser: what to call it, and the bytes on demand. */
export interface DownloadStream {
  readonly fileName: string;
  readonly contentType: string;
  /** Writes the export through `sink` (awaited per ~1 MiB chunk); aborts with the signal. */
  run(sink: (chunk: Buffer) => Promise<void>, signal: AbortSignal): Promise<{ rows: number; bytes: number }>;
}

interface Ticket {
  readonly sessionId: string;
  readonly query: ExportQuery;
  readonly fileName: string;
  readonly expiresAt: number;
}

/** `wal-export-<session time>.<ext>`: a name that says what it is and sorts by time. */
export function exportFileName(format: 'jsonl' | 'csv', now: Date): string {
  return `wal-export-${now.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.${format}`;
}

/**
 * One-time download tickets (browser mode). A browser download is a plain GET that cannot carry
 * the Authorization header, so export.download (which needs it) hands out a 256-bit random
 * ticket that stands in for it: it works once, for one export of one session, for a minute.
 */
export class DownloadTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number = Date.now) {}

  create(sessionId: string, query: ExportQuery): ExportDownload {
    this.prune();
    const ticket = randomBytes(32).toString('base64url');
    const at = this.now();
    const fileName = exportFileName(query.format, new Date(at));
    const expiresAt = at + DOWNLOAD_TICKET_MS;
    this.tickets.set(ticket, { sessionId, query, fileName, expiresAt });
    return { url: `${HTTP_DOWNLOAD_PATH}${ticket}`, file_name: fileName, expires_at: expiresAt };
  }

  /** The ticket's export, used up by this call; null when unknown, used or expired (alike, on purpose). */
  take(ticket: string, session: (id: string) => Session | undefined, job: (signal: AbortSignal) => JobContext): DownloadStream | null {
    this.prune();
    const t = this.tickets.get(ticket);
    if (!t) return null;
    this.tickets.delete(ticket);
    const s = session(t.sessionId);
    if (!s) return null;
    return {
      fileName: t.fileName,
      contentType: t.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      run: (sink, signal) => streamExportRows(s, t.query, job(signal), sink),
    };
  }

  /** Tickets of a closed session go with it. */
  dropSession(sessionId: string): void {
    for (const [k, t] of this.tickets) if (t.sessionId === sessionId) this.tickets.delete(k);
  }

  private prune(): void {
    const now = this.now();
    for (const [k, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(k);
  }
}
