// Every party of a process holds its state patches while rooms are waiting for their reveal rows.
// Why: a patch is one more WebSocket frame to every client of a room, and on a busy core those
// frames would go out between other rooms' rows. When 50 classes reveal at once, each room's
// rows (the phones show them on arrival) go first and the patches (phase, points, ranks) follow
// once the last room has its rows — or after maxMs, whichever is sooner.
import { performance } from "node:perf_hooks";

export class PatchHold {
  /** When the current stretch of busy began, or null while not busy. */
  private busySince: number | null = null;

  constructor(
    /** Whether some room is waiting for its rows (EngineClient.revealsAwaitingWeights > 0). */
    private readonly isBusy: () => boolean,
    private readonly maxMs = 500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether patches should wait now. A stretch of busy holds them for at most maxMs. */
  isHolding(): boolean {
    if (!this.isBusy()) {
      this.busySince = null;
      return false;
    }
    this.busySince ??= this.now();
    return this.now() - this.busySince < this.maxMs;
  }
}
