// Corrects the local clock with the server's: the room stamps `serverNow` on each state change,
// and timers count down to `phaseEndsAt` (server epoch ms), so a phone whose clock is off by a
// minute still shows the right number of seconds left.

const MAX_SAMPLES = 8;

export class ServerClock {
  /** serverTime - localTime, ms. */
  private offsetMs = 0;
  private samples: number[] = [];
  private lastServerNow = 0;

  /** Feed every snapshot; only a new serverNow value counts as a sample. */
  observe(serverNow: number, receivedAt: number): void {
    if (!serverNow || serverNow === this.lastServerNow) return;
    this.lastServerNow = serverNow;
    this.samples.push(serverNow - receivedAt);
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    // Network delay only ever makes the server look behind, so the largest recent offset is
    // the least delayed sample.
    this.offsetMs = Math.max(...this.samples);
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Whole seconds until `endsAt` (server epoch ms), never negative; null when no timer runs. */
  secondsLeft(endsAt: number): number | null {
    if (!endsAt) return null;
    return Math.max(0, Math.ceil((endsAt - this.now()) / 1000));
  }
}

/** 75 → "1:15". */
export function formatSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${s.toString().padStart(2, "0")}`;
}
