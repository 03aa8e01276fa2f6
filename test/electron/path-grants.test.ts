import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PathGrants } from '../../electron/path-grants.js';

const temps: string[] = [];
afterEach(() => {
  while (temps.length) fs.rmSync(temps.pop()!, { recursive: true, force: true });
});

function granted(...picked: string[]): PathGrants {
  const g = new PathGrants();
  for (const p of picked) g.grantRead(p);
  return g;
}

describe('PathGrants: only what the user picked is reachable', () => {
  it('nothing is allowed before anything is picked', () => {
    const g = new PathGrants();
    for (const p of ['/', os.tmpdir(), process.cwd(), 'relative']) {
      expect(g.allows(p, 'read'), p).toBe(false);
      expect(g.allows(p, 'write'), p).toBe(false);
    }
  });

  it('a picked folder and everything under it, read and write; nothing beside or above it', () => {
    const g = granted('/srv/a/b');
    for (const p of ['/srv/a/b', '/srv/a/b/', '/srv/a/b/c', '/srv/a/b/c/d.json', '/srv/a/b/./c']) {
      expect(g.allows(p, 'read'), p).toBe(true);
      expect(g.allows(p, 'write'), p).toBe(true);
    }
    // Sibling names that share the prefix as text, the parents, and the root.
    for (const p of ['/srv/a/bc', '/srv/a/b-backup/x', '/srv/a/b.wal', '/srv/a/b\u0000', '/srv/a', '/srv', '/']) {
      expect(g.allows(p, 'read'), p).toBe(false);
      expect(g.allows(p, 'write'), p).toBe(false);
    }
  });

  it('.. is resolved before the check: it cannot climb out, and a path that climbs back in is inside', () => {
    const g = granted('/srv/a/b');
    for (const p of ['/srv/a/b/..', '/srv/a/b/../bc', '/srv/a/b/c/../../../etc/passwd', '/srv/a/b/../../a/bc/x']) {
      expect(g.allows(p, 'read'), p).toBe(false);
      expect(g.allows(p, 'write'), p).toBe(false);
    }
    expect(g.allows('/srv/a/b/c/../d', 'write')).toBe(true);
    expect(g.allows('/srv/x/../a/b/d', 'read')).toBe(true);
    // A picked path with .. in it grants what it names.
    const climbed = granted('/srv/a/b/../c');
    expect(climbed.allows('/srv/a/c/x', 'read')).toBe(true);
    expect(climbed.allows('/srv/a/b/x', 'read')).toBe(false);
  });

  it('relative paths are resolved against the working directory, on both sides', () => {
    const g = granted('picked-here');
    expect(g.allows(path.join(process.cwd(), 'picked-here', 'x'), 'read')).toBe(true);
    expect(g.allows('picked-here/x', 'read')).toBe(true);
    expect(g.allows('picked-here-not/x', 'read')).toBe(false);
  });

  it('a segment inside .wal/ grants its collection (verify and recovery work there), not the collection\'s siblings', () => {
    const g = granted('/s/data/users/.wal/transactions.wal');
    expect(g.allows('/s/data/users/.wal/transactions.1732400000.wal.zst', 'read')).toBe(true);
    expect(g.allows('/s/data/users/a.json', 'write')).toBe(true);
    expect(g.allows('/s/data/users/.deleted/a.json', 'write')).toBe(true);
    expect(g.allows('/s/data/orders/a.json', 'read')).toBe(false);
    expect(g.allows('/s/data', 'read')).toBe(false);
    // The .wal/ folder itself grants its collection too; a lone segment elsewhere grants only itself.
    expect(granted('/s/data/users/.wal').allows('/s/data/users/b.json', 'write')).toBe(true);
    const lone = granted('/tmp/x/transactions.wal');
    expect(lone.allows('/tmp/x/transactions.wal', 'read')).toBe(true);
    expect(lone.allows('/tmp/x/other.wal', 'read')).toBe(false);
  });

  it('a save-dialog path may be written, only that file, and is not thereby readable', () => {
    const g = new PathGrants();
    expect(g.grantWrite('/home/u/export.jsonl')).toBe('/home/u/export.jsonl');
    expect(g.allows('/home/u/export.jsonl', 'write')).toBe(true);
    expect(g.allows('/home/u/x/../export.jsonl', 'write')).toBe(true);
    for (const p of ['/home/u/export.jsonl.tmp', '/home/u/export.jsonl/x', '/home/u', '/home/u/export.json', '/home/u/other.jsonl']) {
      expect(g.allows(p, 'write'), p).toBe(false);
    }
    expect(g.allows('/home/u/export.jsonl', 'read')).toBe(false);
  });

  it('symlinks: the check is by name — a link elsewhere naming a picked folder is not that folder; a link inside one is reached by its name', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'path-grants-'));
    temps.push(root);
    const picked = path.join(root, 'picked');
    const outside = path.join(root, 'outside');
    fs.mkdirSync(picked);
    fs.mkdirSync(outside);
    fs.symlinkSync(picked, path.join(root, 'alias'));
    fs.symlinkSync(outside, path.join(picked, 'wal-elsewhere'));
    const g = granted(picked);
    // Another name for the picked folder is not picked (the page gets back the names it was granted).
    expect(g.allows(path.join(root, 'alias', 'a.json'), 'read')).toBe(false);
    expect(g.allows(path.join(root, 'alias', 'a.json'), 'write')).toBe(false);
    // Nor is what a link inside it points at, by the target's own name.
    expect(g.allows(path.join(outside, 'x'), 'read')).toBe(false);
    // By its name under the picked folder, a link there is part of what the user opened
    // (a collection whose .wal/ lies on another disk opens as it does in Sentinel).
    expect(g.allows(path.join(picked, 'wal-elsewhere', 'x'), 'read')).toBe(true);
    // A link's .. is taken by name too: it never climbs out of the picked folder.
    expect(g.allows(path.join(picked, 'wal-elsewhere', '..', '..', 'outside', 'x'), 'read')).toBe(false);
  });
});
