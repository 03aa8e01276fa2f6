import type { VerifyFinding, VerifyReport } from '../../contract/contract-jobs.js';
import type { CollectionWalSettings } from '../../store/collection-metadata.js';
import type { DocumentChecks } from '../../store/document-checks.js';

/**
 * Our findings about the documents themselves and the collection's WAL settings, beside those
 * verifyLog makes from the log. Kept apart from core/verify (which reads the log; these read the
 * collection's files) and applied to the finished report by the verify use case.
 */
export interface StoreFindingInput {
  /** The collection's WAL settings (`.metadata.json`, else Sentinel's defaults). */
  readonly wal: CollectionWalSettings;
  readonly checks: DocumentChecks;
  /** Documents whose last operation in the log is a Delete. */
  readonly deletedByLog: ReadonlySet<string>;
  /** Live documents (`<id>.json`) of the collection. */
  readonly live: (id: string) => boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Where the collection writes the WAL only on a best-effort basis (`warn`) or not at all
 * (`disabled`), documents the log never mentions are what that mode leaves: say so, instead of
 * the plain "never mentioned by the log".
 */
export function classifyUnloggedDocuments(f: VerifyFinding, wal: CollectionWalSettings): VerifyFinding {
  if (f.kind !== 'unknown-documents' || wal.writeMode === 'strict') return f;
  const why = wal.writeMode === 'disabled'
    ? 'expected: this collection\'s WAL write mode is disabled (.metadata.json), so its writes are not logged'
    : 'expected: this collection\'s WAL write mode is warn (.metadata.json), so a write whose log append failed was kept unlogged';
  const n = f.count ?? 0;
  return { ...f, description: `${plural(n, 'document')} on disk ${n === 1 ? 'is' : 'are'} never mentioned by the log — ${why}` };
}

/** Hash mismatches, what was (not) done about signatures, and deleted documents whose copy `.deleted/` keeps. */
export function documentFindings(input: StoreFindingInput): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  const { checks } = input;
  for (const m of checks.hashMismatches) {
    out.push({
      kind: 'document-changed', severity: 'warning', document_id: m.documentId,
      description: `Document ${m.documentId} changed outside Sentinel: its file's hash ${m.stored === '' ? '(none)' : m.stored.slice(0, 16) + '…'} is not the BLAKE3 of its data (${m.computed.slice(0, 16)}…)`,
    });
  }
  if (checks.hashMismatchCount > checks.hashMismatches.length) {
    out.push({
      kind: 'document-changed', severity: 'warning', count: checks.hashMismatchCount,
      description: `${plural(checks.hashMismatchCount, 'document')} in all changed outside Sentinel (the first ${checks.hashMismatches.length} are listed)`,
    });
  }
  const s = checks.signatures;
  if (s.kind !== 'none-signed') {
    const why = s.kind === 'key-encrypted'
      ? `the store keeps its signing key encrypted with its passphrase (${s.keyFile}) and no verifying key`
      : `the store holds no signing key (${s.keyFile ?? '.keys/signing_key.json'} is missing)`;
    out.push({ kind: 'signatures-not-checked', severity: 'info', count: s.signed, description: `Signatures of ${plural(s.signed, 'signed document')} not checked: ${why}; hashes were checked` });
  }
  const kept = [...input.deletedByLog].filter((id) => checks.deletedCopies.has(id) && !input.live(id)).sort();
  for (const id of kept) {
    out.push({
      kind: 'deleted-copy-kept', severity: 'info', document_id: id,
      description: `Document ${id} is deleted by the log; its last copy is in .deleted/${id}.json, so it can be brought back`,
    });
  }
  return out;
}

/**
 * The report with the store's findings: unknown documents reworded for the write mode, the
 * document findings after the log's (the first `listed` of each kind; all are counted).
 */
export function withStoreFindings(r: VerifyReport, input: StoreFindingInput, listed: number | 'all'): VerifyReport {
  const max = listed === 'all' ? Infinity : listed;
  const extra = documentFindings(input);
  const perKind = new Map<string, number>();
  const shown = extra.filter((f) => {
    const n = perKind.get(f.kind) ?? 0;
    perKind.set(f.kind, n + 1);
    return n < max;
  });
  return {
    ...r,
    findings: r.findings.map((f) => classifyUnloggedDocuments(f, input.wal)).concat(shown),
    finding_counts: { ...r.finding_counts, other: r.finding_counts.other + extra.length },
  };
}
