// Colyseus' Redis presence plus the few atomic commands join-code claims need. The Presence
// API has no "set if absent" nor compare-and-delete, so this subclass speaks to the same Redis
// connection directly instead of opening another one.
import { RedisPresence } from "@colyseus/redis-presence";

/** Replaces the holder only if it is still `from`: a takeover can never undo someone else's. */
const REPLACE_IF_HELD_BY = `if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("SET", KEYS[1], ARGV[2]) return 1 end return 0`;
/** Deletes only our own claim: a late release must not free a code another process took over. */
const DELETE_IF_HELD_BY = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

export class PartyPresence extends RedisPresence {
  /** SET NX: true when `holder` now holds `key` and nobody did before. */
  async claimKey(key: string, holder: string): Promise<boolean> {
    return (await this.pub.set(key, holder, "NX")) === "OK";
  }

  async holderOf(key: string): Promise<string | null> {
    return this.pub.get(key);
  }

  async replaceHolder(key: string, from: string, to: string): Promise<boolean> {
    return Number(await this.pub.eval(REPLACE_IF_HELD_BY, 1, key, from, to)) === 1;
  }

  /** PUBSUB NUMSUB: exact and O(1), unlike listing channels by pattern. */
  async hasSubscribers(channel: string): Promise<boolean> {
    const [, count] = (await this.pub.pubsub("NUMSUB", channel)) as [string, number | string];
    return Number(count) > 0;
  }

  async releaseKey(key: string, holder: string): Promise<boolean> {
    return Number(await this.pub.eval(DELETE_IF_HELD_BY, 1, key, holder)) === 1;
  }

  /** Like shutdown(), but waits for both connections to say goodbye (shutdown leaves them floating). */
  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  /**
   * Resolves once Redis answers; rejects after `timeoutMs`. ioredis queues commands while it
   * retries the connection, so without this a wrong REDIS_URL would hang the start silently.
   */
  async ping(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.pub.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
