// The party room: lifecycle hooks, join rules and message dispatch. Game rules live in
// server/party (pure modules); this file validates, checks rights and phases, and sends.
import { Room, ServerError, type Client, type Deferred } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import {
  ClientMessage,
  JoinOptionsSchema,
  ServerMessage,
  type ClientPayload,
  type ErrorCode,
  type ErrorPayload,
  type NoticePayload,
  type HostRosterPayload,
  type JoinOptions,
  type Role,
  type SubmittedPayload,
} from "../../shared/protocol.js";
import { cleanText, TEXT_LIMITS } from "../../shared/text.js";
import type { EngineClient } from "../engine/EngineClient.js";
import type { ServerConfig } from "../config.js";
import { log } from "../log.js";
import { GuestBook, type GuestRecord } from "../party/GuestBook.js";
import { releaseJoinCode } from "../party/joinCodeRegistry.js";
import { restoreFromSnapshot, type RestoredRound } from "../party/partyRestore.js";
import { rankByScore } from "../../shared/partyScoring.js";
import { isProfane } from "../party/profanity.js";
import { maskedResult, moderationOf, visibleText } from "../party/moderation.js";
import { AutoPlayBot } from "../bots/AutoPlayBot.js";
import { botName } from "../bots/partyRehearsal.js";
import { BOT_IDS_SETTING, botRandom } from "../bots/rehearsalBots.js";
import { dealCards, dealLateCard, deckItem, DEFAULT_DECK_ID, getDeck, loadDecks } from "../party/partyDeck.js";
import { newSecret, secretsMatch } from "../party/secrets.js";
import type { PartyStore } from "../storage/PartyStore.js";
import type { JsonObject } from "../storage/storeTypes.js";
import { hashSecret, secretMatchesHash } from "../storage/secretHash.js";
import { GuestState, PartyState } from "./PartyState.js";
import { syncPublicStanding } from "./publicStanding.js";
import { registerMessageHandlers, type HandlerMap } from "./messageDispatch.js";
import { WritingTimer } from "./WritingTimer.js";
import { RevealRunner } from "./RevealRunner.js";
import { buildHostRoster } from "../party/hostRoster.js";
import { MessageRateLimiter } from "./messageRateLimiter.js";
import { DEFAULT_COURSE_STEPS, DEFAULT_MODEL_SENTENCE, ModelRoundRunner, type ModelRoundEngine } from "./ModelRoundRunner.js";
import { ModelInputError } from "../model/ModelClient.js";
import { QuestionError } from "../model/predictionQuestion.js";
import { isWatchedRound } from "../../shared/rounds.js";
import { BlocksRoundRunner, DEFAULT_BLOCKS_SENTENCE, type BlocksEngine } from "./BlocksRoundRunner.js";
import { DEFAULT_SENTENCE_SCENARIO, isSentenceRound, SentenceRoundRunner, type SentenceRoundSettings, type SentenceRoundType } from "./SentenceRoundRunner.js";
import { findSessionScenario, modelReadingProblems } from "../scenarios/sessionScenarios.js";
import { formatProblem } from "../../shared/scenarioCheck.js";
import { RevealBurstHold } from "../RevealBurstHold.js";

/** A reason a round cannot start that the instructor should read as it is. */
class RoundRefusal extends Error {}

/** A new round may start from the lobby or after a reveal, never mid-round. */
function canStartRoundIn(phase: string): boolean {
  return phase === "lobby" || phase === "reveal" || phase === "scores";
}

/** The dashboard and the projector: they see every guest and the staff-only messages. */
function isStaff(client: Client): boolean {
  const role = (client.userData as ClientData | undefined)?.role;
  return role === "host" || role === "screen";
}

/** How long an ended, empty party stays before it is closed. */
const ENDED_PARTY_CLOSE_MS = 10_000;

export type PartyEngine = Pick<EngineClient, "info" | "unknownWords" | "hasKnownWord" | "prepare" | "reveal" | "stats" | "revealsAwaitingWeights">;

export interface PartyServices {
  engine: PartyEngine;
  /** The model and course rounds' worker (trained and untrained model, live training). */
  model: ModelRoundEngine & BlocksEngine;
  config: ServerConfig;
  store: PartyStore;
  /** ws:// address of this very server, for rehearsal bots the dashboard adds. */
  localWsUrl: () => string;
  /** Per-process token that marks those bots' joins. */
  botKey: string;
}

/**
 * Options only this server's PartyDirectory can pass (clients cannot create rooms). A room is
 * always built from its session in the database: empty for a new party, full after a restart.
 */
export interface PartyCreateOptions {
  sessionId: string;
  serverSecret: string;
}

interface ClientData {
  role: Role;
  isBot?: boolean;
  guestId?: string;
  /** The student's plain rejoin secret, echoed in "welcome" (the server keeps only its hash). */
  rejoinSecret?: string;
}



export function createPartyRoomClass(services: PartyServices, serverSecret: string) {
  const patchHold = new RevealBurstHold(() => services.engine.revealsAwaitingWeights > 0, 500);
  return class PartyRoom extends Room<PartyState> {
    override maxClients = services.config.maxGuests + 50; // + hosts and projectors
    override autoDispose = false;
    override state = new PartyState();

    private hostKeyHash = "";
    private sessionId = "";
    private roundId: number | null = null;
    /** The deck this round's cards come from. */
    private deckId = DEFAULT_DECK_ID;
    private writeSeconds = services.config.writeSeconds;
    private guests = new GuestBook();
    private clientsByGuest = new Map<string, Client>();
    /** Pending token reconnects per guest, so a rejoin by secret can release the held seat. */
    private heldSeats = new Map<string, Deferred<Client>>();
    private rateLimiter = new MessageRateLimiter(10, 30);
    private timer = new WritingTimer(this.clock, this.state, () => this.persistWriting());
    private idleTimer: { clear(): void } | null = null;
    /** A reveal asked for and not finished (any round type): a second ask is not an error. */
    private isRevealing = false;
    private reveals = new RevealRunner({
      state: this.state,
      guests: this.guests,
      engine: services.engine,
      store: services.store,
      roundId: () => this.roundId,
      setPhase: (phase) => this.setPhase(phase),
      sendResult: (record) => this.sendResult(record),
      sendToStaff: (type, payload) => this.sendToStaff(type, payload),
      sendToGuest: (guestId, type, payload) => this.clientsByGuest.get(guestId)?.send(type, payload),
    });
    private rosterTimer: { clear(): void } | null = null;
    private modelRounds = new ModelRoundRunner({
      state: this.state,
      guests: this.guests,
      model: services.model,
      store: services.store,
      roundId: () => this.roundId,
      setPhase: (phase) => this.setPhase(phase),
      sendToStaff: (type, payload) => this.sendToStaff(type, payload),
      sendToGuest: (guestId, type, payload) => this.clientsByGuest.get(guestId)?.send(type, payload),
      broadcast: (type, payload) => this.broadcast(type, payload),
    });
    private blocksRound = new BlocksRoundRunner({
      state: this.state,
      model: services.model,
      sendToStaff: (type, payload) => this.sendToStaff(type, payload),
    });
    private sentenceRounds = new SentenceRoundRunner({
      state: this.state,
      guests: this.guests,
      engine: services.engine,
      store: services.store,
      roundId: () => this.roundId,
      setPhase: (phase) => this.setPhase(phase),
      sendToStaff: (type, payload) => this.sendToStaff(type, payload),
      sendToGuest: (guestId, type, payload) => this.clientsByGuest.get(guestId)?.send(type, payload),
    });
    /** A model or course round is being prepared (both models on its sentence): no second start meanwhile. */
    private isStartingRound = false;

    /** Patches wait while other rooms wait for their rows (RevealBurstHold); the room's clock still runs. */
    override broadcastPatch(): boolean {
      if (patchHold.isHolding()) {
        this.clock.tick();
        return false;
      }
      syncPublicStanding(this.state);
      return super.broadcastPatch();
    }

    override onCreate(options: PartyCreateOptions) {
      if (!options || !secretsMatch(options.serverSecret, serverSecret)) {
        throw new ServerError(403, "Parties are created from the dashboard (POST /api/parties)");
      }
      const snapshot = services.store.loadSessionSnapshot(options.sessionId);
      if (!snapshot) throw new ServerError(404, `No session ${options.sessionId}`);
      this.sessionId = snapshot.session.id;
      this.hostKeyHash = snapshot.session.hostKeyHash;
      this.roomId = snapshot.session.code;
      this.writeSeconds = snapshot.session.settings.writeSeconds ?? services.config.writeSeconds;
      this.setPrivate(true);
      this.state.code = snapshot.session.code;
      this.state.maxGuests = services.config.maxGuests;
      this.state.backend = services.engine.info.backend;
      const restored = restoreFromSnapshot(snapshot, this.guests, this.state);
      this.roundId = restored.roundId;
      this.deckId = restored.deckId;
      if (restored.attention && !isSentenceRound(this.state.roundType)) this.reveals.last = { attention: restored.attention, matrix: null };
      if (restored.writingMsLeft > 0) this.timer.open(restored.writingMsLeft);
      else if (restored.pausedMsLeft > 0) this.timer.restorePaused(restored.pausedMsLeft);
      // The question must be back before the bots rejoin: they get it as they join, as a phone does.
      const roundRestored = isWatchedRound(this.state.roundType) ? this.restoreModelRound(restored.settings) : Promise.resolve();
      if (this.state.roundType === "blocks") void this.restoreBlocksRound(restored.settings);
      if (isSentenceRound(this.state.roundType)) this.restoreSentenceRound(this.state.roundType, restored.settings, restored.sentenceResults);
      this.touchClock();
      this.registerHandlers();
      this.scheduleIdleClose();
      void roundRestored.then(() => this.bringBackBots());
    }

    override onAuth(_client: Client, rawOptions: unknown): ClientData {
      const parsed = JoinOptionsSchema.safeParse(rawOptions ?? {});
      if (!parsed.success) throw new ServerError(400, "Join options are not valid");
      const options = parsed.data;
      if (options.role === "host") {
        if (!secretMatchesHash(options.hostKey, this.hostKeyHash)) throw new ServerError(401, "Wrong host key for this party");
        return { role: "host" };
      }
      if (options.role === "screen") return { role: "screen" };
      if (options.botKey !== undefined) {
        if (!secretsMatch(options.botKey, services.botKey)) throw new ServerError(401, "Not a bot of this server");
        if (options.rejoinSecret === undefined) return { role: "student", isBot: true };
        // A bot the room started again after a restart, with the secret the room minted for it.
        const bot = this.guests.findBySecret(options.rejoinSecret);
        if (!bot?.isBot) throw new ServerError(404, "No such rehearsal bot in this party");
        return { role: "student", isBot: true, guestId: bot.id, rejoinSecret: options.rejoinSecret };
      }
      return this.authStudent(options);
    }

    private authStudent(options: JoinOptions): ClientData {
      if (this.guests.isKickedSecret(options.rejoinSecret)) {
        throw new ServerError(403, "The instructor removed you from this party");
      }
      const returning = this.guests.findBySecret(options.rejoinSecret);
      if (returning) return { role: "student", guestId: returning.id, rejoinSecret: options.rejoinSecret };
      if (this.state.phase === "ended") throw new ServerError(410, `Party ${this.state.code} has ended`);
      if (this.state.isLocked) throw new ServerError(423, `Party ${this.state.code} is locked`);
      // Guests who left for good keep their record (and can come back with their secret) but not their seat.
      let seated = 0;
      this.state.guests.forEach((g) => (seated += g.connection === "gone" ? 0 : 1));
      if (seated >= services.config.maxGuests) throw new ServerError(429, `Party ${this.state.code} is full`);
      const name = GuestBook.cleanName(options.name);
      if (!name) throw new ServerError(400, "Please choose a nickname (1–20 characters)");
      if (isProfane(name)) throw new ServerError(400, "Please choose a different nickname");
      if (!this.state.isLateJoinAllowed && this.state.roundNumber > 0) {
        throw new ServerError(423, `Party ${this.state.code} has started and late join is off`);
      }
      return { role: "student" };
    }

    override onJoin(client: Client, rawOptions: JoinOptions, auth: ClientData) {
      // The server's own bots do not keep a party alive: only people do.
      if (!auth.isBot) {
        this.idleTimer?.clear();
        this.idleTimer = null;
      }
      client.userData = auth;
      if (auth.role === "student") this.joinStudent(client, rawOptions, auth);
      this.attachView(client);
      // The state this client gets now must carry the server's clock as it is now: phones count
      // the writing timer down from it, and one from the last phase change is stale by minutes.
      this.touchClock();
    }

    /**
     * What of `guests` this client receives: the dashboard and projector every guest, a phone only
     * its own, so the patch a phone gets when the scores change is the same size in a class of 300
     * as in a class of 5. A reconnected socket gets a fresh view: what the old one had sent is gone.
     */
    private attachView(client: Client) {
      const data = client.userData as ClientData;
      const view = new StateView();
      if (data.role === "student") {
        const own = this.state.guests.get(data.guestId ?? "");
        if (own) view.add(own);
      } else {
        this.state.guests.forEach((g) => view.add(g));
      }
      client.view = view;
    }

    /** The client listens now: send everything private it needs to show the current moment. */
    private onReady(client: Client) {
      const data = client.userData as ClientData;
      if (data.role === "student") {
        const record = this.guests.get(data.guestId ?? "");
        if (!record) return this.refuse(client, "unknown_guest", "You are not a guest of this party");
        client.send(ServerMessage.welcome, { guestId: record.id, name: record.name, rejoinSecret: data.rejoinSecret ?? "" });
        this.sendPrivateState(client, record);
        return;
      }
      this.sendCatchUp(client);
      if (data.role === "host") this.sendRoster(client);
    }

    private joinStudent(client: Client, options: JoinOptions, auth: ClientData) {
      let record = auth.guestId ? this.guests.get(auth.guestId) : undefined;
      if (record) {
        const previous = this.clientsByGuest.get(record.id);
        if (previous && previous !== client) previous.leave(4001); // the same phone, on a new socket
        // A seat still held for the old socket's token reconnect is released: one seat per guest.
        this.heldSeats.get(record.id)?.reject(new Error("rejoined with its secret"));
        this.heldSeats.delete(record.id);
      } else {
        const added = this.guests.add(GuestBook.cleanName(options.name), auth.isBot === true);
        record = added.record;
        auth.guestId = record.id;
        auth.rejoinSecret = added.rejoinSecret;
        services.store.recordPlayer(this.sessionId, { guestId: record.id, name: record.name, seat: record.seat, rejoinSecret: added.rejoinSecret });
        const guest = new GuestState();
        guest.id = record.id;
        guest.name = record.name;
        guest.seat = record.seat;
        guest.isBot = record.isBot;
        guest.rank = this.guests.size;
        this.state.guests.set(record.id, guest);
        for (const c of this.clients) if (isStaff(c)) c.view?.add(guest);
        if (record.isBot) this.rememberBots();
        this.dealLateJoiner(record);
      }
      this.clientsByGuest.set(record.id, client);
      this.setConnection(record.id, "online");
      this.scheduleRoster();
    }

    /** A guest arriving while cards are out gets one too, and plays this round. */
    private dealLateJoiner(record: GuestRecord) {
      if (this.state.phase !== "brief" && !(this.state.phase === "write" && this.state.isWritingOpen)) return;
      if (isWatchedRound(this.state.roundType)) {
        // Nothing to deal in a watched round: whoever arrives before the reveal may predict.
        record.isPlaying = true;
        this.state.guests.get(record.id)!.isPlaying = true;
        return;
      }
      if (isSentenceRound(this.state.roundType)) {
        // A late student takes a word the model was playing (or opens a new table).
        record.isPlaying = this.sentenceRounds.seatLate(record);
        this.state.guests.get(record.id)!.isPlaying = record.isPlaying;
        return;
      }
      const dealt = this.guests.all().flatMap((g) => (g.card && g.isPlaying ? [g.card] : []));
      record.card = dealLateCard(this.deck(), dealt);
      record.isPlaying = true;
      if (this.roundId !== null) services.store.recordCards(this.roundId, [{ guestId: record.id, ...record.card }]);
      this.state.guests.get(record.id)!.isPlaying = true;
    }

    /** What a phone must see again after any (re)connection: its card, its texts, its result. */
    private sendPrivateState(client: Client, record: GuestRecord) {
      if (isWatchedRound(this.state.roundType)) {
        const sentence = this.modelRounds.sentencePayload();
        if (sentence && this.state.phase !== "lobby" && this.state.phase !== "ended") client.send(ServerMessage.modelSentence, sentence);
        if (record.prediction && record.isPlaying) client.send(ServerMessage.predicted, { choice: record.prediction.choice });
        if (record.lastPrediction && (this.state.phase === "reveal" || this.state.phase === "scores" || this.state.phase === "ended")) {
          client.send(ServerMessage.predictionResult, record.lastPrediction);
        }
        return;
      }
      if (isSentenceRound(this.state.roundType)) {
        const [seat, ...rest] = this.sentenceRounds.privateMessages(record.id, this.state.phase);
        if (seat) client.send(...seat);
        if (record.submission && record.isPlaying) client.send(ServerMessage.submitted, record.submission);
        for (const message of rest) client.send(...message);
        return;
      }
      if (record.card && record.isPlaying && this.state.phase !== "lobby") {
        const deck = this.deck();
        client.send(ServerMessage.card, { need: deckItem(deck, record.card.needId).need, offer: deckItem(deck, record.card.offerId).offer });
      }
      if (record.submission && record.isPlaying) client.send(ServerMessage.submitted, record.submission);
      if (record.lastResult && (this.state.phase === "reveal" || this.state.phase === "scores" || this.state.phase === "ended")) {
        client.send(ServerMessage.result, this.visibleResult(record.lastResult));
      }
    }

    /** Another guest's flagged or hidden texts never reach a phone, even inside a result. */
    private visibleResult(result: NonNullable<GuestRecord["lastResult"]>) {
      return maskedResult(result, (id) => this.guests.get(id)?.moderation ?? "ok");
    }

    /** Hosts and projectors joining mid-round get the current lines. */
    private sendCatchUp(client: Client) {
      if (isWatchedRound(this.state.roundType)) return this.modelRounds.catchUp((type, payload) => client.send(type, payload));
      if (this.state.roundType === "blocks") return this.blocksRound.catchUp((type, payload) => client.send(type, payload));
      if (isSentenceRound(this.state.roundType)) {
        this.sentenceRounds.catchUp((type, payload) => client.send(type, payload));
        if (this.state.roundType === "heads") client.send(ServerMessage.headFocus, { head: this.modelRounds.shownHead });
        return;
      }
      if (this.reveals.last && (this.state.phase === "reveal" || this.state.phase === "scores")) {
        client.send(ServerMessage.attention, this.reveals.last.attention);
      }
    }

    override async onLeave(client: Client, isConsented: boolean) {
      const data = client.userData as ClientData | undefined;
      this.rateLimiter.forget(client.sessionId);
      if (!data?.guestId || this.clientsByGuest.get(data.guestId) !== client) {
        // Hosts get their seat held; a projector has nothing private and simply joins again.
        if (data?.role === "host" && !isConsented) await this.holdSeat(client);
        this.scheduleIdleCloseIfEmpty();
        return;
      }
      const guestId = data.guestId;
      if (isConsented) {
        this.setConnection(guestId, "gone");
        this.clientsByGuest.delete(guestId);
      } else {
        this.setConnection(guestId, "reconnecting");
        const back = await this.holdSeat(client, guestId);
        if (back && this.guests.get(guestId)) {
          this.clientsByGuest.set(guestId, back);
          this.setConnection(guestId, "online");
          this.touchClock();
        } else if (this.clientsByGuest.get(guestId) === client) {
          this.clientsByGuest.delete(guestId);
          this.setConnection(guestId, "gone");
        }
      }
      this.scheduleRoster();
      this.scheduleIdleCloseIfEmpty();
    }

    /** Keeps the seat for a token reconnect; resolves with the new client, or null when it expires. */
    private async holdSeat(client: Client, guestId?: string): Promise<Client | null> {
      const held = this.allowReconnection(client, services.config.reconnectSeconds);
      if (guestId) this.heldSeats.set(guestId, held);
      try {
        const back = await held;
        back.userData = client.userData;
        this.attachView(back);
        return back;
      } catch {
        return null;
      } finally {
        if (guestId && this.heldSeats.get(guestId) === held) this.heldSeats.delete(guestId);
      }
    }

    /** Declaring this makes Colyseus catch what a hook or handler throws: the room keeps running. */
    override onUncaughtException(error: Error, methodName: string) {
      // A ServerError thrown on purpose (locked, full, wrong key) arrives here wrapped too.
      if (error.cause instanceof ServerError) {
        log.debug(`party ${this.state.code}: refused join: ${error.cause.message}`);
        return;
      }
      log.error(`party ${this.state.code}: uncaught exception in ${methodName}`, { error: error.stack ?? String(error) });
    }

    override onDispose() {
      releaseJoinCode(this.state.code);
      this.timer.close(true);
      this.idleTimer?.clear();
      this.rosterTimer?.clear();
    }

    // ---- message dispatch ------------------------------------------------------------------

    private registerHandlers() {
      const handlers: HandlerMap = {
        [ClientMessage.ready]: (c) => this.onReady(c),
        [ClientMessage.submit]: (c, p) => this.onSubmit(c, p),
        [ClientMessage.startRound]: (c, p) => this.onStartRound(c, p),
        [ClientMessage.startWriting]: (c) => this.onStartWriting(c),
        [ClientMessage.endWriting]: (c) => this.onEndWriting(c),
        [ClientMessage.reveal]: (c) => this.onReveal(c),
        [ClientMessage.showScores]: (c) => this.onShowScores(c),
        [ClientMessage.endSession]: () => {
          services.store.endSession(this.sessionId);
          this.setPhase("ended");
        },
        [ClientMessage.kick]: (c, p) => this.onKick(c, p.guestId),
        [ClientMessage.setLocked]: (_c, p) => {
          services.store.updateSessionSettings(this.sessionId, { isLocked: p.isLocked });
          this.state.isLocked = p.isLocked;
        },
        [ClientMessage.setLateJoin]: (_c, p) => {
          services.store.updateSessionSettings(this.sessionId, { isLateJoinAllowed: p.isAllowed });
          this.state.isLateJoinAllowed = p.isAllowed;
        },
        [ClientMessage.requestMatrix]: (c) => this.onRequestMatrix(c),
        [ClientMessage.assignCards]: (c, p) => this.onAssignCards(c, p),
        [ClientMessage.extendTimer]: (c, p) => this.onExtendTimer(c, p.seconds),
        [ClientMessage.pauseTimer]: (c) => this.onPauseTimer(c),
        [ClientMessage.resumeTimer]: (c) => this.onResumeTimer(c),
        [ClientMessage.skipRound]: (c) => this.onSkipRound(c),
        [ClientMessage.moderate]: (c, p) => this.onModerate(c, p),
        [ClientMessage.renameGuest]: (c, p) => this.onRenameGuest(c, p),
        [ClientMessage.setAttention]: (c, p) => this.onSetAttention(c, p),
        [ClientMessage.addBots]: (c, p) => this.onAddBots(c, p.count),
        [ClientMessage.focusGuest]: (c, p) => this.onFocusGuest(c, p.guestId),
        [ClientMessage.predict]: (c, p) => this.onPredict(c, p.choice),
        [ClientMessage.modelSentence]: (c, p) => this.onModelSentence(c, p.sentence),
        [ClientMessage.selectHead]: (c, p) => {
          const hasHeads = isWatchedRound(this.state.roundType) || this.state.roundType === "heads";
          if (!this.requirePhase(c, hasHeads, "Heads are chosen in model, course and heads rounds")) return;
          // The model runner keeps the choice for projectors that join later, whatever the round.
          this.modelRounds.selectHead(p.head);
        },
        [ClientMessage.stopCourse]: (c) => this.onStopCourse(c),
        [ClientMessage.blocksStep]: (c, p) => {
          if (!this.requirePhase(c, this.state.roundType === "blocks" && this.blocksRound.isActive, "There is no walk-through to step through")) return;
          this.blocksRound.setStep(p.step);
        },
      };
      registerMessageHandlers(this, handlers, {
        roleOf: (client) => (client.userData as ClientData | undefined)?.role,
        isEnded: () => this.state.phase === "ended",
        refuse: (client, code, message) => this.refuse(client, code, message),
        fail: (client, name, error) => this.fail(client, name, error),
      }, this.rateLimiter);
    }

    private fail(client: Client, name: string, error: unknown) {
      log.error(`party ${this.state.code}: "${name}" failed`, { error: String(error) });
      this.refuse(client, "engine_failed", `Could not handle "${name}"; the party goes on`);
    }

    private refuse(client: Client, code: ErrorCode, message: string, extra: Partial<ErrorPayload> = {}) {
      log.debug(`party ${this.state.code}: refused (${code}) ${message}`, { client: client.sessionId });
      client.send(ServerMessage.error, { code, message, ...extra } satisfies ErrorPayload);
    }

    /** The round went ahead without these words: a notice, not an error (nothing was refused). */
    private notifyUnknownWords(client: Client, words: string[], message: string) {
      client.send(ServerMessage.notice, { code: "unknown_words", message, words } satisfies NoticePayload);
    }

    private requirePhase(client: Client, ok: boolean, message: string): boolean {
      if (!ok) this.refuse(client, "wrong_phase", message);
      return ok;
    }

    // ---- students ----------------------------------------------------------------------------

    private onSubmit(client: Client, payload: ClientPayload<"submit">) {
      const record = this.guests.get((client.userData as ClientData).guestId ?? "");
      if (!record) return this.refuse(client, "unknown_guest", "You are not a guest of this party");
      if (!this.requirePhase(client, this.state.phase === "write" && this.state.isWritingOpen, "Writing is closed right now")) return;
      if (!this.requirePhase(client, record.isPlaying, "You joined mid-round; you play from the next round")) return;
      if (!this.requirePhase(client, !isWatchedRound(this.state.roundType), "This round has nothing to write: answer the question instead")) return;
      const texts = {
        query: cleanText(payload.query, TEXT_LIMITS.query),
        key: cleanText(payload.key, TEXT_LIMITS.key),
        value: cleanText(payload.value, TEXT_LIMITS.value),
      };
      // Sentence and heads rounds: the value is optional; the word itself is what it hands over.
      if (isSentenceRound(this.state.roundType) && texts.value === "") texts.value = this.sentenceRounds.wordOf(record.id) ?? "";
      const empty = (Object.keys(texts) as Array<keyof typeof texts>).filter((f) => texts[f] === "");
      if (empty.length > 0) {
        const labels = { query: "query", key: "name tag", value: "value" };
        return this.refuse(client, "empty_fields", `Please fill in: ${empty.map((f) => labels[f]).join(", ")}`, { fields: empty });
      }
      const engine = services.engine;
      // A text the encoder cannot read at all (only emoji, symbols or made-up words) becomes a zero
      // vector: its attention would be flat and its points luck. Say so instead of accepting it.
      // The seat's own word (a sentence round's stand-in value, or a name tag that is just "a") is
      // the scenario's, already checked, and never counts against the student.
      const seatWord = isSentenceRound(this.state.roundType) ? this.sentenceRounds.wordOf(record.id) : undefined;
      const unreadable = (Object.keys(texts) as Array<keyof typeof texts>).filter((f) => texts[f] !== seatWord && !engine.hasKnownWord(texts[f]));
      if (unreadable.length > 0) {
        const labels = { query: "query", key: "name tag", value: "value" };
        const names = unreadable.map((f) => labels[f]).join(" and ");
        return this.refuse(client, "empty_fields", `The model can't read any word in your ${names} (emoji and made-up words are skipped): use real words`, { fields: unreadable });
      }
      const submitted: SubmittedPayload = {
        ...texts,
        unknownWords: { query: engine.unknownWords(texts.query), key: engine.unknownWords(texts.key), value: engine.unknownWords(texts.value) },
      };
      // Stored before the acknowledgement: what a phone was told is saved survives a crash.
      const moderation = moderationOf(texts);
      services.store.recordSubmission(this.roundId!, { guestId: record.id, ...submitted, moderation });
      record.submission = submitted;
      record.moderation = moderation;
      this.state.guests.get(record.id)!.hasSubmitted = true;
      client.send(ServerMessage.submitted, submitted);
      // Encoded by the worker while the others still write: the reveal has only attention left.
      engine.prepare(texts);
      this.scheduleRoster();
    }

    // ---- instructor --------------------------------------------------------------------------

    private onStartRound(client: Client, payload: ClientPayload<"host:startRound">) {
      const phase = this.state.phase;
      if (!this.requirePhase(client, canStartRoundIn(phase), `Cannot start a round during "${phase}"`)) return;
      if (!this.requirePhase(client, !this.isStartingRound, "A round is being prepared; wait a moment")) return;
      if (isWatchedRound(payload.roundType)) return this.startModelRound(client, payload, payload.roundType);
      if (isSentenceRound(payload.roundType)) return this.startSentenceRound(client, payload, payload.roundType);
      if (payload.roundType === "blocks") return this.startBlocksRound(client, payload.sentence);
      if (payload.roundType !== "party") {
        return this.refuse(client, "bad_message", `“${payload.roundType}” rounds are not playable in this version yet`);
      }
      const present = this.presentGuests();
      if (present.length < 2) return this.refuse(client, "wrong_phase", "A party round needs at least 2 guests");
      this.applyWriteSeconds(payload.writeSeconds);
      if (payload.deckId !== undefined && !loadDecks().has(payload.deckId)) {
        return this.refuse(client, "bad_message", `No deck "${payload.deckId}"; choose one of ${[...loadDecks().keys()].join(", ")}`);
      }
      this.deckId = payload.deckId ?? DEFAULT_DECK_ID;
      this.modelRounds.clear();
      const cards = dealCards(this.deck(), present.length);
      this.roundId = services.store.startRound(this.sessionId, {
        number: this.state.roundNumber + 1,
        type: payload.roundType,
        settings: { deckId: this.deckId },
        cards: present.map((record, i) => ({ guestId: record.id, ...cards[i] })),
      });
      this.resetForRound(present, payload.roundType);
      present.forEach((record, i) => (record.card = cards[i]));
      this.setPhase("brief");
      for (const record of present) {
        const c = this.clientsByGuest.get(record.id);
        if (c) this.sendPrivateState(c, record);
      }
      // (Cards go out as targeted messages only; the state above says nothing about them.)
      this.scheduleRoster();
    }

    /** Clears last round's private and public per-guest facts; `present` play the new round. */
    private resetForRound(present: GuestRecord[], roundType: string) {
      for (const record of this.guests.all()) {
        record.card = null;
        record.submission = null;
        record.lastResult = null;
        record.prediction = null;
        record.lastPrediction = null;
        record.isPlaying = false;
        record.moderation = "ok";
      }
      for (const record of present) record.isPlaying = true;
      this.reveals.last = null;
      this.sentenceRounds.clear();
      this.blocksRound.clear();
      this.modelRounds.selectHead(null); // a new round starts showing all heads
      this.state.roundNumber += 1;
      this.state.roundType = roundType;
      this.state.guests.forEach((g) => {
        g.hasSubmitted = false;
        g.nameTag = "";
        g.lastPoints = 0;
        g.isPlaying = this.guests.get(g.id)?.isPlaying ?? false;
      });
    }

    // ---- sentence and heads rounds ------------------------------------------------------------

    /**
     * The scenario is resolved and the trained model reads its sentence (for the words it plays)
     * before anything changes: a bad scenario leaves the party as it was.
     *
     * Masks: these rounds use the instructor's toggles as they stand, which start as "no
     * self-attention, not causal". A word may legitimately attend to itself in a real sentence,
     * but the answer key never names the word itself (the checker refuses it) and the model's
     * texts are built from its attention to the other words, so on a table of a few words a
     * query that resembles its own name tag would only cost points the key cannot give back.
     * Causal stays off because keys point forward too ("sat" looks for "mat"). The instructor
     * can flip either after the reveal and every table is recomputed.
     */
    private async startSentenceRound(client: Client, payload: ClientPayload<"host:startRound">, roundType: SentenceRoundType) {
      const scenarioId = payload.scenarioId ?? DEFAULT_SENTENCE_SCENARIO;
      const scenario = findSessionScenario(services.store, this.sessionId, scenarioId);
      if (!scenario) return this.refuse(client, "bad_message", `No scenario "${scenarioId}"; the dashboard lists the scenarios (GET /api/scenarios)`);
      if (scenario.kind !== "sentence") return this.refuse(client, "bad_message", `“${scenario.title}” is a party scenario: play it as a party round`);
      const modelTexts = await this.prepareRound(client, async () => {
        const attend = await services.model.attend(scenario.sentence);
        const problems = modelReadingProblems(scenario, attend.trained, attend.unknownWords);
        if (problems.length > 0) throw new RoundRefusal(`Scenario "${scenario.id}": ${problems.map(formatProblem).join("; ")}`);
        return SentenceRoundRunner.modelTexts(scenario, roundType, attend);
      });
      if (!modelTexts) return;
      const present = this.presentGuests();
      if (present.length < 1) return this.refuse(client, "wrong_phase", "A sentence round needs at least 1 guest (the model plays the other words)");
      this.applyWriteSeconds(payload.writeSeconds);
      this.modelRounds.clear();
      const seed = Math.floor(Math.random() * 2 ** 31);
      const settings = SentenceRoundRunner.plan(scenario, roundType, present.map((g) => g.id), modelTexts, seed);
      this.roundId = services.store.startRound(this.sessionId, {
        number: this.state.roundNumber + 1,
        type: roundType,
        settings: settings as unknown as JsonObject,
      });
      this.resetForRound(present, roundType);
      this.setPhase("brief");
      this.sentenceRounds.begin(roundType, settings);
      this.scheduleRoster();
    }

    private restoreSentenceRound(type: SentenceRoundType, settings: Record<string, unknown>, results: RestoredRound["sentenceResults"]) {
      if (!settings.scenario || !settings.seating || !settings.modelTexts) {
        log.error(`party ${this.state.code}: the ${type} round's settings are incomplete; it cannot be restored`);
        return;
      }
      this.sentenceRounds.restore(type, settings as unknown as SentenceRoundSettings, results);
    }

    private async revealSentenceRound(client: Client) {
      if (this.sentenceRounds.submittedCount() < 1) return this.refuse(client, "wrong_phase", "At least 1 student must submit before the reveal");
      this.timer.close(true);
      await this.sentenceRounds.reveal(false);
      this.scheduleRoster();
    }

    // ---- model and course rounds -------------------------------------------------------------

    /** Both models must handle the sentence before anything changes: a bad sentence leaves the party as it was. */
    private async startModelRound(client: Client, payload: ClientPayload<"host:startRound">, roundType: "model" | "course") {
      const sentence = payload.sentence?.trim() || DEFAULT_MODEL_SENTENCE;
      const prepared = await this.prepareRound(client, () => this.modelRounds.prepare(sentence));
      if (!prepared) return;
      this.applyWriteSeconds(payload.writeSeconds);
      const courseSteps = payload.courseSteps ?? DEFAULT_COURSE_STEPS;
      const present = this.presentGuests();
      this.roundId = services.store.startRound(this.sessionId, {
        number: this.state.roundNumber + 1,
        type: roundType,
        settings: { sentence, courseSteps },
      });
      this.resetForRound(present, roundType);
      this.setPhase("brief");
      this.modelRounds.begin(roundType, prepared, courseSteps);
      if (prepared.attend.unknownWords.length > 0) {
        this.notifyUnknownWords(client, prepared.attend.unknownWords, `The models do not know: ${prepared.attend.unknownWords.join(", ")} — left out of the sentence`);
      }
      this.scheduleRoster();
    }

    /** After a restart: both models are deterministic, so the sentence and question come back as they were. */
    private async restoreModelRound(settings: Record<string, unknown>) {
      const type = this.state.roundType as "model" | "course";
      const sentence = typeof settings.sentence === "string" ? settings.sentence : DEFAULT_MODEL_SENTENCE;
      const courseSteps = typeof settings.courseSteps === "number" ? settings.courseSteps : DEFAULT_COURSE_STEPS;
      try {
        const prepared = await this.modelRounds.prepare(sentence);
        // A course cut off mid-training cannot resume its steps: it shows as finished without a result.
        if (type === "course" && this.state.phase === "reveal") this.setPhase("scores");
        this.modelRounds.restore(type, prepared, courseSteps, this.state.phase);
      } catch (error) {
        log.error(`party ${this.state.code}: could not restore the ${type} round`, { error: String(error) });
      }
    }

    private refuseSentence(client: Client, error: unknown) {
      const isForTheInstructor = error instanceof ModelInputError || error instanceof QuestionError || error instanceof RoundRefusal;
      if (isForTheInstructor) return this.refuse(client, "bad_message", error.message);
      this.fail(client, "model", error);
    }

    /**
     * A round whose start needs a worker (both models on a sentence, the walk-through, the model's
     * texts for a scenario): other starts wait meanwhile, a refusal reaches the instructor, and
     * the phase is checked again afterwards — the party may have moved on. Null: refused.
     */
    private async prepareRound<T>(client: Client, prepare: () => Promise<T>): Promise<T | null> {
      this.isStartingRound = true;
      try {
        const prepared = await prepare();
        const phase = this.state.phase;
        if (!this.requirePhase(client, canStartRoundIn(phase), `Cannot start a round during "${phase}"`)) return null;
        return prepared;
      } catch (error) {
        this.refuseSentence(client, error);
        return null;
      } finally {
        this.isStartingRound = false;
      }
    }

    /** Guests still at the party (online or reconnecting): the ones a new round seats. */
    private presentGuests(): GuestRecord[] {
      return this.guests.all().filter((g) => this.state.guests.get(g.id)?.connection !== "gone");
    }

    /** A round may bring its own time for writing or answering; it becomes the party's default. */
    private applyWriteSeconds(seconds: number | undefined) {
      if (!seconds) return;
      this.writeSeconds = seconds;
      services.store.updateSessionSettings(this.sessionId, { writeSeconds: seconds });
    }

    private onPredict(client: Client, choice: number) {
      const record = this.guests.get((client.userData as ClientData).guestId ?? "");
      if (!record) return this.refuse(client, "unknown_guest", "You are not a guest of this party");
      if (!this.requirePhase(client, isWatchedRound(this.state.roundType), "There is no question in this round")) return;
      if (!this.requirePhase(client, this.state.phase === "write" && this.state.isWritingOpen, "Answers are closed right now")) return;
      if (!this.requirePhase(client, record.isPlaying, "You joined mid-round; you play from the next round")) return;
      const problem = this.modelRounds.predict(record, choice);
      if (problem) return this.refuse(client, "bad_message", problem);
      this.state.guests.get(record.id)!.hasSubmitted = true;
      client.send(ServerMessage.predicted, { choice });
      this.scheduleRoster();
    }

    private async onModelSentence(client: Client, sentence: string) {
      const isShowing = this.state.roundType === "model" && (this.state.phase === "reveal" || this.state.phase === "scores");
      if (!this.requirePhase(client, isShowing, "A new sentence can be tried after a model round's reveal")) return;
      try {
        await this.modelRounds.showSentence(sentence);
      } catch (error) {
        this.refuseSentence(client, error);
      }
    }

    // ---- blocks round -------------------------------------------------------------------------

    /** The walk-through is computed before anything changes: a bad sentence leaves the party as it was. */
    private async startBlocksRound(client: Client, typed: string | undefined) {
      const sentence = typed?.trim() || DEFAULT_BLOCKS_SENTENCE;
      const payload = await this.prepareRound(client, () => this.blocksRound.prepare(sentence));
      if (!payload) return;
      const present = this.presentGuests();
      this.roundId = services.store.startRound(this.sessionId, { number: this.state.roundNumber + 1, type: "blocks", settings: { sentence } });
      this.resetForRound(present, "blocks");
      this.modelRounds.clear();
      // Nothing to write or predict: the walk-through is on screen from the start.
      services.store.setRoundPhase(this.roundId, "reveal");
      this.setPhase("reveal");
      this.blocksRound.begin(payload);
      if (payload.unknownWords.length > 0) {
        this.notifyUnknownWords(client, payload.unknownWords, `The model does not know: ${payload.unknownWords.join(", ")} — left out of the walk-through`);
      }
    }

    private async restoreBlocksRound(settings: Record<string, unknown>) {
      try {
        const payload = await this.blocksRound.prepare(typeof settings.sentence === "string" ? settings.sentence : DEFAULT_BLOCKS_SENTENCE);
        this.blocksRound.begin(payload);
      } catch (error) {
        log.error(`party ${this.state.code}: could not restore the blocks round`, { error: String(error) });
      }
    }

    private async onStopCourse(client: Client) {
      if (!this.requirePhase(client, this.modelRounds.isTraining, "No course is training")) return;
      await this.modelRounds.stopCourse(true);
    }

    private onAssignCards(client: Client, payload: ClientPayload<"host:assignCards">) {
      if (!this.requirePhase(client, this.state.phase === "brief", "Cards can be chosen during the brief only")) return;
      const deck = this.deck();
      const known = new Set(deck.items.map((i) => i.id));
      for (const card of payload.cards) {
        const record = this.guests.get(card.guestId);
        if (!record?.isPlaying) return this.refuse(client, "unknown_guest", `No playing guest ${card.guestId}`);
        const bad = [card.needId, card.offerId].find((id) => !known.has(id));
        if (bad) return this.refuse(client, "bad_message", `Deck "${deck.id}" has no item "${bad}"`);
      }
      services.store.recordCards(this.roundId!, payload.cards);
      for (const card of payload.cards) {
        const record = this.guests.get(card.guestId)!;
        record.card = { needId: card.needId, offerId: card.offerId };
        const c = this.clientsByGuest.get(record.id);
        if (c) this.sendPrivateState(c, record);
      }
      this.scheduleRoster();
    }

    private deck() {
      return getDeck(this.deckId);
    }

    private onStartWriting(client: Client) {
      if (!this.requirePhase(client, this.state.phase === "brief", "Writing starts after the brief")) return;
      this.setPhase("write");
      this.timer.open(this.writeSeconds * 1000);
      this.modelRounds.openQuestion(this.writeSeconds * 1000);
    }

    private persistWriting() {
      if (this.roundId === null) return;
      services.store.setRoundPhase(this.roundId, "write", {
        isOpen: this.state.isWritingOpen,
        endsAt: this.state.phaseEndsAt || null,
        pausedMsLeft: this.timer.msLeftWhilePaused,
      });
    }

    private onEndWriting(client: Client) {
      if (!this.requirePhase(client, this.state.phase === "write" && this.state.isWritingOpen, "Writing is not open")) return;
      this.timer.close();
    }

    private onExtendTimer(client: Client, seconds: number) {
      if (!this.requirePhase(client, this.state.phase === "write" && this.state.isWritingOpen, "No timer is running")) return;
      this.timer.extend(seconds);
    }

    private async onReveal(client: Client) {
      // A double click, or two dashboards at once: the reveal under way (or done) answers both.
      if (this.isRevealing || this.state.phase === "reveal") return;
      if (!this.requirePhase(client, this.state.phase === "write" && !this.reveals.isRunning, "Reveal comes after writing")) return;
      this.isRevealing = true;
      try {
        await this.revealRound(client);
      } finally {
        this.isRevealing = false;
      }
    }

    private async revealRound(client: Client) {
      if (isSentenceRound(this.state.roundType)) return this.revealSentenceRound(client);
      if (isWatchedRound(this.state.roundType)) {
        this.timer.close(true);
        const participants = this.guests.all().filter((g) => g.isPlaying && this.state.guests.has(g.id));
        await this.modelRounds.reveal(participants);
        this.scheduleRoster();
        return;
      }
      const participants = this.guests.all().filter((g) => g.isPlaying && g.submission && g.card);
      if (participants.length < 2) return this.refuse(client, "wrong_phase", "At least 2 guests must submit before the reveal");
      this.timer.close(true);
      await this.reveals.run(participants, false);
    }

    private sendResult(record: GuestRecord) {
      const c = this.clientsByGuest.get(record.id);
      if (c && record.lastResult) c.send(ServerMessage.result, this.visibleResult(record.lastResult));
    }

    private sendToStaff(type: string, payload: unknown) {
      for (const c of this.clients) if (isStaff(c)) c.send(type, payload);
    }

    private onPauseTimer(client: Client) {
      if (!this.requirePhase(client, this.state.phase === "write" && this.state.isWritingOpen && !this.state.isPaused, "No running timer to pause")) return;
      this.timer.pause();
    }

    private onResumeTimer(client: Client) {
      if (!this.requirePhase(client, this.state.isPaused, "The timer is not paused")) return;
      this.timer.resume();
    }

    /** Drops the current round without a reveal: nobody gains or loses points. */
    private onSkipRound(client: Client) {
      if (!this.requirePhase(client, this.state.phase === "brief" || this.state.phase === "write", "Only a round in brief or writing can be skipped")) return;
      if (this.roundId !== null) services.store.setRoundPhase(this.roundId, "scores");
      for (const record of this.guests.all()) record.isPlaying = false;
      this.state.guests.forEach((g) => (g.isPlaying = false));
      this.modelRounds.clear();
      this.sentenceRounds.clear();
      this.setPhase("scores");
    }

    private onModerate(client: Client, payload: ClientPayload<"host:moderate">) {
      const record = this.guests.get(payload.guestId);
      if (!record?.submission) return this.refuse(client, "unknown_guest", "That guest has no texts this round");
      record.moderation = payload.action === "approve" ? "approved" : "hidden";
      if (this.roundId !== null) services.store.setModeration(this.roundId, record.id, record.moderation);
      const guest = this.state.guests.get(record.id);
      if (guest && guest.nameTag !== "") guest.nameTag = visibleText(record.submission.key, record.moderation);
      if (this.state.phase === "reveal" || this.state.phase === "scores") for (const r of this.reveals.participants()) this.sendResult(r);
      this.scheduleRoster();
    }

    private onRenameGuest(client: Client, payload: ClientPayload<"host:renameGuest">) {
      const record = this.guests.get(payload.guestId);
      if (!record) return this.refuse(client, "unknown_guest", "No such guest");
      const cleaned = GuestBook.cleanName(payload.name);
      if (!cleaned || isProfane(cleaned)) return this.refuse(client, "bad_message", "Choose a different name (1–20 characters)");
      record.name = cleaned.toLowerCase() === record.name.toLowerCase() ? cleaned : this.guests.uniqueName(cleaned);
      this.state.guests.get(record.id)!.name = record.name;
      services.store.renamePlayer(this.sessionId, record.id, record.name);
      this.scheduleRoster();
    }

    private async onSetAttention(_client: Client, payload: ClientPayload<"host:setAttention">) {
      this.state.sharpness = payload.sharpness;
      this.state.isSelfAttentionBlocked = payload.isSelfAttentionBlocked;
      this.state.isCausal = payload.isCausal;
      services.store.updateSessionSettings(this.sessionId, { ...payload });
      const isShowing = this.state.phase === "reveal" || this.state.phase === "scores";
      if (isShowing && isSentenceRound(this.state.roundType) && this.sentenceRounds.isRevealed) {
        await this.sentenceRounds.reveal(true);
        return;
      }
      if (isShowing && this.reveals.last) await this.reveals.run(this.reveals.participants(), true);
    }

    private onAddBots(client: Client, count: number) {
      let seated = 0;
      this.state.guests.forEach((g) => (seated += g.connection === "gone" ? 0 : 1));
      const room = services.config.maxGuests - seated;
      if (room <= 0) return this.refuse(client, "wrong_phase", "The party is full");
      const botCount = this.guests.all().filter((g) => g.isBot).length;
      for (let i = 0; i < Math.min(count, room); i++) this.startBot(botName(botCount + i));
    }

    private startBot(name: string, rejoinSecret?: string) {
      const bot = new AutoPlayBot(services.localWsUrl(), name, services.botKey, { random: botRandom(this.sessionId, name), rejoinSecret });
      bot.start(this.state.code).catch((error: unknown) => log.warn(`party ${this.state.code}: a rehearsal bot could not join`, { error: String(error) }));
    }

    /** The bots' guest ids go into the session's settings: a party restored after a restart knows them. */
    private rememberBots() {
      const ids = this.guests.all().filter((g) => g.isBot).map((g) => g.id);
      services.store.updateSessionSettings(this.sessionId, { [BOT_IDS_SETTING]: ids });
    }

    /**
     * After a restart the bots (the server's own clients) died with the old process: each comes
     * back as its guest — seat, points, card or seat, and texts or pick already stored — with a
     * rejoin secret minted now (the stored one was never kept) and this process's bot key.
     */
    private bringBackBots() {
      if (this.state.phase === "ended") return;
      for (const record of this.guests.all()) {
        if (!record.isBot || this.clientsByGuest.has(record.id)) continue;
        const rejoinSecret = newSecret();
        record.rejoinSecretHash = hashSecret(rejoinSecret);
        this.startBot(record.name, rejoinSecret);
      }
    }

    private onShowScores(client: Client) {
      if (!this.requirePhase(client, this.state.phase === "reveal", "Scores come after the reveal")) return;
      if (!this.requirePhase(client, !this.modelRounds.isTraining, "The course is still training: stop it first, or wait for it to finish")) return;
      services.store.setRoundPhase(this.roundId!, "scores");
      this.setPhase("scores");
    }

    private async onRequestMatrix(client: Client) {
      const matrix = await this.reveals.matrix();
      if (!matrix) return this.refuse(client, "wrong_phase", "No reveal yet");
      client.send(ServerMessage.matrix, matrix);
    }

    private onKick(client: Client, guestId: string) {
      const record = this.guests.kick(guestId);
      if (!record) return this.refuse(client, "unknown_guest", "No such guest");
      services.store.markKicked(this.sessionId, guestId);
      this.state.guests.delete(guestId);
      // Ranks close the gap the removed guest leaves (no leaderboard without a #1).
      const standing = [...this.state.guests.values()];
      rankByScore(standing.map((g) => g.score)).forEach((rank, i) => (standing[i].rank = rank));
      const target = this.clientsByGuest.get(guestId);
      this.clientsByGuest.delete(guestId);
      if (target) {
        target.send(ServerMessage.kicked, { message: "The instructor removed you from this party" });
        target.leave(4003);
      }
      this.scheduleRoster();
    }

    private onFocusGuest(_client: Client, guestId: string | null) {
      for (const c of this.clients) if (isStaff(c)) c.send(ServerMessage.focus, { guestId });
    }

    // ---- helpers ----------------------------------------------------------------------------

    private setPhase(phase: PartyState["phase"]) {
      if (phase !== "write") this.timer.close(true);
      this.state.phase = phase;
      this.touchClock();
    }

    private touchClock() {
      this.state.serverNow = Date.now();
    }

    private setConnection(guestId: string, connection: GuestState["connection"]) {
      const g = this.state.guests.get(guestId);
      if (g) g.connection = connection;
    }

    private rosterPayload(): HostRosterPayload {
      const sentenceSeatOf = isSentenceRound(this.state.roundType) ? (id: string) => this.sentenceRounds.rosterSeat(id) : undefined;
      return buildHostRoster(this.guests.all(), this.deck(), sentenceSeatOf);
    }

    private sendRoster(client: Client) {
      client.send(ServerMessage.hostRoster, this.rosterPayload());
    }

    /** Coalesces bursts (30 phones submitting in a second) into one roster message per 200 ms. */
    private scheduleRoster() {
      if (this.rosterTimer) return;
      this.rosterTimer = this.clock.setTimeout(() => {
        this.rosterTimer = null;
        const hosts = this.clients.filter((c) => (c.userData as ClientData | undefined)?.role === "host");
        if (hosts.length === 0) return;
        const payload = this.rosterPayload();
        for (const h of hosts) h.send(ServerMessage.hostRoster, payload);
      }, 200);
    }

    /** Clients that are people (phones, dashboards, projectors), not the server's own bots. */
    private peopleCount(): number {
      return this.clients.filter((c) => !(c.userData as ClientData | undefined)?.isBot).length;
    }

    private scheduleIdleCloseIfEmpty() {
      if (this.peopleCount() === 0) this.scheduleIdleClose();
    }

    /**
     * An empty party waits for its people (a laptop closed, a server restart) for
     * IDLE_PARTY_MINUTES; an ended one has nothing to come back to and frees its slot in
     * seconds — its record stays in the database for the report.
     */
    private scheduleIdleClose() {
      this.idleTimer?.clear();
      const waitMs = this.state.phase === "ended" ? ENDED_PARTY_CLOSE_MS : services.config.idlePartyMinutes * 60_000;
      this.idleTimer = this.clock.setTimeout(() => {
        if (this.peopleCount() === 0) this.disconnect();
      }, waitMs);
    }
  };
}
