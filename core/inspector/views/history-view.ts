import type { DocumentHistoryView } from '../../contract/contract-history.js';
import type { DocumentHistory } from '../../history/document-history.js';
import { toCompactText, toPrettyText } from '../../json/index.js';

/** The contract's history: states as compact JSON text (a JavaScript number would round some). */
export function historyView(h: DocumentHistory): DocumentHistoryView {
  return {
    document_id: h.documentId,
    collection: h.collection,
    complete: h.complete,
    versions: h.versions.map((v) => ({
      segment: v.segment, offset: v.offset, timestamp: v.timestamp.toString(), entry_type: v.entryType,
      transaction_id: v.transactionId, transaction_status: v.transactionStatus,
      state: v.state === null ? null : toCompactText(v.state),
      ...(v.unreadable !== undefined ? { unreadable: v.unreadable } : {}),
    })),
  };
}

/**
 * `history --json`: the view with each state embedded as JSON, numbers exactly as stored
 * (`{"document_id", "collection", "complete", "versions": [{…, "state": <JSON or null>}]}`).
 * Timestamps are JSON numbers here as the issue's format has them, exact past 2^53 too.
 */
export function historyJsonText(h: DocumentHistory): string {
  const q = JSON.stringify;
  const versions = h.versions.map((v) => {
    const state = v.state === null ? 'null' : toPrettyText(v.state).replace(/\n/g, '\n      ');
    return `    {\n      "segment": ${q(v.segment)},\n      "offset": ${v.offset},\n      "timestamp": ${v.timestamp.toString()},\n` +
      `      "entry_type": ${q(v.entryType)},\n      "transaction_id": ${q(v.transactionId)},\n      "transaction_status": ${q(v.transactionStatus)},\n` +
      (v.unreadable !== undefined ? `      "unreadable": ${q(v.unreadable)},\n` : '') +
      `      "state": ${state}\n    }`;
  });
  return `{\n  "document_id": ${q(h.documentId)},\n  "collection": ${q(h.collection)},\n  "complete": ${h.complete},\n  "versions": [${versions.length ? `\n${versions.join(',\n')}\n  ` : ''}]\n}\n`;
}
