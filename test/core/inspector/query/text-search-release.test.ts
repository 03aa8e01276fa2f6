import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocation } from '../../../../core/inspector/open-location.js';
import { closeTextSearchThread, textSearchThreadHolding } from '../../../../core/inspector/query/text-search-thread.js';
import { textMatches } from '../../../../core/inspector/query/text-search.js';
import { Session } from '../../../../core/inspector/session.js';
import { binaryBytes, entries, tempDir, writeFile, type Spec } from '../support/inspector-fixtures.js';

/** The text search's kept thread gives a closed session's rows back while other sessions stay open. */
afterAll(() => closeTextSearchThread());

const SPECS: Spec[] = Array.from({ length: 600 }, (_, i) => ({
  type: i % 2 ? 'Insert' : 'Update', doc: `doc-${i}`, tx: `tx-${i}`, data: JSON.stringify({ i, note: i % 9 ? 'plain' : 'needle here', pad: 'p'.repeat(i % 200) }),
}));
const want = SPECS.flatMap((s, row) => (s.data!.includes('needle') ? [row] : []));

async function opened(name: string): Promise<Session> {
  const file = writeFile(path.join(tempDir(), name), binaryBytes(entries(SPECS)));
  const session = new Session({ id: name, input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
  await session.indexer.whenDone();
  return session;
}

/** Searches with every other 4 KiB run on the second thread; the runs it took there. */
async function searchElsewhere(session: Session): Promise<number> {
  session.cache.lasting.clear();
  let runs = 0;
  const m = await textMatches(session, 'needle', { caseSensitive: false, regex: false, runBytes: 4096, splitBytes: 0, ran: (n) => (runs = n) });
  expect(Array.from(m.bitmap.keys()).filter((r) => m.bitmap[r] === 1)).toEqual(want);
  return runs;
}

describe('text search thread and closed sessions', () => {
  it('drops the rows of a session that closes while another stays open, and only those', async () => {
    const a = await opened('a.wal');
    const b = await opened('b.wal');
    try {
      expect(await searchElsewhere(a)).toBeGreaterThan(5);
      const holdsA = await textSearchThreadHolding();
      expect(holdsA.rows).toBeGreaterThan(0);
      expect(holdsA.chunks).toBeGreaterThan(0);
      expect(holdsA.fileOpen).toBe(true);

      // Closing a session whose rows the thread does not hold leaves the thread's rows alone.
      const c = await opened('c.wal');
      await c.close();
      expect(await textSearchThreadHolding()).toEqual(holdsA);

      await a.close();
      // b is still open, so the thread runs on, holding nothing.
      expect(await textSearchThreadHolding()).toEqual({ storeKey: -1, rows: 0, chunks: 0, fileOpen: false });

      // The next search sends its chunks again from the first and finds the same rows.
      expect(await searchElsewhere(b)).toBeGreaterThan(5);
      expect((await textSearchThreadHolding()).rows).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
    // No session left: the thread is stopped.
    expect(await textSearchThreadHolding()).toEqual({ storeKey: -1, rows: 0, chunks: 0, fileOpen: false });
  });
});
