/**
 * Compares strings by their UTF-8 bytes (= by code points), the order of a Rust
 * `BTreeMap<String, _>`. JavaScript's `<` compares UTF-16 units, which differs when a
 * surrogate (an astral character) meets a unit in U+E000..U+FFFF: `"ｚ"` (U+FF5A) < `"😀"`
 * (U+1F600) in UTF-8, but not in UTF-16.
 */
export function compareUtf8(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (D800..DFFF) stand for code points above FFFF: move them past E000..FFFF.
      x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
      y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** The keys of a map in UTF-8 byte order. */
export function sortedKeys(entries: ReadonlyMap<string, unknown>): string[] {
  const keys = Array.from(entries.keys());
  if (keys.length > 1) keys.sort(compareUtf8);
  return keys;
}

