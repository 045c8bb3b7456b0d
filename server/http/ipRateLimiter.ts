// Sliding one-minute counters per client address. Classrooms sit behind one NAT address, so
// limits are per address but generous; they stop scripts, not a class of 300 joining at once.
import type http from "node:http";

export class IpRateLimiter {
  private hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one attempt; false when the address already used its allowance this minute. */
  hit(ip: string): boolean {
    const t = this.now();
    const recent = (this.hits.get(ip) ?? []).filter((at) => t - at < 60_000);
    const isAllowed = recent.length < this.perMinute;
    if (isAllowed) recent.push(t);
    this.hits.set(ip, recent);
    if (this.hits.size > 10_000) this.prune(t);
    return isAllowed;
  }

  private prune(t: number): void {
    for (const [ip, times] of this.hits) if (times.every((at) => t - at >= 60_000)) this.hits.delete(ip);
  }
}

/**
 * The client's address. Forwarded headers are believed only from a proxy on this machine
 * (the documented reverse-proxy setup), so a phone cannot pick its own rate-limit bucket.
 */
export function clientIp(req: http.IncomingMessage): string {
  const socketIp = req.socket.remoteAddress ?? "unknown";
  const isLoopback = socketIp === "127.0.0.1" || socketIp === "::1" || socketIp === "::ffff:127.0.0.1";
  const forwarded = req.headers["x-forwarded-for"];
  if (isLoopback && typeof forwarded === "string" && forwarded.trim()) return forwarded.split(",")[0].trim();
  return socketIp;
}
