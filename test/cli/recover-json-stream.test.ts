import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { ins, makeStore, upd, type TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/** Runs the CLI with a stdout that counts the writes it gets. */
async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let writes = 0;
  stdout.on('data', (c: Buffer) => ((out += c.toString()), writes++));
  stderr.resume();
  const code = await runCli(argv, { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd(), signal: new AbortController().signal });
  return { code, out, writes };
}

describe('recover --json on a plan bigger than the listing', () => {
  it('lists every change, streamed in chunks, the same text as one JSON.stringify', async () => {
    const N = 1500;
    const docs = Object.fromEntries(Array.from({ length: N }, (_, i) => [`d${i}`, JSON.stringify({ v: 1, pad: 'x'.repeat(80) })]));
    const log = [...Array.from({ length: N }, (_, i) => upd(`d${i}`, JSON.stringify({ v: 2, pad: 'y'.repeat(80) }))), ins('new', '{"n":1}')];
    const s = await makeStore(docs, log);
    stores.push(s);
    const r = await run(['recover', s.collDir, '--mode', 'force', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    // The human listing shows 50; --json every one of them.
    expect(plan.changes).toHaveLength(N + 1);
    expect(plan.changes[N - 1]).toMatchObject({ document_id: `d${N - 1}`, operation: 'update' });
    expect(r.out).toBe(JSON.stringify(plan, null, 2) + '\n');
    // Over 64 KiB of output arrives in more than one write: no single string of the whole plan.
    expect(r.out.length).toBeGreaterThan(4 * 64 * 1024);
    expect(r.writes).toBeGreaterThan(3);
  });
});
