import { describe, expect, it } from "vitest";
import { redisConnectionOptions } from "../../server/scaleOut/redisOptions.js";

describe("REDIS_URL as connection options", () => {
  it("reads host, port, credentials, database and TLS, and always turns the client-info handshake off", () => {
    expect(redisConnectionOptions("redis://127.0.0.1:6390")).toEqual({ host: "127.0.0.1", port: 6390, db: 0, disableClientInfo: true });
    expect(redisConnectionOptions("rediss://me:p%40ss@cache.example:6380/3")).toEqual({
      host: "cache.example",
      port: 6380,
      username: "me",
      password: "p@ss",
      db: 3,
      tls: {},
      disableClientInfo: true,
    });
    expect(redisConnectionOptions("redis://:secret@[::1]")).toMatchObject({ host: "::1", port: 6379, password: "secret" });
  });

  it("refuses what is not a Redis URL with a message naming REDIS_URL", () => {
    expect(() => redisConnectionOptions("localhost:6379")).toThrow(/REDIS_URL: expected redis:\/\//);
    expect(() => redisConnectionOptions("not a url")).toThrow(/REDIS_URL: "not a url" is not a URL/);
    expect(() => redisConnectionOptions("redis://h/abc")).toThrow(/database "abc"/);
  });
});
