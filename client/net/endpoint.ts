// Where the party server lives. In production the server serves these pages, so everything is
// the page's own origin. Under `vite` dev the pages come from Vite: REST calls go through
// Vite's proxy (same origin, see vite.config.ts) and colyseus.js talks to :2567 directly
// (its matchmaking routes allow cross-origin calls).

const DEV_SERVER_PORT = 2567;

function configuredOrigin(): string | null {
  const configured = import.meta.env.VITE_SERVER_URL;
  return configured ? configured.replace(/\/+$/, "") : null;
}

/** Prefix for REST calls ("" = same origin). */
export function apiOrigin(): string {
  return configuredOrigin() ?? "";
}

/** http(s) origin colyseus.js connects to. */
export function colyseusEndpoint(): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (import.meta.env.DEV) return `${location.protocol}//${location.hostname}:${DEV_SERVER_PORT}`;
  return location.origin;
}

/** Where phones open the join page, as the server said (GET /api/join-origin); null until it has. */
let joinOrigin: { origin: string; isLoopbackOnly: boolean } | null = null;
let joinOriginAsked: Promise<{ origin: string; isLoopbackOnly: boolean }> | null = null;

/**
 * Asks the server once where phones should join: its PUBLIC_URL, or this page's origin — or,
 * when this page was opened at localhost, the machine's network address (phones cannot open
 * localhost). Resolves within `timeoutMs` whatever happens; the page's origin stands in meanwhile.
 */
export function loadJoinOrigin(timeoutMs = 2000): Promise<{ origin: string; isLoopbackOnly: boolean }> {
  joinOriginAsked ??= askJoinOrigin(timeoutMs);
  return joinOriginAsked;
}

async function askJoinOrigin(timeoutMs: number): Promise<{ origin: string; isLoopbackOnly: boolean }> {
  const fallback = { origin: location.origin, isLoopbackOnly: false };
  try {
    const res = await fetch(`${apiOrigin()}/api/join-origin`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { origin?: unknown; isLoopbackOnly?: unknown };
    if (typeof body.origin !== "string" || !/^https?:\/\//.test(body.origin)) return fallback;
    joinOrigin = { origin: body.origin.replace(/\/+$/, ""), isLoopbackOnly: body.isLoopbackOnly === true };
    return joinOrigin;
  } catch {
    joinOriginAsked = null; // asked again next time
    return fallback;
  }
}

/** The link students open (the server's QR code encodes the same one once loadJoinOrigin has answered). */
export function joinLink(code: string): string {
  return `${joinOrigin?.origin ?? location.origin}/?code=${encodeURIComponent(code)}`;
}

/** For reading aloud / the projector: the join link without the scheme. */
export function joinLinkForDisplay(code: string): string {
  return joinLink(code).replace(/^https?:\/\//, "");
}
