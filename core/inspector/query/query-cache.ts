/**
 * Per-session caches of derived data (filter matches, sort orders, groupings). Every value
 * is tied to the row store's version: when rows are added or withdrawn it is rebuilt.
 */
export class QueryCache {
  private version = -1;
  private readonly values = new Map<string, unknown>();
  private static readonly MAX = 32;

  get<T>(version: number, key: string, make: () => T): T {
    if (version !== this.version) {
      this.values.clear();
      this.version = version;
    }
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = make();
    if (this.values.size >= QueryCache.MAX) {
      const first = this.values.keys().next().value;
      if (first !== undefined) this.values.delete(first);
    }
    this.values.set(key, value);
    return value;
  }

  /** The value under `key` for this version, if any. */
  peek<T>(version: number, key: string): T | undefined {
    return version === this.version ? (this.values.get(key) as T | undefined) : undefined;
  }

  /** Stores a value computed for this version (an older version's values are dropped first). */
  set<T>(version: number, key: string, value: T): void {
    this.values.delete(key);
    this.get(version, key, () => value);
  }

  /** Values that survive new rows (text search results extend themselves). */
  readonly lasting = new Map<string, unknown>();
}
