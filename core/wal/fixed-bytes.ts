/**
 * FixedBytes32 / FixedBytes256 exactly as sentinel-wal builds them from strings:
 * zero-pad to the next multiple of 16, then fit to 32 (FixedBytes32) or cut at 256.
 * Cutting may split a multi-byte UTF-8 character; that is the original's behaviour.
 */
const encoder = new TextEncoder();

function padTo16(bytes: Uint8Array): Uint8Array {
  const padded = Math.ceil(bytes.length / 16) * 16;
  if (padded === bytes.length) return bytes;
  const out = new Uint8Array(padded);
  out.set(bytes);
  return out;
}

/**
 * The first `cap` bytes of an ASCII string's UTF-8, zero-padded to a multiple of 16, written
 * directly (ids nearly always are ASCII; a TextEncoder call per id cost more than its bytes).
 * Null when the text is not ASCII.
 */
function paddedAscii(text: string, cap: number): Uint8Array | null {
  const n = text.length;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) >= 0x80) return null;
  const out = new Uint8Array(Math.min(cap, Math.ceil(n / 16) * 16));
  for (let i = 0; i < out.length && i < n; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function fixedBytes32(text: string | Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  const bytes = typeof text === 'string' ? paddedAscii(text, 32) ?? padTo16(encoder.encode(text)) : text;
  out.set(bytes.subarray(0, 32));
  return out;
}

export function fixedBytes256(text: string | Uint8Array): Uint8Array {
  const ascii = typeof text === 'string' ? paddedAscii(text, 256) : null;
  if (ascii) return ascii;
  const bytes = padTo16(typeof text === 'string' ? encoder.encode(text) : text);
  return bytes.length > 256 ? bytes.slice(0, 256) : bytes === text ? bytes.slice() : bytes;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface IdText {
  readonly text: string;
  /** false when the stored bytes are not valid UTF-8 (text is then the lossy decode). */
  readonly utf8Valid: boolean;
}

/** Reads an id back as the original does: UTF-8, then trailing NULs dropped. */
export function idText(bytes: Uint8Array): IdText {
  let text: string;
  let utf8Valid = true;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    utf8Valid = false;
    text = lossyDecoder.decode(bytes);
  }
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return { text: end === text.length ? text : text.slice(0, end), utf8Valid };
}
