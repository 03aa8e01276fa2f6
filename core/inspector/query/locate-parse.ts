/**
 * Reads a Go-to query (rows.locate) as one kind of place. Pure: no session, so the rules are
 * easy to test and the same in every front end. Ambiguous text is read in this order: a row
 * number (digits), segment:offset, a bare 0x/@ offset, a time, then an id (transaction first,
 * then document — the resolver tries both); `row:`, `tx:`, `doc:`, `time:` force one reading.
 */

export type LocateTarget =
  | { readonly kind: 'row'; readonly row: number }
  | { readonly kind: 'offset'; readonly segment: string | null; readonly offset: number }
  | { readonly kind: 'time'; readonly ms: number; readonly text: string }
  | { readonly kind: 'id'; readonly id: string; readonly as: 'any' | 'transaction' | 'document' };

export type ParseOutcome = { readonly ok: true; readonly target: LocateTarget } | { readonly ok: false; readonly why: string };

const ROW = /^#?\d{1,3}(?:[,_ ]\d{3})+$|^#?\d+$/;
const OFFSET = /^(?:0x[0-9a-f]+|\d+)$/i;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function parseOffset(text: string): number | null {
  if (!OFFSET.test(text)) return null;
  const value = text.toLowerCase().startsWith('0x') ? Number.parseInt(text.slice(2), 16) : Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function parseRow(text: string): number | null {
  if (!ROW.test(text)) return null;
  const value = Number(text.replace(/^#/, '').replace(/[,_ ]/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** Offset (minutes east of UTC) of `zone` at the instant `utcMs`. */
function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** A time as ms since the epoch: ISO with a zone, or a wall-clock time in `zone`; null when not a time. */
export function parseTime(text: string, zone: string | undefined): { ms: number } | { why: string } | null {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = Number((frac + '000').slice(0, 3));
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], ms);
  const check = new Date(wall);
  if (
    Number.isNaN(wall) || check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59
  ) {
    return { why: `“${text}” is not a valid date and time` };
  }
  if (tz) {
    if (tz.toUpperCase() === 'Z') return { ms: wall };
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    return { ms: wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000 };
  }
  let zoneName = zone;
  try {
    zoneName ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Two passes find the offset in force at that wall-clock time (across a DST change too).
    let utc = wall - zoneOffsetMinutes(zoneName, wall) * 60_000;
    utc = wall - zoneOffsetMinutes(zoneName, utc) * 60_000;
    return { ms: utc };
  } catch {
    return { why: `the time zone “${zoneName ?? ''}” is not known` };
  }
}

/** `query` read as a place; `segments` are the chain's file names (index = position). */
export function parseLocateQuery(query: string, segments: readonly string[], zone?: string): ParseOutcome {
  const text = query.trim();
  if (!text) return { ok: false, why: 'type a row number, segment:offset, a time, or a transaction or document id' };
  const prefix = /^(row|tx|doc|time|offset):\s*(.*)$/i.exec(text);
  if (prefix) {
    const [, which, rest = ''] = prefix;
    const value = rest.trim();
    switch (which!.toLowerCase()) {
      case 'row': {
        const row = parseRow(value);
        return row === null ? { ok: false, why: `“${value}” is not a row number` } : { ok: true, target: { kind: 'row', row } };
      }
      case 'offset':
        return parseLocateQuery(value.includes(':') || value.startsWith('@') || /^0x/i.test(value) ? value : `@${value}`, segments, zone);
      case 'time': {
        const time = parseTime(value, zone);
        if (!time) return { ok: false, why: `“${value}” is not a time (write 2024-05-01T10:00:00Z or 2024-05-01 12:00:00)` };
        return 'why' in time ? { ok: false, why: time.why } : { ok: true, target: { kind: 'time', ms: time.ms, text: value } };
      }
      default:
        if (!value) return { ok: false, why: `write the id after “${which}:”` };
        return { ok: true, target: { kind: 'id', id: value, as: which!.toLowerCase() === 'tx' ? 'transaction' : 'document' } };
    }
  }
  const row = parseRow(text);
  if (row !== null) return { ok: true, target: { kind: 'row', row } };
  const colon = text.lastIndexOf(':');
  if (colon > 0) {
    const seg = text.slice(0, colon).trim();
    const offset = parseOffset(text.slice(colon + 1).trim());
    const known = /^\d+$/.test(seg) ? Number(seg) < segments.length : segments.includes(seg);
    if (offset !== null && known) return { ok: true, target: { kind: 'offset', segment: /^\d+$/.test(seg) ? segments[Number(seg)]! : seg, offset } };
    if (offset !== null && /^\d+$/.test(seg)) {
      return { ok: false, why: `there is no segment ${seg}: the chain has ${segments.length} (0–${segments.length - 1})` };
    }
  }
  if (text.startsWith('@') || /^0x[0-9a-f]+$/i.test(text)) {
    const offset = parseOffset(text.replace(/^@/, '').trim());
    return offset === null ? { ok: false, why: `“${text}” is not a byte offset` } : { ok: true, target: { kind: 'offset', segment: null, offset } };
  }
  const time = parseTime(text, zone);
  if (time) return 'why' in time ? { ok: false, why: time.why } : { ok: true, target: { kind: 'time', ms: time.ms, text } };
  if (text.includes('…')) return { ok: false, why: 'that id is shortened (…): copy the whole id from the detail pane' };
  return { ok: true, target: { kind: 'id', id: text, as: 'any' } };
}
