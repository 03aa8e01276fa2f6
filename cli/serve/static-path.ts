import * as fs from 'node:fs';
import * as path from 'node:path';
import { httpError, type ServeHttpError } from './serve-http-error.js';

/** What a GET of `urlPath` reads from the renderer build. */
export type StaticTarget =
  | { readonly kind: 'file'; readonly file: string }
  /** Not a file of the build: the one-page app's index.html answers (its router reads the path). */
  | { readonly kind: 'index' }
  | { readonly kind: 'refused'; readonly error: ServeHttpError };

// NUL makes fs throw with the full path in the message; other control characters have no
// business in a URL of ours.
const CONTROL = /[\u0000-\u001f\u007f]/;

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function refused(status: number, message: string): StaticTarget {
  return { kind: 'refused', error: httpError(status, status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message) };
}

/**
 * Maps a URL path to a file of the renderer build, never outside it: the decoded path may not
 * climb (`..`), and the file it names, symbolic links followed, must lie under the build's
 * own real path. A lookup the file system refuses (a name too long, a file used as a
 * directory) is simply not a file of the build.
 */
export function resolveStaticTarget(root: string, urlPath: string): StaticTarget {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return refused(400, 'the URL path is not valid percent-encoding');
  }
  if (CONTROL.test(rel)) return refused(400, 'the URL path holds a control character');
  const segments = rel.split(/[/\\]/);
  if (segments.includes('..')) return refused(400, 'the URL path may not contain ".."');
  const lexical = path.join(root, ...segments.filter((s) => s !== '' && s !== '.'));
  let real: string;
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(lexical);
  } catch {
    return { kind: 'index' };
  }
  if (!inside(realRoot, real)) return refused(404, 'no such file in the app');
  try {
    return fs.statSync(real).isFile() ? { kind: 'file', file: real } : { kind: 'index' };
  } catch {
    return { kind: 'index' };
  }
}
