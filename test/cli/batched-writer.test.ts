import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BatchedWriter } from '../../cli/cli-io.js';

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, chunks };
}

describe('BatchedWriter', () => {
  it('writes many lines as a few chunks, in order', async () => {
    const { stream, chunks } = sink();
    const out = new BatchedWriter(stream, 1024);
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`);
    for (const line of lines) await out.write(line);
    await out.flush();
    expect(chunks.join('')).toBe(lines.join(''));
    expect(chunks.length).toBeLessThan(15);
  });

  it('writes a lone line when the event loop turns (a slow producer still shows each line)', async () => {
    const { stream, chunks } = sink();
    const out = new BatchedWriter(stream);
    await out.write('first\n');
    expect(chunks).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual(['first\n']);
  });
});
