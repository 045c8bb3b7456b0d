// Types for scripts/build.mjs, so TypeScript tests can import it.
export interface ScriptBytes {
  raw: number;
  gzip: number;
}
export function buildAll(options?: { quiet?: boolean }): Promise<void>;
/** The JS files (relative to dist/client) a built page such as "index.html" loads. */
export function pageScripts(html: string): string[];
/** JS bytes each built page loads, keyed by its HTML file name. */
export function pageScriptSizes(): Record<string, ScriptBytes>;
