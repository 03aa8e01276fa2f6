import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { basename } from 'node:path';

/** A process that holds one of the files open for writing. */
export interface OpenWriter {
  readonly pid: number;
  /** Its command name (/proc/<pid>/comm), '' when unreadable. */
  readonly command: string;
  readonly file: string;
}

export interface WriterCheck {
  /**
   * 'proc': every process's descriptors under /proc were looked at (Linux). 'unavailable':
   * no /proc (macOS, Windows): nothing was checked here; the writer lock and the size/mtime
   * checks are what is left.
   */
  readonly method: 'proc' | 'unavailable';
  readonly writers: readonly OpenWriter[];
  /** Processes whose descriptors could not be read (another user's, without privilege). */
  readonly unreadable: number;
}

/** Checks which processes hold files open for writing; replaceable in tests (a system without /proc). */
export type WriterCheckFn = (files: readonly string[]) => Promise<WriterCheck>;

const O_ACCMODE = 0o3;

async function fileKeys(files: readonly string[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const file of files) {
    try {
      const st = await stat(file, { bigint: true });
      keys.set(`${st.dev}:${st.ino}`, file);
    } catch {
      // gone already: nobody can be writing it
    }
  }
  return keys;
}

/** The descriptors of `pid` open on one of `keys` for writing; null when they cannot be read. */
async function writersIn(pid: number, keys: Map<string, string>, names: ReadonlySet<string>): Promise<OpenWriter[] | null> {
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? null : [];
  }
  const out: OpenWriter[] = [];
  for (const fd of fds) {
    let file: string | undefined;
    try {
      // The link's text first (cheap): only a file with one of the names can be one of ours;
      // device and inode then decide (paths differ through links, bind mounts, namespaces).
      const target = await readlink(`/proc/${pid}/fd/${fd}`);
      if (!names.has(basename(target.replace(/ \(deleted\)$/, '')))) continue;
      const st = await stat(`/proc/${pid}/fd/${fd}`, { bigint: true });
      file = keys.get(`${st.dev}:${st.ino}`);
    } catch {
      continue;
    }
    if (file === undefined) continue;
    // Readers (a `dump --follow`, the inspector) may hold it: only write access counts.
    const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8').catch(() => '');
    const flags = /^flags:\s*([0-7]+)/m.exec(info)?.[1];
    if (flags !== undefined && (parseInt(flags, 8) & O_ACCMODE) === 0) continue;
    const command = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    out.push({ pid, command, file });
  }
  return out;
}

/**
 * Which other processes hold `files` open for writing. Linux: every process's descriptors in
 * /proc/<pid>/fd, matched by device and inode (so a renamed file is still recognised), write
 * access read from fdinfo. Elsewhere there is no such listing: reports 'unavailable'.
 */
export async function findOpenWriters(files: readonly string[]): Promise<WriterCheck> {
  let pids: number[];
  try {
    pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== process.pid);
  } catch {
    return { method: 'unavailable', writers: [], unreadable: 0 };
  }
  const keys = await fileKeys(files);
  if (keys.size === 0) return { method: 'proc', writers: [], unreadable: 0 };
  const names = new Set([...keys.values()].map((f) => basename(f)));
  const writers: OpenWriter[] = [];
  let unreadable = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pids.length) {
      const found = await writersIn(pids[next++]!, keys, names);
      if (found === null) unreadable++;
      else writers.push(...found);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  writers.sort((a, b) => a.pid - b.pid);
  return { method: 'proc', writers, unreadable };
}

export function describeWriters(writers: readonly OpenWriter[]): string {
  return writers.map((w) => `process ${w.pid}${w.command ? ` (${w.command})` : ''} has ${w.file} open for writing`).join('; ');
}
