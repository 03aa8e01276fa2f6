import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the checkout (CI lays it there too). Read in place, never regenerated. */
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const GOLDEN = path.join(SHARED, 'golden');
