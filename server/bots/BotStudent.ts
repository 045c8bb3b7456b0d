// A rehearsal bot: a real colyseus.js client that joins like a phone, keeps what the room
// sends it, and writes texts for its card. Used by the session CLI and the tests.
import type { ModelSentencePayload, PredictedPayload, PredictionResultPayload } from "../../shared/modelRound.js";
import { Client, type Room } from "colyseus.js";
import {
  ClientMessage,
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
  /** Model and course rounds: the sentence and question, and how the pick went. */
  modelSentence: ModelSentencePayload | null = null;
  predictionResult: PredictionResultPayload | null = null;
  received: ReceivedMessage[] = [];
  private waiters: Array<{ type: string; resolve: (payload: unknown) => void }> = [];

  reconnects = 0;
  private client: Client;
  private code = "";

  constructor(readonly wsUrl: string, readonly name: string) {
    this.client = new Client(wsUrl);
  }

  /** Joins and resolves once the room has welcomed this bot (its guest id and secret are known). */
  async join(code: string, extra: { botKey?: string } = {}): Promise<this> {
    this.code = code;
    const room = await this.client.joinById(code, { role: "student", name: this.name, ...extra });
    const welcomed = this.next<WelcomePayload>(ServerMessage.welcome);
    this.attach(room);
    await welcomed;
    return this;
  }

  /** Comes back by code with the stored secret (the phone's fallback when its seat is gone). */
  async rejoin(): Promise<void> {
    const room = await this.client.joinById(this.code, { role: "student", rejoinSecret: this.welcome!.rejoinSecret });
    const welcomed = this.next<WelcomePayload>(ServerMessage.welcome);
    this.attach(room);
    await welcomed;
    this.reconnects++;
  }

  /**
   * Loses the socket without saying goodbye (a phone going to sleep), then comes back the way
   * the phone page does: token reconnect with backoff, and rejoin by secret if the seat is gone.
   */
  async dropAndReconnect(offlineMs = 0): Promise<void> {
    const token = this.room.reconnectionToken;
    const closed = new Promise<void>((resolve) => this.room.onLeave(() => resolve()));
    (this.room.connection as unknown as { transport: { ws: { close(): void } } }).transport.ws.close();
    await closed;
    if (offlineMs > 0) await new Promise((r) => setTimeout(r, offlineMs));
    for (let attempt = 0; attempt < 6; attempt++) {
      try {
        this.attach(await this.client.reconnect(token));
        this.reconnects++;
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
    this.attach(await this.client.joinById(this.code, { role: "student", rejoinSecret: this.welcome!.rejoinSecret }));
    this.reconnects++;
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
      if (t === ServerMessage.modelSentence) this.modelSentence = payload as ModelSentencePayload;
      if (t === ServerMessage.predictionResult) this.predictionResult = payload as PredictionResultPayload;
      if (t === ServerMessage.result) {
        this.result = payload as ResultPayload;
        this.resultAt = performance.now();
      }
      const ready = this.waiters.filter((w) => w.type === t);
      this.waiters = this.waiters.filter((w) => w.type !== t);
      for (const w of ready) w.resolve(payload);
    });
    room.send(ClientMessage.ready, {});
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

  /** Picks a word (token index) for the model round's question; resolves on the room's acknowledgement. */
  async predict(choice: number): Promise<PredictedPayload> {
    const acknowledged = this.next<PredictedPayload>(ServerMessage.predicted);
    this.room.send(ClientMessage.predict, { choice });
    return acknowledged;
  }

  /** Leaves once; a second call (or one after the server closed the socket) returns at once. */
  async leave(): Promise<void> {
    if (!this.room.connection.isOpen) return;
    await this.room.leave(true).catch(() => undefined);
  }
}
