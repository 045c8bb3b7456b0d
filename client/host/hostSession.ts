// The dashboard remembers the host key of each party it created (localStorage
// `cocktail.host.<CODE>`), so a reload or a crashed browser tab gets the host back in.

const KEY_PREFIX = "cocktail.host.";
const LAST_KEY = "cocktail.host.last";

export function saveHostKey(code: string, hostKey: string): void {
  try {
    localStorage.setItem(KEY_PREFIX + code, hostKey);
    localStorage.setItem(LAST_KEY, code);
  } catch {
    // Blocked storage: hosting works, but a reload will not get back in.
  }
}

export function loadHostKey(code: string): string | null {
  try {
    return localStorage.getItem(KEY_PREFIX + code);
  } catch {
    return null;
  }
}

export function lastHostedCode(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

export function forgetHostKey(code: string): void {
  try {
    localStorage.removeItem(KEY_PREFIX + code);
    if (localStorage.getItem(LAST_KEY) === code) localStorage.removeItem(LAST_KEY);
  } catch {
    /* nothing stored */
  }
}
