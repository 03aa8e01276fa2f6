import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { GOLDEN as GOLDEN_ROOT } from '../../support/paths.js';

const GOLDEN = join(GOLDEN_ROOT, 'recovery');
const CASES = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

interface ExpectedIssue {
  transaction_id: string;
  document_id: string;
  description: string;
  is_critical: boolean;
}

describe.each(CASES)('golden case %s: verify', (name) => {
  it('gives the original\'s verdict, counts and issues (read-only, on the files where they lie)', async () => {
    const exp = JSON.parse(readFileSync(join(GOLDEN, name, 'expected.json'), 'utf8')).verify;
    const data = join(GOLDEN, name, 'store', 'data');
    const coll = join(data, readdirSync(data)[0]!);
    const r = await verifyLog(readLog(await locateLog(coll)), await FsCollection.open(coll));
    expect({ passed: r.passed, entries: r.entriesProcessed, affected: r.affectedDocuments })
      .toEqual({ passed: exp.passed, entries: exp.entries_processed, affected: exp.affected_documents });
    const brief = (i: ExpectedIssue) => `${i.transaction_id}|${i.document_id}|${i.description}|${i.is_critical}`;
    const got = r.issues.map((i) => brief({ transaction_id: i.transactionId, document_id: i.documentId, description: i.description, is_critical: i.isCritical }));
    const want = (exp.issues as ExpectedIssue[]).map(brief);
    const isFinal = (s: string) => s.startsWith('final_check|');
    expect(got.filter((s) => !isFinal(s))).toEqual(want.filter((s) => !isFinal(s)));
    expect(got.filter(isFinal).sort()).toEqual(want.filter(isFinal).sort());
  });
});
