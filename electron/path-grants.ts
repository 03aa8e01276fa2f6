import * as path from 'node:path';

/**
 * The paths the user picked (open dialog, drop, command line, recent list, save dialog):
 * the only ones the renderer may have the service read or write. A picked segment inside a
 * `.wal/` directory grants its collection directory too (verify and recovery work there).
 */
export class PathGrants {
  private readonly read = new Set<string>();
  private readonly write = new Set<string>();

  /** The user picked this path to open. */
  grantRead(p: string): string {
    const abs = path.resolve(p);
    this.read.add(abs);
    const parent = path.dirname(abs);
    if (path.basename(parent) === '.wal') this.read.add(path.dirname(parent));
    if (path.basename(abs) === '.wal') this.read.add(parent);
    return abs;
  }

  /** The user picked this path in a save dialog. */
  grantWrite(p: string): string {
    const abs = path.resolve(p);
    this.write.add(abs);
    return abs;
  }

  allows(p: string, purpose: 'read' | 'write'): boolean {
    const abs = path.resolve(p);
    if (purpose === 'write' && this.write.has(abs)) return true;
    // Reading anywhere under an opened folder; writing (recovery, checkpoint) inside an opened folder too.
    for (const root of this.read) {
      if (abs === root || abs.startsWith(root + path.sep)) return true;
    }
    return false;
  }
}
