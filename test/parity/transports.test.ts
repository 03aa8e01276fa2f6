import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARITY_LOGS, PARITY_STORES, copyStore, logScenario, storeScenario } from './support/scenario.js';
import { TRANSPORTS, openTransport, type Transport } from './support/transports.js';

/**
 * One front door (abstract-level's spirit): the same calls, in process, over HTTP (`serve`) and
 * over Electron IPC, give the same answers — errors included — on original-written logs and on
 * damaged stores.
 */
const open: Transport[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
});

describe('every transport answers the same', () => {
  for (const log of PARITY_LOGS) {
    it(`on ${path.basename(log)}`, async () => {
      const [reference, ...others] = await Promise.all(open.map((t) => logScenario(t.api, log)));
      expect(Object.keys(reference!).length).toBeGreaterThan(10);
      expect(reference!['session.open']).toMatchObject({ ok: true });
      expect(reference!['entry.get out of range']).toMatchObject({ ok: false });
      for (const t of others) expect(t).toEqual(reference);
    }, 60_000);
  }

  for (const name of PARITY_STORES) {
    it(`on the store of recovery case ${name}`, async () => {
      const transcripts = [];
      for (const t of open) transcripts.push(await storeScenario(t.api, copyStore(name)));
      const [reference, ...others] = transcripts;
      expect(reference!['recovery.plan safe']).toMatchObject({ ok: true });
      for (const t of others) expect(t).toEqual(reference);
    }, 60_000);
  }
});
