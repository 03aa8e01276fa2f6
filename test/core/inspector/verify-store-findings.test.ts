import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyFinding } from '../../../core/contract/contract.js';
import { renderCollectionMetadata, SENTINEL_WAL_DEFAULTS } from '../../../core/store/collection-metadata.js';
import { locateLog, verifyLocation } from '../../../core/inspector/use-cases/verify.js';
import { del, ins, makeStore, type TestStore } from '../store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

async function store(...args: Parameters<typeof makeStore>): Promise<TestStore> {
  const s = await makeStore(...args);
  stores.push(s);
  return s;
}

async function findings(s: TestStore): Promise<VerifyFinding[]> {
  const r = await verifyLocation(await locateLog(s.collDir), { store: s.collDir, listed: 'all' });
  return [...r.findings];
}

const kinds = (f: readonly VerifyFinding[]) => f.map((x) => x.kind);

async function setWriteMode(s: TestStore, writeMode: 'strict' | 'warn' | 'disabled'): Promise<void> {
  await writeFile(join(s.collDir, '.metadata.json'), renderCollectionMetadata({
    name: 'users', createdAt: 1, updatedAt: 2, documentCount: 1, totalSizeBytes: 10, wal: { ...SENTINEL_WAL_DEFAULTS, writeMode },
  }));
}

describe('verify: findings from the collection\'s own files', () => {
  it('a document whose file was edited (hash no longer its data\'s BLAKE3) is "changed outside Sentinel"', async () => {
    const s = await store({ a: '{"v":1}', b: '{"v":2}' }, [ins('a', '{"v":1}'), ins('b', '{"v":2}')]);
    expect(kinds(await findings(s))).not.toContain('document-changed');
    // Edit b's data by hand, keeping its old hash, as someone with a text editor would.
    const file = join(s.collDir, 'b.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"v": 2', '"v": 3'));
    const f = (await findings(s)).filter((x) => x.kind === 'document-changed');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ document_id: 'b', severity: 'warning' });
    expect(f[0]!.description).toMatch(/^Document b changed outside Sentinel/);
  });

  it('signed documents: signatures are reported not checked, saying whether the store holds its (encrypted) key', async () => {
    const s = await store({ a: { data: '{"v":1}', signature: 'ab'.repeat(64) } }, [ins('a', '{"v":1}')]);
    const missing = (await findings(s)).find((x) => x.kind === 'signatures-not-checked');
    expect(missing).toMatchObject({ count: 1, severity: 'info' });
    expect(missing!.description).toMatch(/holds no signing key/);
    await mkdir(join(s.storeDir, 'data', '.keys'), { recursive: true });
    await writeFile(join(s.storeDir, 'data', '.keys', 'signing_key.json'), '{}');
    const encrypted = (await findings(s)).find((x) => x.kind === 'signatures-not-checked');
    expect(encrypted!.description).toMatch(/keeps its signing key encrypted with its passphrase/);
  });

  it('no finding about signatures when no document is signed', async () => {
    const s = await store({ a: '{"v":1}' }, [ins('a', '{"v":1}')]);
    expect(kinds(await findings(s))).not.toContain('signatures-not-checked');
  });

  it('a document the log deletes whose copy sits in .deleted/ is said to be recoverable', async () => {
    const s = await store({ b: '{}' }, [ins('a', '{"v":1}'), del('a'), ins('b', '{}'), ins('c', '{}'), del('c')], { deleted: { a: '{"v":1}' } });
    const kept = (await findings(s)).filter((x) => x.kind === 'deleted-copy-kept');
    // c was deleted too, but has no copy: nothing to bring back.
    expect(kept.map((x) => x.document_id)).toEqual(['a']);
    expect(kept[0]!.description).toContain('.deleted/a.json');
  });

  it('documents the log never mentions: expected where the write mode is warn or disabled, plain otherwise', async () => {
    const s = await store({ a: '{}', stray: '{}' }, [ins('a', '{}')]);
    const plain = (await findings(s)).find((x) => x.kind === 'unknown-documents')!;
    expect(plain.description).toMatch(/never mentioned by the log \(informational\)/);
    for (const mode of ['warn', 'disabled'] as const) {
      await setWriteMode(s, mode);
      const f = (await findings(s)).find((x) => x.kind === 'unknown-documents')!;
      expect(f).toMatchObject({ count: 1, document_ids: ['stray'], severity: 'info' });
      expect(f.description).toContain(`expected: this collection's WAL write mode is ${mode}`);
    }
    await setWriteMode(s, 'strict');
    expect((await findings(s)).find((x) => x.kind === 'unknown-documents')!.description).toMatch(/\(informational\)$/);
  });
});
