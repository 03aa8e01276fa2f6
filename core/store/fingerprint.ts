import { createHash } from 'node:crypto';

/** SHA-256 hex of a file's exact bytes: equal fingerprints, equal files. */
export function fingerprintBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
