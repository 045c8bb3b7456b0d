// Token bucket per client: a phone typing normally sends a few messages a minute, a script in
// a browser console thousands a second. Over the limit, messages are refused, not queued.
export class MessageRateLimiter {
  private buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(clientId: string): boolean {
    const t = this.now();
    const bucket = this.buckets.get(clientId) ?? { tokens: this.burst, updatedAt: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = t;
    const isAllowed = bucket.tokens >= 1;
    if (isAllowed) bucket.tokens -= 1;
    this.buckets.set(clientId, bucket);
    return isAllowed;
  }

  forget(clientId: string): void {
    this.buckets.delete(clientId);
  }
}
