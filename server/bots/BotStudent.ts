// A rehearsal bot: a real colyseus.js client that joins like a phone, keeps what the room
// sends it, and writes texts for its card. Used by the session CLI and the tests.
import type { ModelSentencePayload, PredictedPayload, PredictionResultPayload } from "../../shared/modelRound.js";
import { Client, type Room } from "colyseus.js";
import type { SeatPayload, SentenceResultPayload } from "../../shared/sentenceRound.js";
import {
  ClientMessage,
  ServerMessage,
  type CardPayload,
  type ErrorPayload,
  type HeardPayload,
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
  /** The row (stage one of a reveal); resultAt is when it arrived. Its heard words are merged in when they follow. */
  result: ResultPayload | null = null;
  resultAt = 0;
  /** The heard words that follow the row (stage two), and when they arrived. */
  heard: HeardPayload | null = null;
  heardAt = 0;
  errors: ErrorPayload[] = [];
  /** Model and course rounds: the sentence and question, and how the pick went. */
  modelSentence: ModelSentencePayload | null = null;
  predictionResult: PredictionResultPayload | null = null;
  /** Sentence and heads rounds: the word it plays, and how its word did at the reveal. */
  seat: SeatPayload | null = null;
  sentenceResult: SentenceResultPayload | null = null;
  received: ReceivedMessage[] = [];
  private waiters: Array<{ type: string; resolve: (payload: unknown) => void }> = [];
  /** whenHeard() callers; each returns true once satisfied. */
  private heardWaiters: Array<() => boolean> = [];

  reconnects = 0;
  private client: Client;
  private code = "";

  constructor(readonly wsUrl: string, readonly name: string) {
    this.client = new Client(wsUrl);
  }

  /** Called after every message is kept (AutoPlayBot acts on a card, seat or question as it arrives). */
  onAnyMessage: ((type: string) => void) | null = null;

  /**
   * Joins and resolves once the room has welcomed this bot (its guest id and secret are known).
   * The server's own bots pass its bot key; one coming back after a restart also its rejoin secret.
   */
  async join(code: string, extra: { botKey?: string; rejoinSecret?: string } = {}): Promise<this> {
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
      if (t === ServerMessage.seat) this.seat = payload as SeatPayload;
      if (t === ServerMessage.sentenceResult) {
        this.sentenceResult = payload as SentenceResultPayload;
        this.resultAt = performance.now();
      }
      if (t === ServerMessage.result) {
        this.result = payload as ResultPayload;
        this.resultAt = performance.now();
      }
      if (t === ServerMessage.heard) {
        this.heard = payload as HeardPayload;
        this.heardAt = performance.now();
        if (this.result?.roundNumber === this.heard.roundNumber) this.result = { ...this.result, heardWords: this.heard.heardWords, isHeardPending: false };
      }
      if (t === ServerMessage.result || t === ServerMessage.heard) this.heardWaiters = this.heardWaiters.filter((isDone) => !isDone());
      const ready = this.waiters.filter((w) => w.type === t);
      this.waiters = this.waiters.filter((w) => w.type !== t);
      for (const w of ready) w.resolve(payload);
      this.onAnyMessage?.(t);
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

  /**
   * Resolves with this bot's result once it holds the heard words: from the `heard` message, or
   * from a full result the room resends after a reconnect (then no `heard` comes).
   */
  whenHeard(timeoutMs = 15_000): Promise<ResultPayload> {
    return new Promise<ResultPayload>((resolve, reject) => {
      const isDone = () => {
        if (!this.result || this.result.isHeardPending) return false;
        clearTimeout(timer);
        resolve(this.result);
        return true;
      };
      const timer = setTimeout(() => {
        this.heardWaiters = this.heardWaiters.filter((w) => w !== isDone);
        reject(new Error(`${this.name}: no heard words within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!isDone()) this.heardWaiters.push(isDone);
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
