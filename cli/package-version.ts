import { readFile } from 'node:fs/promises';

/** The version in package.json (found from the sources and from dist/ alike). */
export async function packageVersion(): Promise<string> {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'wal-inspector' && pkg.version) return pkg.version;
    } catch {
      // not here: try the next place
    }
  }
  return 'unknown';
}
