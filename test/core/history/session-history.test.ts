import { afterEach, describe, expect, it } from 'vitest';
import { documentHistory } from '../../../core/history/document-history.js';
import { openLocation } from '../../../core/inspector/open-location.js';
import { sessionDocumentHistory } from '../../../core/inspector/query/document-history.js';
import { Session } from '../../../core/inspector/session.js';
import { historyView } from '../../../core/inspector/views/history-view.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import type { TestStore } from '../store/store-fixture.js';
import { rotateCompressed, storeWith } from '../restore/restore-fixture.js';
import { B, C, D, I, R, U, tx, type Step } from './history-fixture.js';

const stores: TestStore[] = [];
let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
  while (stores.length) await stores.pop()!.cleanup();
});

const G = tx('grp'), RB = tx('rb'), OPEN = tx('open');
const first: Step[] = [I('a', '{"v":1,"o":{"x":1}}'), I('b', '{"w":1}'), B(G), U('a', '{"o":{"y":2}}', { tx: G }), C(G)];
const rest: Step[] = [B(RB), D('a', { tx: RB }), R(RB), U('b', '{"w":2}'), I('a', '{"again":true}', { tx: OPEN }), B(OPEN), U('a', '{"more":1}', { tx: OPEN })];

describe('history.get from the session index', () => {
  it('reads only the document\'s rows and their transactions\' control rows, and answers what a whole-chain read answers', async () => {
    const s = await storeWith({}, []);
    stores.push(s);
    await rotateCompressed(s.walDir, first, rest);
    const location = await locateLog(s.collDir);
    session = new Session({ id: 's', input: s.collDir, located: await openLocation(s.collDir), emit: () => {}, followPollMs: 1000 });
    await session.indexer.whenDone();
    for (const doc of ['a', 'b', 'nobody']) {
      const whole = historyView(await documentHistory(readLog(location), location.segments.map((x) => x.name), doc));
      expect(await sessionDocumentHistory(session, doc)).toEqual(whole);
    }
    const a = await sessionDocumentHistory(session, 'a');
    expect(a.versions.map((v) => [v.entry_type, v.transaction_status, v.state])).toEqual([
      ['Insert', 'standalone', '{"o":{"x":1},"v":1}'],
      ['Update', 'committed', '{"o":{"x":1,"y":2},"v":1}'],
      ['Delete', 'rolled-back', null],
      ['Insert', 'never-terminated', '{"again":true}'],
      ['Update', 'never-terminated', '{"again":true,"more":1}'],
    ]);
    expect(a.versions[3]!.segment).toBe('transactions.wal');
    expect(a.versions[0]!.segment).toMatch(/\.wal\.zst$/);
  });
});
