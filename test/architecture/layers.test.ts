import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/**
 * The module specifiers a source text reaches: `import … from`, `import type … from`, side-effect
 * `import '…'`, `export … from` and `import('…')` with a literal (what the lint rule counts too).
 */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const edge = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(edge)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

/** Every import specifier of every source file under `dir`, with the file it is in. */
function imports(dir: string): { file: string; spec: string; target: string }[] {
  const out: { file: string; spec: string; target: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name)) {
        for (const spec of specifiers(fs.readFileSync(p, 'utf8'))) {
          const target = spec.startsWith('.') ? path.relative(REPO_ROOT, path.resolve(path.dirname(p), spec)) : spec;
          out.push({ file: path.relative(REPO_ROOT, p), spec, target });
        }
      }
    }
  };
  walk(path.join(REPO_ROOT, dir));
  return out;
}

describe('layers (STYLE.md, rules of the house 1 and 2; eslint.config.js checks the same)', () => {
  it('sees every kind of module edge', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import './side-effect.js';",
      'import "node:fs";',
      "export { c } from './c.js';",
      "export * from './d.js';",
      'import {',
      '  e,',
      "} from './e.js';",
      "const f = await import('./f.js');",
      "const note = 'import from nowhere';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.js', '../b.js', './side-effect.js', 'node:fs', './c.js', './d.js', './e.js', './f.js']);
  });

  it('core imports neither Electron, React, nor a layer above it', () => {
    const bad = imports('core').filter(({ spec, target }) =>
      /^(electron|react|react-dom|zustand|@tanstack\/)/.test(spec) || /^(cli|electron|renderer|scripts|test)\//.test(target));
    expect(bad).toEqual([]);
  });

  it('core/fs imports only Node and core/errors (it sits below every area)', () => {
    const all = imports('core/fs');
    expect(all.some(({ target }) => target.startsWith('core/errors/'))).toBe(true); // the scan sees imports
    const bad = all.filter(({ spec, target }) => !spec.startsWith('node:') && !/^core\/(fs|errors)\//.test(target));
    expect(bad).toEqual([]);
  });

  it('the renderer imports core only through core/contract/, and no node: module', () => {
    const all = imports('renderer/src');
    expect(all.some(({ target }) => target.startsWith('core/contract/'))).toBe(true); // the scan sees imports
    const bad = all.filter(({ spec, target }) => (target.startsWith('core/') && !target.startsWith('core/contract/')) || spec.startsWith('node:'));
    expect(bad).toEqual([]);
  });

  it('the contract imports only its own files: nothing from Node, no package', () => {
    const all = imports('core/contract');
    expect(all.length).toBeGreaterThan(0);
    const bad = all.filter(({ spec, target }) => !spec.startsWith('.') || !target.startsWith('core/contract/'));
    expect(bad).toEqual([]);
  });

  it('electron/ wires the service: no WAL, store or recovery code of its own', () => {
    const all = imports('electron');
    expect(all.some(({ target }) => target.startsWith('core/inspector/'))).toBe(true);
    const bad = all.filter(({ target }) => /^core\/(wal|store|recovery|verify|checkpoint|json)\//.test(target));
    expect(bad).toEqual([]);
  });

  it('cli/ is a shell: of core it imports only the contract, the service, its error translation and the use cases', () => {
    const all = imports('cli');
    expect(all.some(({ target }) => target.startsWith('core/inspector/use-cases/'))).toBe(true);
    const allowed = /^core\/(contract\/|inspector\/(service\.js|inspector-error\.js|use-cases\/))/;
    const bad = all.filter(({ target }) => target.startsWith('core/') && !allowed.test(target));
    expect(bad).toEqual([]);
  });
});
