/**
 * Ids, data and file names are whatever the log and the disk hold; none of their control
 * characters may reach a person's terminal through any command's human output or messages.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { ins, makeStore, type TestStore } from '../core/store/store-fixture.js';
import { runCliCaptured, type CliRun } from '../support/run-cli-in-process.js';

/** Anything a terminal acts on, or that reorders the line it is on; \n is the reports' own. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const CLEAR = '\x1b[2J';
const TITLE = '\x1b]0;pwned\x07';
const LINK = '\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\';
const C1 = '\u009b2J\u009d0;t\u009c';
const BIDI = '\u202eexe.txt\u2066\u2069';

const TX = (CLEAR + TITLE).padEnd(32, 'T');
const DOC = `doc${LINK}${C1}${BIDI}`;
const COLLECTION = `col${CLEAR}${BIDI}`;

function expectClean(r: CliRun): void {
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const m = RAW.exec(text);
    expect(m && `${name}: U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 40))}`).toBeNull();
  }
}

const roots: string[] = [];
const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
  while (roots.length) await rm(roots.pop()!, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'wal-inspector-escapes-'));
  roots.push(d);
  return d;
}

/** A store whose log names a hostile document (not in the store), with a stray file named like a segment. */
async function hostileStore(): Promise<TestStore> {
  const s = await makeStore({}, [
    { type: 'Insert', doc: DOC, tx: TX, data: '{"v":1}' },
    ins('ok', `{"t":"\\u009b2J\\u202e${'\\u001b'}[2J"}`),
  ]);
  stores.push(s);
  await writeFile(join(s.walDir, `transactions${CLEAR}.wal`), '');
  return s;
}

/** One segment file whose own name is hostile, holding a hostile entry and a damaged tail. */
async function hostileSegment(): Promise<string> {
  const dir = await tempDir();
  const file = join(dir, `seg${TITLE}${C1}.wal`);
  const entry = encodeBinaryEntry(createEntry({ entryType: 'Insert', transactionId: TX, collection: COLLECTION, documentId: DOC, timestamp: 1_732_400_000_000n, data: '{"v":1}' }));
  await writeFile(file, Buffer.concat([entry, entry.subarray(0, 20)]));
  return file;
}

describe('no control character of a log or a file name reaches the terminal', () => {
  it('dump (table)', async () => {
    const r = await runCliCaptured(['dump', await hostileSegment()]);
    expect(r.code).toBe(1);
    expectClean(r);
    expect(r.stdout).toContain('\\x1b[2J');
  });

  it('stats', async () => {
    const r = await runCliCaptured(['stats', await hostileSegment()]);
    expect(r.code).toBe(1);
    expectClean(r);
    expect(r.stdout).toContain(`col\\x1b[2J\\u202eexe.txt`);
    expect(r.stdout).toContain('seg\\x1b]0;pwned\\x07\\x9b2J');
  });

  it('verify, against the store and on the log alone', async () => {
    const s = await hostileStore();
    const checks = [
      { argv: ['verify', s.collDir, '--store', s.collDir], shows: 'doc\\x1b]8;;http://evil.example/' },
      { argv: ['verify', await hostileSegment()], shows: 'at seg\\x1b]0;pwned\\x07\\x9b2J' },
    ];
    for (const { argv, shows } of checks) {
      const r = await runCliCaptured(argv);
      expect(r.code).toBe(1);
      expectClean(r);
      expect(r.stdout).toContain(shows);
    }
  });

  it('recover: the plan, the failure quoting the id, data with C1 and bidi controls', async () => {
    const s = await hostileStore();
    const dry = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'force', '--dry-run']);
    expect(dry.code).toBe(1);
    expectClean(dry);
    expect(dry.stdout).toContain(`FAILED Insert doc\\x1b]8;;`);
    expect(dry.stdout).toContain('\\x9b2J\\u202e');
    const applied = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'force', '--yes']);
    expect(applied.code).toBe(1);
    expectClean(applied);
    expect(applied.stderr).toContain(`transactions\\x1b[2J.wal`);
  });

  it('checkpoint, plain and --compact (refused), with a stray file named with an escape', async () => {
    const s = await hostileStore();
    for (const argv of [['checkpoint', s.collDir], ['checkpoint', s.collDir, '--compact', '--dry-run']]) {
      const r = await runCliCaptured(argv);
      expectClean(r);
      expect(r.stderr).toContain(`warning: transactions\\x1b[2J.wal`);
    }
  });

  it('convert: the messages naming the files and the skipped damage', async () => {
    const input = await hostileSegment();
    const out = join(await tempDir(), `out${CLEAR}${BIDI}.jsonl`); // LINK holds a slash
    const r = await runCliCaptured(['convert', input, out, '--to', 'jsonl']);
    expect(r.code).toBe(1);
    expectClean(r);
    expect(r.stderr).toContain('out\\x1b[2J\\u202e');
    expect(r.stderr).toContain('skipped truncated-tail at seg\\x1b]0;pwned');
  });

  it('errors on stderr that quote a path, an id or an argument', async () => {
    const dir = await tempDir();
    const missing = join(dir, `gone${TITLE}${BIDI}`);
    await mkdir(join(dir, `not-a-collection${CLEAR}`));
    const runs = [
      await runCliCaptured(['dump', missing]),
      await runCliCaptured(['stats', missing]),
      await runCliCaptured(['verify', await hostileSegment(), '--store', missing]),
      await runCliCaptured(['recover', await hostileSegment(), '--store', join(dir, `not-a-collection${CLEAR}`), '--mode', 'safe', '--dry-run']),
      await runCliCaptured([`bogus${CLEAR}`]),
      await runCliCaptured(['dump', await hostileSegment(), `--type`, `Insert${C1}`]),
    ];
    for (const r of runs) {
      expect(r.code).toBe(2);
      expectClean(r);
      expect(r.stderr).toMatch(/\\x1b|\\x9b/);
    }
  });
});
