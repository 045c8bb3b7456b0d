// A rehearsal bot: a real colyseus.js client that joins like a phone, keeps what the room
// sends it, and writes texts for its card. Used by the session CLI and the tests.
import { Client, type Room } from "colyseus.js";
import {
  ServerMessage,
  type CardPayload,
  type ErrorPayload,
  type ResultPayload,
  type SubmitPayload,
  type SubmittedPayload,
  type WelcomePayload,
} from "../../shared/protocol.js";

/** Every message a bot received, in order, so tests can check nothing secret arrived early. */
export interface ReceivedMessage {
  type: string;
  payload: unknown;
  at: number;
}

export class BotStudent {
  room!: Room;
  welcome: WelcomePayload | null = null;
  card: CardPayload | null = null;
  submitted: SubmittedPayload | null = null;
  result: ResultPayload | null = null;
  resultAt = 0;
  errors: ErrorPayload[] = [];
  received: ReceivedMessage[] = [];
  private waiters: Array<{ type: string; resolve: (payload: unknown) => void }> = [];

  constructor(readonly wsUrl: string, readonly name: string) {}

  async join(code: string): Promise<this> {
    this.attach(await new Client(this.wsUrl).joinById(code, { role: "student", name: this.name }));
    return this;
  }

  /** Registers handlers on a (new) room object: needed after every join or reconnect. */
  attach(room: Room): void {
    this.room = room;
    room.onMessage("*", (type, payload) => {
      const t = String(type);
      this.received.push({ type: t, payload, at: Date.now() });
      if (t === ServerMessage.welcome) this.welcome = payload as WelcomePayload;
      if (t === ServerMessage.card) this.card = payload as CardPayload;
      if (t === ServerMessage.submitted) this.submitted = payload as SubmittedPayload;
      if (t === ServerMessage.error) this.errors.push(payload as ErrorPayload);
      if (t === ServerMessage.result) {
        this.result = payload as ResultPayload;
        this.resultAt = performance.now();
      }
      const ready = this.waiters.filter((w) => w.type === t);
      this.waiters = this.waiters.filter((w) => w.type !== t);
      for (const w of ready) w.resolve(payload);
    });
  }

  /** Resolves with the next message of a type (or the one already kept, when `isKeptOk`). */
  next<T>(type: string, timeoutMs = 15_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      });
    });
  }

  async submit(texts: SubmitPayload): Promise<SubmittedPayload> {
    const acknowledged = this.next<SubmittedPayload>(ServerMessage.submitted);
    this.room.send("submit", texts);
    return acknowledged;
  }

  /** Leaves once; a second call (or one after the server closed the socket) returns at once. */
  async leave(): Promise<void> {
    if (!this.room.connection.isOpen) return;
    await this.room.leave(true).catch(() => undefined);
  }
}
