import { readFileSync } from 'node:fs';

/**
 * Linux: the process's state and start time (clock ticks since boot) from /proc/<pid>/stat;
 * null elsewhere or when there is no such process. The name field may hold spaces and
 * parentheses, so the fields are counted from its last `)`.
 */
function procStat(pid: number): { state: string; startTicks: string } | null {
  if (process.platform !== 'linux') return null;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field 22 (starttime) is rest[19].
  return rest.length > 19 ? { state: rest[0]!, startTicks: rest[19]! } : null;
}

/** When this process started, in a form that tells it from a later process given the same pid (Linux; null elsewhere). */
export function processStartMark(pid: number): string | null {
  return procStat(pid)?.startTicks ?? null;
}

/**
 * Whether `pid` runs. A zombie (killed, not yet reaped — containers whose init never reaps
 * leave them) does not; on Linux, when `startMark` is given, a process that started at
 * another time is a later one that reused the pid, and does not count either.
 */
export function processAlive(pid: number, startMark?: string | null): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const st = procStat(pid);
  if (st === null) return true; // no /proc to ask: kill said it exists
  if (st.state === 'Z' || st.state === 'X') return false;
  return !(startMark && st.startTicks !== startMark);
}
