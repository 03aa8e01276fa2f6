import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmePictures } from '../../scripts/readme-pictures.js';
import { REPO_ROOT } from '../support/paths.js';

describe('readmePictures', () => {
  it('finds each picture once, full width on its own line, half width in a table cell', () => {
    const md = [
      '![Hero](docs/screenshots/hero.png)',
      '| | |', '|---|---|',
      '| ![A](docs/screenshots/a.png) | ![B](docs/screenshots/b-two.png) |',
      '![elsewhere](other/c.png) ![Hero again](docs/screenshots/hero.png)',
    ].join('\n');
    expect(readmePictures(md)).toEqual([
      { name: 'hero', file: 'docs/screenshots/hero.png', placement: 'full' },
      { name: 'a', file: 'docs/screenshots/a.png', placement: 'cell' },
      { name: 'b-two', file: 'docs/screenshots/b-two.png', placement: 'cell' },
    ]);
  });

  it('refuses a picture shown at two sizes', () => {
    expect(() => readmePictures('![x](docs/screenshots/x.png)\n| ![x](docs/screenshots/x.png) |')).toThrow(/both in a table and on its own/);
  });

  it('docs/screenshots holds exactly the pictures the README shows, and the e2e takes each', () => {
    const shown = readmePictures(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
    expect(shown.length).toBeGreaterThan(0);
    const files = fs.readdirSync(path.join(REPO_ROOT, 'docs/screenshots')).sort();
    expect(files).toEqual(shown.map((p) => path.basename(p.file)).sort());
    const e2e = fs.readFileSync(path.join(REPO_ROOT, 'test/e2e/inspector-ui.test.ts'), 'utf8');
    for (const p of shown) expect(e2e, p.name).toContain(`screenshot(page, shots, '${p.name}')`);
  });
});
