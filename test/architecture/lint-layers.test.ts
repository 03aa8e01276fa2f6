import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

// The lint config's layering rule, fed sources that are never written: ESLint lints the text as
// if it lay at `file`, and resolves its imports against the real tree. Every forbidden edge is
// written in each way a module can be reached, and the allowed edges beside them must stay quiet.

const RULE = 'boundaries/dependencies';

/** The forbidden specifier reached as import, type import, side effect, re-export and import(). */
function everyKind(spec: string): string[] {
  return [
    `import { a } from '${spec}';`,
    `import type { B } from '${spec}';`,
    `import '${spec}';`,
    `export { c } from '${spec}';`,
    `export * from '${spec}';`,
    `export const d = import('${spec}');`,
  ];
}

let eslint: ESLint;

/** Lines (1-based) the layering rule reports, with their severity, for `lines` placed at `file`. */
async function layeringReports(file: string, lines: string[]): Promise<{ line: number; severity: number }[]> {
  const [result] = await eslint.lintText(lines.join('\n') + '\n', { filePath: path.join(REPO_ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map(({ line, severity }) => ({ line, severity }));
}

/** A relative specifier names a file that exists, so no edge here passes for being unresolvable. */
function expectExists(file: string, spec: string): void {
  if (!spec.startsWith('.')) return;
  const target = path.resolve(REPO_ROOT, path.dirname(file), spec).replace(/\.js$/, '');
  expect(['.ts', '.tsx'].some((ext) => fs.existsSync(target + ext)), `${spec} from ${file} exists`).toBe(true);
}

async function expectForbidden(file: string, spec: string, severity = 2): Promise<void> {
  expectExists(file, spec);
  const lines = everyKind(spec);
  expect(await layeringReports(file, lines), `${file} -> ${spec}`).toEqual(lines.map((_, i) => ({ line: i + 1, severity })));
}

async function expectAllowed(file: string, specs: string[]): Promise<void> {
  for (const spec of specs) expectExists(file, spec);
  expect(await layeringReports(file, specs.flatMap(everyKind)), `${file} -> ${specs.join(', ')}`).toEqual([]);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: REPO_ROOT });
});

describe('lint: the layering rule (eslint.config.js)', () => {
  it('core imports no shell, UI, script, test or tooling code, and no UI or Electron package', async () => {
    const file = 'core/wal/__probe.ts';
    for (const spec of ['../../cli/cli-io.js', '../../electron/channels.js', '../../renderer/src/store/app-store.js',
      '../../scripts/start.js', '../../test/support/paths.js', '../../vitest.config.js',
      'electron', 'react', 'react-dom', 'zustand', '@tanstack/react-table']) {
      await expectForbidden(file, spec);
    }
    await expectAllowed(file, ['./records.js', '../store/fs-collection.js', '../contract/contract.js', 'node:fs', 'zod']);
  });

  it('core/contract/ imports only its own files: no other core, no node: module, no package', async () => {
    const file = 'core/contract/__probe.ts';
    for (const spec of ['../wal/records.js', '../errors/coded-error.js', '../inspector/service.js', 'node:fs', 'zod', '@paralleldrive/cuid2']) {
      await expectForbidden(file, spec);
    }
    await expectAllowed(file, ['./contract-types.js', './contract-errors.js']);
  });

  it('core/fs/ imports of core only core/errors/', async () => {
    const file = 'core/fs/__probe.ts';
    for (const spec of ['../wal/records.js', '../json/index.js', '../inspector/service.js', '../contract/contract.js']) {
      await expectForbidden(file, spec);
    }
    await expectAllowed(file, ['../errors/coded-error.js', './fs-error.js', 'node:fs/promises']);
  });

  it('renderer/src/ imports of core only core/contract/, and no node: module', async () => {
    const file = 'renderer/src/__probe.ts';
    for (const spec of ['../../core/wal/records.js', '../../core/inspector/service.js', '../../core/errors/coded-error.js',
      '../../cli/cli-io.js', '../../electron/channels.js', 'node:path']) {
      await expectForbidden(file, spec);
    }
    await expectAllowed(file, ['../../core/contract/contract.js', './store/app-store.js', 'react', 'zustand']);
  });

  it('electron/ imports of core only core/contract/ and core/inspector/', async () => {
    const file = 'electron/__probe.ts';
    for (const spec of ['../core/wal/records.js', '../core/store/fs-collection.js', '../core/recovery/plan-recovery.js',
      '../core/verify/verify-log.js', '../core/checkpoint/log-position.js', '../core/json/index.js', '../renderer/src/store/app-store.js']) {
      await expectForbidden(file, spec);
    }
    await expectAllowed(file, ['../core/inspector/service.js', '../core/contract/contract.js', './channels.js', 'electron', 'node:path']);
  });

  it('cli/ imports of core only core/contract/ and core/inspector/', async () => {
    const file = 'cli/__probe.ts';
    for (const spec of ['../core/wal/records.js', '../core/store/fs-collection.js', '../core/recovery/plan-recovery.js',
      '../core/verify/verify-log.js', '../core/checkpoint/log-position.js', '../core/json/index.js']) {
      await expectForbidden(file, spec);
    }
    await expectAllowed(file, ['../core/inspector/service.js', '../core/contract/contract.js', './cli-io.js', 'node:fs']);
  });

  it('lints no build output, dependency, AssemblyScript source or generated embed', async () => {
    for (const file of ['dist/cli/main.js', 'node_modules/zod/index.js', 'core/wal/wasm/assembly/entry-scan.ts',
      'core/wal/wasm/entry-scan-wasm.ts', 'core/wal/wasm/entry-scan.wasm']) {
      expect(await eslint.isPathIgnored(path.join(REPO_ROOT, file)), file).toBe(true);
    }
    expect(await eslint.isPathIgnored(path.join(REPO_ROOT, 'core/wal/wasm/entry-scan.ts'))).toBe(false);
  });
});
