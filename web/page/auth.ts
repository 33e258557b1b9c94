const KEY = 'eph_token';

/** The token entered on this tab, if any. */
export const storedToken = (): string | null => sessionStorage.getItem(KEY);

/**
 * Keeps the token for this browser tab (session storage: gone when the tab closes) and in a
 * same-site cookie, so that GraphiQL and WebSocket upgrades, which cannot carry the header, are
 * accepted too by a server that reads it (`eph_token`).
 */
export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
  document.cookie = `${KEY}=${encodeURIComponent(token)}; Path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
  document.cookie = `${KEY}=; Path=/; SameSite=Strict; Max-Age=0`;
}
