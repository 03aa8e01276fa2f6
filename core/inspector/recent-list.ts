import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RecentItem } from '../contract/contract-app.js';

const MAX = 20;

/** Recently opened paths, newest first, kept in a JSON file when one is given (else in memory). */
export class RecentList {
  private items: RecentItem[] = [];

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (Array.isArray(parsed)) {
        this.items = parsed.filter((x): x is RecentItem =>
          !!x && typeof x.path === 'string' && typeof x.opened_at === 'number' && (x.collection === null || typeof x.collection === 'string'));
      }
    } catch {
      // no list yet, or unreadable: start empty
    }
  }

  list(): readonly RecentItem[] {
    return this.items;
  }

  add(p: string, collection: string | null): void {
    const abs = path.resolve(p);
    this.items = [{ path: abs, collection, opened_at: Date.now() }, ...this.items.filter((i) => !(i.path === abs && i.collection === collection))].slice(0, MAX);
    this.save();
  }

  clear(): void {
    this.items = [];
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.items, null, 2));
      fs.renameSync(tmp, this.file);
    } catch {
      // the recent list is a convenience: never fail an open because of it
    }
  }
}
