import type { DamageKindName } from '../contract.js';
import { formatOffset } from './format.js';

export const DAMAGE_LABELS: Readonly<Record<DamageKindName, string>> = {
  'crc-mismatch': 'CRC mismatch',
  'truncated-tail': 'Truncated tail',
  undecodable: 'Undecodable bytes',
  'invalid-json-line': 'Invalid JSON line',
  'corrupt-compression': 'Corrupt compressed segment',
};

export function damageLabel(kind: DamageKindName | null): string {
  return kind ? DAMAGE_LABELS[kind] ?? kind : 'Damage';
}

export interface DamagePlace {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
}

/** "segment transactions.wal, offset 0x0003f0 (1008), 612 bytes skipped" */
export function describeDamagePlace(place: DamagePlace): string {
  return `${place.segment}, offset ${formatOffset(place.offset)} (${place.offset}), ${place.length} byte${place.length === 1 ? '' : 's'} skipped`;
}
