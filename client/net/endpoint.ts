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

/** The link students open (the server's QR code encodes the same one). */
export function joinLink(code: string): string {
  return `${location.origin}/?code=${encodeURIComponent(code)}`;
}

/** For reading aloud / the projector: the join link without the scheme. */
export function joinLinkForDisplay(code: string): string {
  return joinLink(code).replace(/^https?:\/\//, "");
}
