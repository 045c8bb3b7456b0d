// Every setting the server reads from the environment, parsed once with defaults and reasons.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..").replace(/[\\/]dist$/, "");

export interface ServerConfig {
  /** TCP port for HTTP and WebSocket (one port so a phone needs one address). */
  port: number;
  /** Interface to bind; 0.0.0.0 so phones on the classroom network can reach a laptop. */
  host: string;
  /** Base URL printed on the projector and in QR codes when the server sits behind a proxy. */
  publicUrl: string | null;
  /** Guests per party; a lecture hall is ~300. */
  maxGuests: number;
  /** Parties one process will host at once. */
  maxParties: number;
  /** Joins per minute from one network address (a class behind one NAT shares it). */
  joinsPerMinutePerIp: number;
  /** Unknown join codes per minute from one address: mistypes pass, brute force does not. */
  wrongCodesPerMinutePerIp: number;
  /** New parties per minute from one address. */
  partiesPerMinutePerIp: number;
  /** Default length of the writing phase. */
  writeSeconds: number;
  /** How long a dropped phone keeps its seat for a token reconnect (sleep, network switch). */
  reconnectSeconds: number;
  /** Minutes an empty party lives on before it is closed. */
  idlePartyMinutes: number;
  /** Force one compute backend (tfjs-node-gpu, tfjs-node, wasm, cpu) instead of the best available. */
  engineBackend: string | undefined;
  /** Where the built client lives. */
  clientDir: string;
  /** SQLite file with every session's record (created when missing). */
  dbPath: string;
  /** Encoder cache file (built once from the GloVe package). */
  encoderCachePath: string;
  /**
   * Redis that several server processes share (Colyseus' presence and driver, join-code
   * claims). null = this process is the whole server.
   */
  redisUrl: string | null;
  /**
   * Where phones reach THIS process's WebSocket, as host[:port][/path] without a scheme
   * (colyseus.js adds ws:// or wss:// like the page's own). Needed with REDIS_URL: a seat
   * reserved through another process must send the phone to the process holding the party.
   */
  publicAddress: string | null;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

export function loadConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: intFromEnv("PORT", 2567, 0, 65535),
    host: process.env.HOST || "0.0.0.0",
    publicUrl: process.env.PUBLIC_URL ? process.env.PUBLIC_URL.replace(/\/+$/, "") : null,
    maxGuests: intFromEnv("MAX_GUESTS", 400, 2, 5000),
    maxParties: intFromEnv("MAX_PARTIES", 200, 1, 10000),
    joinsPerMinutePerIp: intFromEnv("JOINS_PER_MINUTE_PER_IP", 600, 1, 100_000),
    wrongCodesPerMinutePerIp: intFromEnv("WRONG_CODES_PER_MINUTE_PER_IP", 20, 1, 10_000),
    partiesPerMinutePerIp: intFromEnv("PARTIES_PER_MINUTE_PER_IP", 20, 1, 100_000),
    writeSeconds: intFromEnv("WRITE_SECONDS", 120, 15, 1800),
    reconnectSeconds: intFromEnv("RECONNECT_SECONDS", 120, 5, 3600),
    idlePartyMinutes: intFromEnv("IDLE_PARTY_MINUTES", 60, 1, 24 * 60),
    engineBackend: process.env.ENGINE_BACKEND || undefined,
    clientDir: process.env.CLIENT_DIR || path.join(REPO_ROOT, "dist", "client"),
    dbPath: process.env.DB_PATH || path.join(REPO_ROOT, "data", "cocktail-party.db"),
    encoderCachePath: process.env.ENCODER_CACHE || path.join(REPO_ROOT, "assets", "cache", "glove-100k.bin"),
    redisUrl: process.env.REDIS_URL || null,
    publicAddress: publicAddressFromEnv(),
    ...overrides,
  };
}

/** PUBLIC_ADDRESS without a trailing slash; a scheme is refused because the client picks it. */
function publicAddressFromEnv(): string | null {
  const raw = process.env.PUBLIC_ADDRESS?.trim();
  if (!raw) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new Error(`PUBLIC_ADDRESS must be host[:port][/path] without a scheme (the page's own ws/wss is used), got "${raw}"`);
  }
  return raw.replace(/\/+$/, "");
}
