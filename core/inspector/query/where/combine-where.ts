import { compileWhere } from './compile-where.js';
import { QueryError } from './query-error.js';
import { sentinelFilterToCel } from './sentinel-filter.js';

/**
 * Several `--where` (CEL) and `--filter` (Sentinel syntax) as one CEL expression, all ANDed.
 * Each is checked alone first, so an error names its own option and column; undefined when
 * there is none.
 */
export function combineWhere(wheres: readonly string[], filters: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const w of wheres) {
    compileWhere(w, '--where');
    parts.push(w);
  }
  for (const f of filters) {
    const cel = sentinelFilterToCel(f, '--filter');
    try {
      compileWhere(cel, '--filter');
    } catch (err) {
      // A translation that does not compile is ours to fix, but say where the filter was.
      if (err instanceof QueryError) throw new QueryError(`cannot be run (${err.message})`, { field: '--filter', column: 1 });
      throw err;
    }
    parts.push(cel);
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' && ');
}
