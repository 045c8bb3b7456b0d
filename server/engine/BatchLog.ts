// Remembers how many rooms each engine batch held, for /healthz and the dashboard: evidence that
// rooms revealing together really share one tf call.
import type { BatchStats } from "./engineTypes.js";

const RECENT = 20;

export class BatchLog {
  private count = 0;
  private lastGuests = 0;
  private readonly recent: number[] = [];

  record(rooms: number, guests: number): void {
    this.count++;
    this.lastGuests = guests;
    this.recent.push(rooms);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  stats(): BatchStats {
    const total = this.recent.reduce((sum, x) => sum + x, 0);
    return {
      count: this.count,
      last: this.recent.at(-1) ?? 0,
      max: Math.max(0, ...this.recent),
      mean: this.recent.length ? Math.round((total / this.recent.length) * 100) / 100 : 0,
      recent: [...this.recent],
      lastGuests: this.lastGuests,
    };
  }
}
