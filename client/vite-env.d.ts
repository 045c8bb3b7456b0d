// Types for Vite's import.meta.env in client code.
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional: the party server's origin when the pages are served from elsewhere (vite dev). */
  readonly VITE_SERVER_URL?: string;
}
