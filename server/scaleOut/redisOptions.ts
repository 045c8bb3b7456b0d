// REDIS_URL as connection options. Colyseus' presence and driver take a URL or options; we pass
// options so we can switch off ioredis' CLIENT SETINFO handshake: from ioredis 5.8.2 a
// connection that subscribes while connecting can send its INFO ready check after SUBSCRIBE,
// which Redis refuses ("Connection in subscriber mode"), and the unhandled error stops the
// process (redis/ioredis#2037; seen here as a server that died at start-up in the scale-out test).

export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
  disableClientInfo: true;
}

export function redisConnectionOptions(redisUrl: string): RedisConnectionOptions {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new Error(`REDIS_URL: "${redisUrl}" is not a URL (expected redis://host:port/db)`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new Error(`REDIS_URL: expected redis:// or rediss://, got ${url.protocol}//`);
  }
  const dbText = url.pathname.replace(/^\//, "");
  const db = dbText === "" ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL: database "${dbText}" is not a number`);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost",
    port: url.port === "" ? 6379 : Number(url.port),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db,
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
    disableClientInfo: true,
  };
}
