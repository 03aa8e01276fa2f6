import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processAlive, processStartMark } from '../../../core/fs/process-info.js';

describe.skipIf(process.platform !== 'linux')('processAlive (stale locks and temporaries)', () => {
  it('a zombie is not alive; a pid whose start time differs is a later process', async () => {
    // sh starts `sleep 0` in the background, then becomes `sleep 5`, which never reaps it: a zombie.
    const sh = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => sh.stdout.once('data', (b: Buffer) => resolve(b.toString()))));
      for (let i = 0; i < 200 && processAlive(zombie); i++) await new Promise((r) => setTimeout(r, 10));
      expect(processAlive(zombie)).toBe(false);
      let killable = true;
      try {
        process.kill(zombie, 0);
      } catch {
        killable = false;
      }
      expect(killable).toBe(true); // kill(pid, 0) alone would call it alive
      const mark = processStartMark(sh.pid!);
      expect(mark).toMatch(/^\d+$/);
      expect(processAlive(sh.pid!, mark)).toBe(true);
      expect(processAlive(sh.pid!, String(Number(mark) + 1))).toBe(false);
    } finally {
      sh.kill('SIGKILL');
    }
  });
});
