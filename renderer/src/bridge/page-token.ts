/** Where the page keeps serve's access token: this tab's sessionStorage, scoped to scheme + host + port. */
export const TOKEN_STORAGE_KEY = 'wal-inspector:token';

/** The parts of `window` this module touches (injected in tests). */
export interface TokenPage {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  readonly sessionStorage?: Pick<Storage, 'getItem' | 'setItem'>;
}

// Where sessionStorage is refused (a sandboxed page) the token lives as long as the page.
let inMemory: string | null = null;

function storage(page: TokenPage): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return page.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The token of `wal-inspector serve`. It arrives once in the URL's fragment (`#token=…`), which
 * no request carries; the page moves it to sessionStorage and takes it out of the address bar
 * (history, bookmarks, screenshots). A reload finds it in sessionStorage. Never a cookie:
 * cookies ignore ports and would reach every other server on 127.0.0.1.
 */
export function takePageToken(page: TokenPage = globalThis as unknown as TokenPage): string | null {
  const store = storage(page);
  const params = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromUrl = params.get('token');
  if (fromUrl) {
    inMemory = fromUrl;
    try {
      store?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage full or refused: the page keeps it in memory.
    }
    params.delete('token');
    const rest = params.toString();
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search + (rest ? `#${rest}` : ''));
    return fromUrl;
  }
  try {
    return store?.getItem(TOKEN_STORAGE_KEY) ?? inMemory;
  } catch {
    return inMemory;
  }
}
