import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../core/contract/contract.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { makeMultiCollectionStore, type MultiStore } from '../support/multi-collection-store.js';
import { eventWaiter, openTransport, TRANSPORTS } from './support/transports.js';

/**
 * session.open on a store root: the store session's rows are what `dump <store root>` prints,
 * in the same order (time, ties collection name then position), on every transport. A row's
 * segment is `<collection>/<segment>`, where dump says store_collection and the segment.
 */
let s: MultiStore;
beforeAll(async () => {
  s = await makeMultiCollectionStore();
});
afterAll(() => s.cleanup());

interface DumpLine { store_collection: string; kind: string; segment: string; offset: number; length: number; entry_type?: string; document_id?: string; transaction_id?: string; damage?: string }

const fromDump = (d: DumpLine) => ({
  segment: `${d.store_collection}/${d.segment}`, kind: d.kind, offset: d.offset, length: d.length,
  entry_type: d.entry_type ?? null, document_id: d.document_id ?? '', transaction_id: d.transaction_id ?? '', damage: d.damage ?? null,
});
const fromRow = (r: Row) => ({
  segment: r.segment, kind: r.kind, offset: r.offset, length: r.length, entry_type: r.entry_type, document_id: r.document_id, transaction_id: r.transaction_id, damage: r.damage,
});

describe.each(TRANSPORTS)('session.open on a store root (%s)', (name) => {
  it('answers the rows dump <store root> prints, in its order, and lists the collections stats --json reports', async () => {
    const t = await openTransport(name);
    const events = eventWaiter(t.api);
    try {
      const opened = await t.api.session.open({ path: s.root });
      if (!opened.ok) throw new Error(opened.error.message);
      const id = opened.value.session_id;
      await events.wait((e) => e.type === 'index.done' && e.session_id === id);
      const page = await t.api.rows.page({ session_id: id, offset: 0, limit: 10_000 });
      if (!page.ok) throw new Error(page.error.message);
      const dump = await runCliCaptured(['dump', s.root, '--format', 'jsonl']);
      expect(dump.code, dump.stderr).toBeLessThan(2);
      const lines = dump.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as DumpLine);
      expect(page.value.rows.map(fromRow)).toEqual(lines.map(fromDump));

      const info = await t.api.session.info({ session_id: id });
      const stats = await runCliCaptured(['stats', s.root, '--json']);
      const parts = (JSON.parse(stats.stdout) as { collections: { collection: string; entries: number; wal_config: unknown }[] }).collections;
      if (!info.ok) throw new Error(info.error.message);
      expect(info.value.store?.collections.map((c) => [c.collection, c.entries, c.wal_config])).toEqual(parts.map((p) => [p.collection, p.entries, p.wal_config]));
    } finally {
      events.stop();
      await t.close();
    }
  });
});
