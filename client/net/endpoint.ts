// Where the party server lives. In production the server serves these pages, so it is the
// page's own origin; under `vite` dev the pages come from Vite and the server runs on :2567.

const DEV_SERVER_PORT = 2567;

/** http(s) origin of the party server, no trailing slash. */
export function serverOrigin(): string {
  const configured = import.meta.env.VITE_SERVER_URL;
  if (configured) return configured.replace(/\/+$/, "");
  if (import.meta.env.DEV) return `${location.protocol}//${location.hostname}:${DEV_SERVER_PORT}`;
  return location.origin;
}

/** The link students open (also encoded in the QR code). */
export function joinLink(code: string): string {
  return `${location.origin}/?code=${encodeURIComponent(code)}`;
}

/** Shown on the projector: the join link without the scheme, easier to read aloud. */
export function joinLinkForDisplay(code: string): string {
  return joinLink(code).replace(/^https?:\/\//, "");
}
