import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { cliJson, withSession } from './support/cli-parity.js';
import { PARITY_LOGS } from './support/scenario.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `convert --json` prints what `convert.run` answers, and both write the same bytes. The two
 * write to the same path in turn (never overwriting: the first output is removed before the
 * second run), so the answers' `path` is compared as it is.
 */
let t: Transport;
beforeAll(async () => {
  t = await openTransport('in-process');
});
afterAll(() => t.close());

describe('convert --json is convert.run', () => {
  for (const log of PARITY_LOGS) {
    for (const format of ['binary', 'jsonl'] as const) {
      it(`${path.basename(log)} → ${format}`, async () => {
        const out = path.join(tempDir('parity-convert-'), `out.${format === 'binary' ? 'wal' : 'jsonl'}`);
        const service = await withSession(t.api, log, (session_id) => t.api.convert.run({ session_id, format, path: out }));
        expect(service.ok).toBe(true);
        const serviceBytes = fs.readFileSync(out);
        fs.unlinkSync(out);

        const cli = await cliJson(['convert', log, out, '--to', format, '--json']);
        expect(cli.value).toEqual(service.ok && service.value);
        expect(cli.code).toBe(service.ok && service.value.skipped_damage > 0 ? 1 : 0);
        expect(fs.readFileSync(out).equals(serviceBytes)).toBe(true);
      }, 60_000);
    }
  }
});
