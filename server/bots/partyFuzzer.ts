// Hostile clients for the fuzz run: real colyseus.js connections that send random, malformed,
// oversized and out-of-order messages (host commands from students, submissions for phases
// that are over) while honest bots play a round. Counts what was sent and refused.
import { Client, type Room } from "colyseus.js";
import { ClientMessage, ServerMessage, type WelcomePayload } from "../../shared/protocol.js";

export interface FuzzCounters {
  sent: number;
  /** Error replies from the room plus messages the transport dropped by closing the socket. */
  refused: number;
  /** Sockets the server closed (oversized frames) — each then rejoins. */
  disconnects: number;
  /** Why rejoining after such a close failed, if it did. */
  rejoinFailures: string[];
}

const KNOWN_TYPES = Object.values(ClientMessage);
const STRANGE_TYPES = ["", "__proto__", "constructor", "host:", "host:deleteEverything", "submit ", "💥", "x".repeat(300)];

/** A payload generator covering wrong types, wrong shapes, extra keys, deep nesting and huge strings. */
export function randomPayload(random: () => number): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 0x2fff))).join("");
  switch (Math.floor(random() * 12)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return Math.floor(random() * 1e9) * (random() < 0.5 ? -1 : 1);
    case 3: return text(Math.floor(random() * 200));
    case 4: return { query: text(100), key: text(100), value: text(200) };
    case 5: return { query: 1, key: [], value: {} };
    case 6: return { query: "ok", key: "ok", value: "ok", extra: true, __proto__: { polluted: 1 } };
    case 7: return { guestId: text(20), isLocked: "yes", seconds: -5, roundType: pick(["party", "nope", 7]) };
    case 8: return { cards: Array.from({ length: 50 }, () => ({ guestId: text(5), needId: "truck", offerId: "cake" })) };
    case 9: {
      let deep: unknown = "bottom";
      for (let i = 0; i < 60; i++) deep = { deep };
      return deep;
    }
    case 10: return { query: "a".repeat(5000), key: "b", value: "c" }; // over the 4 KB frame limit
    default: return [1, "two", { three: 3 }, null];
  }
}

export class FuzzClient {
  room!: Room;
  private client: Client;

  constructor(
    private readonly wsUrl: string,
    private readonly code: string,
    private readonly role: "student" | "screen",
    private readonly name: string,
    private readonly counters: FuzzCounters,
  ) {
    this.client = new Client(wsUrl);
  }

  private rejoinSecret: string | undefined;

  /** Joins (again): a student comes back as the same guest with its secret, like a phone. */
  async connect(): Promise<void> {
    const options =
      this.role === "screen" ? { role: "screen" } : this.rejoinSecret ? { role: "student", rejoinSecret: this.rejoinSecret } : { role: "student", name: this.name };
    this.room = await this.client.joinById(this.code, options);
    this.room.onMessage("*", (type, payload) => {
      if (type === ServerMessage.error) this.counters.refused++;
      if (type === ServerMessage.welcome) this.rejoinSecret = (payload as WelcomePayload).rejoinSecret;
    });
    this.room.onLeave(() => undefined);
    this.room.send(ClientMessage.ready, {});
  }

  /** Sends one hostile message; reconnects first if the server closed the socket. */
  async sendOne(random: () => number): Promise<void> {
    if (!this.room.connection.isOpen) {
      // The transport refused the last frame (too big or undecodable) by closing the socket.
      this.counters.disconnects++;
      this.counters.refused++;
      try {
        await this.connect();
      } catch (error) {
        this.counters.rejoinFailures.push(String((error as Error).message).slice(0, 120));
        throw error;
      }
    }
    const type = random() < 0.75 ? KNOWN_TYPES[Math.floor(random() * KNOWN_TYPES.length)] : STRANGE_TYPES[Math.floor(random() * STRANGE_TYPES.length)];
    this.room.send(type, randomPayload(random) as never);
    this.counters.sent++;
  }

  async leave(): Promise<void> {
    if (this.room.connection.isOpen) await this.room.leave(true).catch(() => undefined);
  }
}
