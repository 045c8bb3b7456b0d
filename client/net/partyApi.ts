// The party server's small REST surface: party lookup before joining, party creation for the
// dashboard, the QR code image and the health/backend report.
import type { CreatedPartyPayload, CreateOptions } from "../../shared/protocol.js";
import type { Phase } from "../../shared/roomState.js";
import { apiOrigin } from "./endpoint.js";

export interface PartyInfo {
  code: string;
  guestCount: number;
  maxGuests: number;
  isLocked: boolean;
  phase: Phase;
}

export interface HealthReport {
  backend: string;
  isGpu: boolean;
  vocabularySize: number;
  dimension: number;
  rooms: number;
  uptimeS: number;
  /** Rooms per engine batch over the recent batches (null while the engine does not answer). */
  engineBatches?: { count: number; last: number; max: number; mean: number } | null;
}

async function readJson<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const message = (body as { error?: unknown }).error;
    throw new Error(typeof message === "string" ? message : `HTTP ${res.status}`);
  }
  return body as T;
}

/** null when there is no such party (404); throws when the server cannot be reached. */
export async function fetchPartyInfo(code: string): Promise<PartyInfo | null> {
  const res = await fetch(`${apiOrigin()}/api/parties/${encodeURIComponent(code)}`);
  if (res.status === 404) return null;
  return readJson<PartyInfo>(res);
}

/** Creates a party; the answer's host key is the only proof of host rights, keep it safe. */
export async function createParty(options: Omit<CreateOptions, "role"> = {}): Promise<CreatedPartyPayload> {
  const res = await fetch(`${apiOrigin()}/api/parties`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(options),
  });
  return readJson<CreatedPartyPayload>(res);
}

export async function fetchHealth(): Promise<HealthReport> {
  return readJson<HealthReport>(await fetch(`${apiOrigin()}/healthz`));
}

export function qrCodeUrl(code: string): string {
  return `${apiOrigin()}/api/parties/${encodeURIComponent(code)}/qr.svg`;
}
