// Work that can wait while rooms are waiting for their reveal rows: the parties' state patches
// (PartyRoom.broadcastPatch) and the reveal records on disk (PartyStore.writeSoon). Why: when 50
// classes reveal at once, a patch is one more frame to every client of a room and a flush a few
// ms of the main thread, and either would go out between other rooms' rows. The rows (phones
// show them on arrival) go first; the held work follows once the last room has its rows — or
// after maxMs of one stretch of busy, whichever is sooner.
import { performance } from "node:perf_hooks";

export class RevealBurstHold {
  /** When the current stretch of busy began, or null while not busy. */
  private busySince: number | null = null;

  constructor(
    /** Whether some room is waiting for its rows (EngineClient.revealsAwaitingWeights > 0). */
    private readonly isBusy: () => boolean,
    private readonly maxMs = 500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether the held work should wait now. A stretch of busy holds it for at most maxMs. */
  isHolding(): boolean {
    if (!this.isBusy()) {
      this.busySince = null;
      return false;
    }
    this.busySince ??= this.now();
    return this.now() - this.busySince < this.maxMs;
  }
}
