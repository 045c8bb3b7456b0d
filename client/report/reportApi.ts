// The dashboard's and the report page's calls to the session API, each authorised with a
// party's host key (`Authorization: Bearer …`, see server/http/reportRoutes.ts): the sessions a
// key opens, a session's report, and its JSON/CSV export saved as a file.
// The shapes are the server's own (type-only imports, erased from the bundle), so a renamed
// field fails the type-check here.
import type { SessionReport } from "../../server/storage/reports.js";
import type { SessionSummary } from "../../server/storage/storeTypes.js";
import { apiOrigin } from "../net/endpoint.js";

export type { SessionReport, SessionSummary };

/** The server said no: wrong key, or a session this key does not open (401). */
export class UnauthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnauthorizedError";
  }
}

function authorised(hostKey: string): RequestInit {
  return { headers: { Authorization: `Bearer ${hostKey}` }, cache: "no-store" };
}

async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => ({}))) as { error?: unknown };
  const message = typeof body.error === "string" ? body.error : `HTTP ${res.status}`;
  return res.status === 401 ? new UnauthorizedError(message) : new Error(message);
}

/** Sessions this host key opens (normally exactly one); throws UnauthorizedError on 401. */
export async function fetchSessions(hostKey: string): Promise<SessionSummary[]> {
  const res = await fetch(`${apiOrigin()}/api/sessions`, authorised(hostKey));
  if (!res.ok) throw await failure(res);
  const body = (await res.json()) as { sessions?: SessionSummary[] };
  return body.sessions ?? [];
}

export function reportUrl(sessionId: string, format: "json" | "csv"): string {
  return `${apiOrigin()}/api/sessions/${encodeURIComponent(sessionId)}/report.${format}`;
}

export async function fetchReport(sessionId: string, hostKey: string): Promise<SessionReport> {
  const res = await fetch(reportUrl(sessionId, "json"), authorised(hostKey));
  if (!res.ok) throw await failure(res);
  return (await res.json()) as SessionReport;
}

/**
 * Downloads the export with the key in the header (a plain link cannot send it) and saves it
 * under `fileName` through a temporary object URL.
 */
export async function downloadExport(sessionId: string, hostKey: string, format: "json" | "csv", fileName: string): Promise<void> {
  const res = await fetch(reportUrl(sessionId, format), authorised(hostKey));
  if (!res.ok) throw await failure(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; give the browser a moment before revoking.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
