/**
 * LZ4 block decoding (https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md).
 * Sequences: token (literal length high nibble, match length low nibble), optional length
 * bytes, literals, 2-byte little-endian offset, optional match length bytes. The last
 * sequence of a block has literals only.
 *
 * The result is reported through one reused object so that the hot path allocates nothing.
 */
export interface BlockDecode {
  /** True when the whole block decoded. */
  ok: boolean;
  /** End of the output: the whole block when ok, else the end of the last complete literal run or match. */
  outEnd: number;
  problem: string;
}

const result: BlockDecode = { ok: true, outEnd: 0, problem: '' };

function fail(outEnd: number, problem: string): BlockDecode {
  result.ok = false;
  result.outEnd = outEnd;
  result.problem = problem;
  return result;
}

/**
 * Decodes src[sp, se) into out at op. Output may not pass `ol` (the block's maximum size);
 * matches may reach back to `ws` (the frame start for linked blocks, the block start for
 * independent ones), never further.
 */
export function decodeLz4Block(src: Uint8Array, sp: number, se: number, out: Uint8Array, op: number, ol: number, ws: number): BlockDecode {
  if (sp >= se) return fail(op, 'empty compressed block');
  // End of the output known good: after each complete literal run and each complete match.
  let good = op;
  for (;;) {
    if (sp >= se) return fail(good, 'block ends before a sequence token');
    const token = src[sp++]!;
    let lit = token >>> 4;
    if (lit === 15) {
      let b: number;
      do {
        if (sp >= se) return fail(good, 'block ends inside a literal length');
        b = src[sp++]!;
        lit += b;
      } while (b === 255);
    }
    if (lit > 0) {
      if (sp + lit > se) return fail(good, 'block ends inside literals');
      if (op + lit > ol) return fail(good, 'literals run past the block size');
      if (lit < 32) {
        for (let i = 0; i < lit; i++) out[op + i] = src[sp + i]!;
      } else {
        out.set(src.subarray(sp, sp + lit), op);
      }
      sp += lit;
      op += lit;
      good = op;
    }
    if (sp === se) break;
    if (sp + 2 > se) return fail(good, 'block ends inside a match offset');
    const offset = src[sp]! | (src[sp + 1]! << 8);
    sp += 2;
    if (offset === 0) return fail(good, 'match offset 0');
    let m = op - offset;
    if (m < ws) return fail(good, `match offset ${offset} reaches before the window`);
    let len = token & 15;
    if (len === 15) {
      let b: number;
      do {
        if (sp >= se) return fail(good, 'block ends inside a match length');
        b = src[sp++]!;
        len += b;
      } while (b === 255);
    }
    len += 4;
    if (op + len > ol) return fail(good, 'match runs past the block size');
    if (offset >= len && len >= 32) {
      out.copyWithin(op, m, m + len);
      op += len;
    } else {
      // Overlapping matches repeat the last `offset` bytes: copy byte by byte.
      const end = op + len;
      while (op < end) out[op++] = out[m++]!;
    }
    good = op;
  }
  result.ok = true;
  result.outEnd = op;
  result.problem = '';
  return result;
}
