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
 * Writes the first out.length characters of `text` into `out` as bytes when they are ASCII (then
 * they are exactly its first UTF-8 bytes, whatever follows); false when one is not. Ids nearly
 * always are ASCII: a TextEncoder call and a padding copy per id cost more than the bytes.
 */
function asciiPrefixInto(text: string, out: Uint8Array): boolean {
  const n = Math.min(text.length, out.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return false;
    out[i] = c;
  }
  return true;
}

export function fixedBytes32(text: string | Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  if (typeof text === 'string' && asciiPrefixInto(text, out)) return out;
  out.fill(0);
  out.set((typeof text === 'string' ? encoder.encode(text) : text).subarray(0, 32));
  return out;
}

export function fixedBytes256(text: string | Uint8Array): Uint8Array {
  if (typeof text === 'string') {
    const out = new Uint8Array(Math.min(256, Math.ceil(text.length / 16) * 16));
    if (asciiPrefixInto(text, out)) return out;
  }
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
