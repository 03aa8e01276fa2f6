import { BatchedWriter } from './cli-io.js';

/** Containers nested deeper than this are written as one piece (a plan row, a finding). */
const STREAMED_DEPTH = 4;

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * The text of `JSON.stringify(value, null, 2)`, byte for byte, as a sequence of pieces: the
 * outer arrays and objects (down to STREAMED_DEPTH) are walked, each member below that is
 * stringified on its own. A plan of many rows is never one string in memory.
 */
export function* jsonPieces(value: unknown, indent = '', depth = 0): Generator<string> {
  if (depth >= STREAMED_DEPTH || !isContainer(value)) {
    const text = JSON.stringify(value, null, 2);
    // A member JSON.stringify would leave out (undefined, a function) comes back undefined: the caller skips it.
    // Strings are escaped, so every newline in `text` is structure and takes the indent.
    yield text === undefined ? 'null' : indent ? text.replace(/\n/g, '\n' + indent) : text;
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield (i ? ',\n' : '\n') + inner;
      yield* jsonPieces(value[i], inner, depth + 1);
    }
    yield '\n' + indent + ']';
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield (first ? '{\n' : ',\n') + inner + JSON.stringify(key) + ': ';
    first = false;
    yield* jsonPieces(member, inner, depth + 1);
  }
  yield first ? '{}' : '\n' + indent + '}';
}

/** `--json` output of a value that can be large: JSON.stringify(value, null, 2) and a newline, written in chunks with back-pressure. */
export async function writeJson(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  const out = new BatchedWriter(stream);
  for (const piece of jsonPieces(value)) await out.write(piece);
  await out.write('\n');
  await out.flush();
}
