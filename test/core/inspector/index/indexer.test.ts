import { describe, expect, it } from 'vitest';
import { Indexer } from '../../../../core/inspector/index/indexer.js';

describe('Indexer', () => {
  it('a crash of its thread is reported by message: no stack (our paths, our code) reaches a client', async () => {
    const noop = () => undefined;
    // A seed whose chunks are not a list: the worker throws before its first message.
    const ix = new Indexer({ segments: [], walDir: null, seed: { chunks: 5 } as never }, 0,
      { progress: noop, done: noop, followRows: noop, segment: noop, rotated: noop });
    await ix.whenDone();
    await ix.close();
    expect(ix.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^indexing failed: .*iterable/) });
    expect(ix.error!.context).toEqual({ cause: ix.error!.message.replace(/^indexing failed: /, '') });
  });
});
