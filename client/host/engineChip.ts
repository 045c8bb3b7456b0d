// The dashboard's engine chip: which compute backend runs the attention, and how many rooms the
// engine batched per call lately (rooms revealing together share one call).
import type { HealthReport } from "../net/partyApi.js";

export function engineChipText(health: Pick<HealthReport, "backend" | "isGpu" | "engineBatches">): string {
  const backend = `engine: ${health.backend}${health.isGpu ? " (GPU)" : ""}`;
  const batches = health.engineBatches;
  if (!batches || batches.count === 0) return backend;
  return `${backend} · rooms per batch: last ${batches.last}, max ${batches.max}, mean ${batches.mean}`;
}
