import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';
import { seededRandom } from '../support/random-entries.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-cli-fuzz-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Seeded damage of real files: whatever the bytes, a command ends with 0, 1 or 2 and a message, never a crash. */
function mutatedInputs(): string[] {
  const rand = seededRandom(42);
  const sources = ['basic.wal', 'basic.jsonl', 'edge-ids.wal', 'edge-values.wal', 'damaged-lines.jsonl'].map((f) => fs.readFileSync(path.join(GOLDEN, f)));
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const src = Buffer.from(sources[i % sources.length]!);
    const kind = i % 4;
    let bytes: Buffer;
    if (kind === 0) bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 3000) }, () => Math.floor(rand() * 256)));
    else if (kind === 1) bytes = src.subarray(0, Math.floor(rand() * src.length));
    else {
      bytes = Buffer.from(src);
      for (let k = 0; k < 1 + Math.floor(rand() * 20); k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      if (kind === 3) bytes = Buffer.concat([Buffer.from('{'), bytes]); // looks like JSON Lines
    }
    const p = path.join(tmp, `input-${i}.wal`);
    fs.writeFileSync(p, bytes);
    out.push(p);
  }
  return out;
}

describe('the CLI on damaged and random input', () => {
  const inputs = mutatedInputs();
  it.each(['dump', 'stats', 'verify'])('%s never crashes', async (command) => {
    for (const input of inputs) {
      const args = command === 'dump' ? ['dump', input, '--format', 'jsonl'] : command === 'stats' ? ['stats', input, '--json'] : ['verify', input, '--json'];
      const r = await runCliCaptured(args);
      expect([0, 1], `${command} ${path.basename(input)}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error/);
      if (command !== 'dump') expect(() => JSON.parse(r.stdout)).not.toThrow();
      else for (const line of r.stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it('convert writes what it can read, or refuses with a message', async () => {
    for (const [i, input] of inputs.entries()) {
      const out = path.join(tmp, `converted-${i}.jsonl`);
      const r = await runCliCaptured(['convert', input, out, '--to', 'jsonl']);
      expect([0, 1], r.stderr).toContain(r.code);
      expect(fs.existsSync(out)).toBe(true);
    }
  });
});

describe('version', () => {
  it('--version prints the package version', async () => {
    const r = await runCliCaptured(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wal-inspector \d+\.\d+\.\d+\n$/);
  });
});

describe('inputs that are not regular files', () => {
  const fifo = path.join(tmp, 'log.fifo');
  execFileSync('mkfifo', [fifo]);

  it.each([
    ['dump', fifo, '--format', 'jsonl'],
    ['stats', fifo, '--json'],
    ['verify', fifo, '--json'],
    ['convert', fifo, path.join(tmp, 'from-fifo.jsonl'), '--to', 'jsonl'],
  ])('%s of a FIFO is refused at once, naming it (it hung forever)', { timeout: 10_000 }, async (...args) => {
    const r = await runCliCaptured(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fifo);
    expect(r.stderr).toMatch(/FIFO, not a regular file/);
  });

  it('a FIFO, a directory and /dev/zero linked as .gz and .zst inside .wal/ are reported, and the rest is read', { timeout: 20_000 }, async () => {
    const wal = path.join(tmp, 'odd', '.wal');
    fs.mkdirSync(wal, { recursive: true });
    fs.copyFileSync(path.join(GOLDEN, 'basic.wal'), path.join(wal, 'transactions.wal'));
    execFileSync('mkfifo', [path.join(wal, 'transactions.1732700001.wal')]);
    fs.mkdirSync(path.join(wal, 'transactions.1732700002.wal'));
    fs.symlinkSync('/dev/zero', path.join(wal, 'transactions.1732700003.wal.gz'));
    fs.symlinkSync('/dev/zero', path.join(wal, 'transactions.1732700004.wal.zst'));
    const r = await runCliCaptured(['stats', path.dirname(wal), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/transactions\.1732700001\.wal: a FIFO, not a regular file; not read/);
    expect(r.stderr).toMatch(/transactions\.1732700002\.wal: a directory, not a regular file; not read/);
    expect(r.stderr).toMatch(/transactions\.1732700003\.wal\.gz: a character device, not a regular file; not read/);
    expect(r.stderr).toMatch(/transactions\.1732700004\.wal\.zst: a character device, not a regular file; not read/);
  });

  it('/dev/zero opened as a compressed segment directly is refused, not read without end', { timeout: 10_000 }, async () => {
    const { openSegment } = await import('../../core/wal/read-log.js');
    for (const compression of ['gzip', 'zstd'] as const) {
      await expect(openSegment({ name: 'transactions.1.wal.gz', path: '/dev/zero', compression })).rejects.toMatchObject({
        code: 'NOT_A_WAL', message: expect.stringContaining('/dev/zero is a character device'),
      });
    }
  });
});

describe('a million invalid JSON Lines (3 MB)', () => {
  const file = path.join(tmp, 'million-bad.jsonl');
  fs.writeFileSync(file, '{\n' + 'ab\n'.repeat(999_999));
  const child = path.join(REPO_ROOT, 'test/cli/peak-rss-child.ts');
  const run = (args: string[]) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', child, ...args], { cwd: REPO_ROOT, maxBuffer: 1 << 30 });
    return JSON.parse(out.toString('utf8')) as { code: number; stdout: string; peakRssMiB: number };
  };

  it('verify --json lists the first 10,000 and counts them all, in bounded memory (was 1.1 GiB)', { timeout: 120_000 }, () => {
    const r = run(['verify', file, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { passed: boolean; issues: unknown[]; issue_counts: { critical: number; warning: number } };
    expect(report.passed).toBe(false);
    expect(report.issue_counts.critical).toBe(1_000_000);
    expect(report.issues).toHaveLength(10_000);
    expect(r.peakRssMiB).toBeLessThan(400);
  });

  it('convert keeps the first damaged ranges and counts the rest, in bounded memory (was 1.1 GiB)', { timeout: 120_000 }, async () => {
    const { convertLog, CONVERT_DAMAGE_LISTED } = await import('../../core/wal/convert-log.js');
    const { locateLog } = await import('../../core/wal/log-location.js');
    const r = await convertLog(await locateLog(file), path.join(tmp, 'million-bad.wal'), 'binary');
    expect(r.damageCount).toBe(1_000_000);
    expect(r.damage).toHaveLength(CONVERT_DAMAGE_LISTED);
    const cli = run(['convert', file, path.join(tmp, 'million-bad-cli.wal'), '--to', 'binary']);
    expect(cli.code).toBe(1);
    expect(cli.peakRssMiB).toBeLessThan(400);
  });
});
