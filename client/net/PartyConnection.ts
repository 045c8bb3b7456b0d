// The one module that owns the colyseus.js Client and Room, for the phone, the dashboard and
// the projector alike. Views subscribe to its typed events (state snapshots, every server
// message, connection status) and send through `send`; none of them touches colyseus.js.
// It keeps the reconnection token after every (re)connect and, when the socket drops without
// the party ending, reconnects with backoff (token first, then a fresh join with the same
// options: rejoin secret, host key…), re-registering every handler on the new Room.
import { Client, type Room } from "colyseus.js";
import {
  ClientMessage,
  ServerMessage,
  type AttentionPayload,
  type CardPayload,
  type ClientMessageName,
  type ErrorPayload,
  type FocusPayload,
  type HeardPayload,
  type HostRosterPayload,
  type MatrixPayload,
  type NoticePayload,
  type ResultPayload,
  type Role,
  type ServerMessageName,
  type SubmittedPayload,
  type WelcomePayload,
} from "../../shared/messages.js";
import type {
  CourseProgressPayload,
  HeadFocusPayload,
  ModelAttentionPayload,
  ModelSentencePayload,
  PredictedPayload,
  PredictionResultPayload,
} from "../../shared/modelRound.js";
import type { BlocksPayload } from "../../shared/blocks.js";
import type { SeatPayload, SentenceAttentionPayload, SentenceResultPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
// Types only: protocol.ts builds zod schemas at import, which the phone must not bundle.
import type { ClientPayload, JoinOptions } from "../../shared/protocol.js";
import type { PartyStateView } from "../../shared/roomState.js";
import { Emitter } from "./Emitter.js";
import { colyseusEndpoint } from "./endpoint.js";
import { JoinError, toJoinError, type JoinFailureKind } from "./joinErrors.js";
import { toPartySnapshot, type PartySnapshot } from "./partySnapshot.js";

/** Payload type of each server message (kicked carries nothing we rely on). */
export interface ServerPayloads {
  [ServerMessage.error]: ErrorPayload;
  [ServerMessage.notice]: NoticePayload;
  [ServerMessage.welcome]: WelcomePayload;
  [ServerMessage.card]: CardPayload;
  [ServerMessage.submitted]: SubmittedPayload;
  [ServerMessage.result]: ResultPayload;
  [ServerMessage.heard]: HeardPayload;
  [ServerMessage.attention]: AttentionPayload;
  [ServerMessage.hostRoster]: HostRosterPayload;
  [ServerMessage.matrix]: MatrixPayload;
  [ServerMessage.focus]: FocusPayload;
  [ServerMessage.kicked]: unknown;
  [ServerMessage.modelSentence]: ModelSentencePayload;
  [ServerMessage.modelAttention]: ModelAttentionPayload;
  [ServerMessage.courseProgress]: CourseProgressPayload;
  [ServerMessage.predicted]: PredictedPayload;
  [ServerMessage.predictionResult]: PredictionResultPayload;
  [ServerMessage.headFocus]: HeadFocusPayload;
  [ServerMessage.blocks]: BlocksPayload;
  [ServerMessage.seat]: SeatPayload;
  [ServerMessage.sentenceSeating]: SentenceSeatingPayload;
  [ServerMessage.sentenceAttention]: SentenceAttentionPayload;
  [ServerMessage.sentenceResult]: SentenceResultPayload;
}
// Fails the type-check when shared/messages.ts gains or loses a server message.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const isPayloadMapComplete: SameKeys<keyof ServerPayloads, ServerMessageName> = true;
void isPayloadMapComplete;

export type ConnectionStatus = "idle" | "connecting" | "online" | "reconnecting" | "closed";
export type CloseKind = JoinFailureKind | "kicked" | "ended" | "left" | "replaced";

export interface StatusChange {
  status: ConnectionStatus;
  /** For "closed": why, in words for people. */
  reason?: string;
  kind?: CloseKind;
}

export type PartyEvents = ServerPayloads & { state: PartySnapshot; status: StatusChange };

export interface PartyConnectionOptions {
  role: Role;
  /** Phones: localStorage (survives closing the tab); dashboard/projector: sessionStorage (per tab). */
  storage: Storage;
  /** ws(s)/http(s) origin of the server; defaults to colyseusEndpoint(). */
  endpoint?: string;
}

/** Close codes after which reconnecting would be wrong (the room, not the network, closed us). */
const CLOSE_CONSENTED = 4000; // colyseus: room disposed or left on purpose
const CLOSE_REPLACED = 4001; // the room: the same guest connected again on another socket
const CLOSE_KICKED = 4003; // the room: removed by the instructor
const MAX_BACKOFF_MS = 8000;

export class PartyConnection {
  private readonly client: Client;
  private readonly bus = new Emitter<PartyEvents>();
  private room: Room<PartyStateView> | null = null;
  private code = "";
  private joinOptions: JoinOptions | null = null;
  private status: StatusChange = { status: "idle" };
  private latest: PartySnapshot | null = null;
  private readonly lastMessages = new Map<ServerMessageName, unknown>();
  private isKicked = false;
  private isLeaving = false;
  private isRetrying = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  constructor(private readonly options: PartyConnectionOptions) {
    this.client = new Client(options.endpoint ?? colyseusEndpoint());
    // A phone waking up or getting its network back should not wait out the backoff.
    window.addEventListener("online", () => this.retryNow());
    window.addEventListener("offline", () => this.dropDeadSocket());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.retryNow();
    });
  }

  on<K extends keyof PartyEvents>(name: K, listener: (payload: PartyEvents[K]) => void): () => void {
    return this.bus.on(name, listener);
  }

  get snapshot(): PartySnapshot | null {
    return this.latest;
  }

  get connectionStatus(): StatusChange {
    return this.status;
  }

  get sessionId(): string | null {
    return this.room?.sessionId ?? null;
  }

  get partyCode(): string {
    return this.code;
  }

  /** The last payload of a message, for a view that subscribes after it arrived. */
  lastMessage<K extends ServerMessageName>(name: K): ServerPayloads[K] | undefined {
    return this.lastMessages.get(name) as ServerPayloads[K] | undefined;
  }

  /**
   * Joins party `code`. Resumes the seat this tab/phone held (stored reconnection token) when
   * it can, otherwise joins fresh with `joinOptions`. Throws a JoinError on refusal.
   */
  async connect(code: string, joinOptions: JoinOptions): Promise<void> {
    this.stopRetrying();
    this.code = code;
    this.joinOptions = joinOptions;
    this.isKicked = false;
    this.isLeaving = false;
    this.lastMessages.clear();
    this.setStatus({ status: "connecting" });
    try {
      this.attach(await this.openRoom());
    } catch (err) {
      const failure = toJoinError(err, code);
      this.setStatus({ status: "closed", reason: failure.message, kind: failure.kind });
      throw failure;
    }
  }

  /** Options for later fresh joins (e.g. the rejoin secret the room handed out after joining). */
  setJoinOptions(joinOptions: JoinOptions): void {
    this.joinOptions = joinOptions;
  }

  /** Sends a message; false (nothing sent) while disconnected. */
  send<N extends ClientMessageName>(name: N, payload: ClientPayload<N>): boolean {
    if (!this.room || this.status.status !== "online") return false;
    this.room.send(name, payload);
    return true;
  }

  /** Leaves on purpose: no reconnect, and the stored token is forgotten. */
  async leave(): Promise<void> {
    this.isLeaving = true;
    this.stopRetrying();
    this.forgetToken();
    const room = this.room;
    this.room = null;
    if (room) await room.leave(true).catch(() => undefined);
    this.setStatus({ status: "closed", reason: "You left the party.", kind: "left" });
  }

  /** Skips the backoff wait (network back, page visible again, "retry" tapped). */
  retryNow(): void {
    if (this.status.status !== "reconnecting") return;
    this.stopRetrying();
    void this.tryReconnect();
  }

  // ---- internals --------------------------------------------------------------------------

  /**
   * The browser says the network is gone. The socket is dead, but it may not notice for
   * minutes (no packets, no close), and meanwhile the page would claim to be online and drop
   * what the student sends. Let go of it now: the page says "reconnecting", the token is kept,
   * and the "online" event brings us back at once. The room holds the seat meanwhile (it sees
   * the close, or its pings go unanswered).
   */
  private dropDeadSocket(): void {
    const room = this.room;
    if (!room || this.isLeaving) return;
    this.room = null; // its late onLeave is ignored (handleLeave checks the room)
    void room.leave(false);
    this.scheduleReconnect();
  }

  private tokenKey(): string {
    return `cocktail.reconnect.${this.options.role}.${this.code}`;
  }

  private forgetToken(): void {
    this.options.storage.removeItem(this.tokenKey());
  }

  /** Stored token first (same seat, same session id), then a fresh join. */
  private async openRoom(): Promise<Room<PartyStateView>> {
    const token = this.options.storage.getItem(this.tokenKey());
    if (token) {
      try {
        return await this.client.reconnect<PartyStateView>(token);
      } catch (err) {
        // Offline or rate-limited: keep the token for the next try. Otherwise the seat expired.
        const kind = toJoinError(err, this.code).kind;
        if (kind === "offline" || kind === "busy") throw err;
        this.forgetToken();
      }
    }
    if (!this.joinOptions) throw new JoinError("refused", "Nothing to join.");
    return this.client.joinById<PartyStateView>(this.code, this.joinOptions);
  }

  private attach(room: Room<PartyStateView>): void {
    this.room = room;
    this.attempt = 0;
    this.options.storage.setItem(this.tokenKey(), room.reconnectionToken);
    room.onStateChange((state) => {
      if (room !== this.room) return;
      this.latest = toPartySnapshot(state);
      this.bus.emit("state", this.latest);
    });
    for (const name of Object.values(ServerMessage)) {
      room.onMessage(name, (payload: unknown) => {
        if (room !== this.room) return;
        if (name === ServerMessage.kicked) this.isKicked = true;
        this.lastMessages.set(name, payload);
        this.bus.emit(name, payload as never);
      });
    }
    room.onLeave((closeCode) => this.handleLeave(room, closeCode));
    // Handlers are in place: ask the room for our private state (welcome, card, result…).
    // It waits for this because messages sent during the join could arrive before we listen.
    room.send(ClientMessage.ready, {});
    this.setStatus({ status: "online" });
  }

  private handleLeave(room: Room<PartyStateView>, closeCode: number): void {
    if (room !== this.room) return;
    this.room = null;
    if (this.isLeaving) return;
    if (this.isKicked || closeCode === CLOSE_KICKED) {
      this.forgetToken();
      this.setStatus({ status: "closed", reason: "The instructor removed you from the party.", kind: "kicked" });
    } else if (closeCode === CLOSE_REPLACED) {
      // Reconnecting here would kick the other tab, which would kick us back, forever.
      this.setStatus({ status: "closed", reason: "You continued in another tab or on another device.", kind: "replaced" });
    } else if (closeCode === CLOSE_CONSENTED) {
      this.forgetToken();
      this.setStatus({ status: "closed", reason: "The party has ended.", kind: "ended" });
    } else {
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    this.stopRetrying();
    this.setStatus({ status: "reconnecting" });
    // 0.5 s, 1 s, 2 s … capped, with jitter so 300 phones do not come back in lockstep.
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.tryReconnect(), base * (0.75 + Math.random() * 0.5));
  }

  private async tryReconnect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.room || this.isLeaving || this.isRetrying) return;
    this.isRetrying = true;
    try {
      const room = await this.openRoom();
      if (this.isLeaving) {
        void room.leave(true);
        return;
      }
      this.attach(room);
    } catch (err) {
      const failure = toJoinError(err, this.code);
      if (failure.kind === "offline" || failure.kind === "busy") {
        this.scheduleReconnect();
      } else {
        const reason = failure.kind === "not_found" ? "The party has ended." : failure.message;
        this.setStatus({ status: "closed", reason, kind: failure.kind === "not_found" ? "ended" : failure.kind });
      }
    } finally {
      this.isRetrying = false;
    }
  }

  private stopRetrying(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setStatus(change: StatusChange): void {
    this.status = change;
    this.bus.emit("status", change);
  }
}
